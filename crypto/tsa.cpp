#include "crypto/tsa.hpp"

#include "common/error.hpp"
#include "asn1/cms_view.hpp"
#include "asn1/der.hpp"
#include "crypto/digest.hpp"
#include "crypto/handles.hpp"
#include "net/http.hpp"
#include "crypto/nss_util.hpp"

#include <certdb.h>
#include <cms.h>
#include <pk11pub.h>
#include <prerror.h>
#include <secerr.h>

#include <memory>

namespace bsre::crypto {

namespace {

constexpr const char* kTstInfoOid = "1.2.840.113549.1.9.16.1.4";

[[noreturn]] void badToken(const std::string& en, const std::string& id, bool trustOnly = false)
{
    throw TokenRejected(en, id, trustOnly);
}

struct TstInfo {
    Bytes imprint;
    std::string hashOid;
    std::optional<Bytes> nonce; // INTEGER content
    std::string genTime;
    std::string_view der;       // the TSTInfo encoding (what the token signs)
};

// The token's SignedData, read once; its faults said as a check that failed.
der::SignedDataView tokenSignedData(const Bytes& token)
{
    try {
        return der::parseSignedData(token);
    } catch (const der::MalformedCms& e) {
        badToken("the token is not a readable CMS SignedData (" + e.part() + ")",
                 "token bukan CMS SignedData yang dapat dibaca (" + e.partId() + ")");
    }
}

// ContentInfo -> SignedData -> encapContentInfo -> TSTInfo fields.
TstInfo parseToken(const Bytes& token)
{
    const der::SignedDataView sd = tokenSignedData(token);
    if (sd.eContentType != kTstInfoOid || !sd.eContent)
        badToken("the token does not carry a TSTInfo", "token tidak memuat TSTInfo");
    der::Tlv tst;
    if (!der::readTlv(*sd.eContent, tst))
        badToken("the TSTInfo cannot be read", "TSTInfo tidak dapat dibaca");
    TstInfo info;
    info.der = tst.whole;
    auto f = der::children(tst.content);
    if (f.size() < 5)
        badToken("the TSTInfo is incomplete", "TSTInfo tidak lengkap");
    auto mi = der::children(f[2].content);
    if (mi.size() < 2)
        badToken("the message imprint cannot be read", "message imprint tidak dapat dibaca");
    auto alg = der::children(mi[0].content);
    info.hashOid = alg.empty() ? "" : der::oidText(alg[0].content);
    info.imprint = Bytes(mi[1].content);
    info.genTime = der::generalizedTimeToIso(f[4].content);
    for (size_t i = 5; i < f.size(); ++i)
        if (f[i].tag == 0x02)
            info.nonce = Bytes(f[i].content);
    return info;
}

std::string stripZeros(const Bytes& b)
{
    size_t i = 0;
    while (i + 1 < b.size() && b[i] == '\0')
        ++i;
    return b.substr(i);
}

} // namespace

std::string httpPostTimestampQuery(const TsaConfig& cfg, const std::string& requestDer)
{
    net::HttpRequest rq;
    rq.url = cfg.url;
    rq.body = requestDer;
    rq.contentType = "application/timestamp-query";
    rq.timeout = cfg.timeout;
    rq.user = cfg.user;
    rq.password = cfg.password;
    net::HttpResponse r = net::httpRequest(rq);
    if (!r.error.empty())
        fail(Code::TsaUnreachable, "The timestamp server " + cfg.url + " did not answer (" + r.error + ").",
             "Server stempel waktu " + cfg.url + " tidak menjawab (" + r.error + ").");
    if (r.status != 200)
        fail(Code::TsaRefused, "The timestamp server " + cfg.url + " answered HTTP " + std::to_string(r.status) + ".",
             "Server stempel waktu " + cfg.url + " menjawab HTTP " + std::to_string(r.status) + ".");
    if (!r.contentType.empty() && r.contentType != "application/timestamp-reply")
        fail(Code::TsaRefused,
             "The timestamp server " + cfg.url + " answered with " + r.contentType + ", not a timestamp (RFC 3161).",
             "Server stempel waktu " + cfg.url + " menjawab dengan " + r.contentType + ", bukan stempel waktu (RFC 3161).");
    return r.body;
}

namespace {

// The digest algorithm the token's signer used (the first of SignedData's list; SHA-256 when unnamed).
HashAlg signerHash(NSSCMSSignedData* sd)
{
    SECAlgorithmID** algs = NSS_CMSSignedData_GetDigestAlgs(sd);
    switch (algs && algs[0] ? SECOID_GetAlgorithmTag(algs[0]) : SEC_OID_SHA256) {
    case SEC_OID_SHA384: return HashAlg::Sha384;
    case SEC_OID_SHA512: return HashAlg::Sha512;
    default: return HashAlg::Sha256;
    }
}

// A token whose own signature verified. The decoded message must stay alive
// while the TSA's chain is walked: the certificates it imported are the issuers.
struct VerifiedToken {
    UniqueCmsMessage message;
    UniqueCert tsaCert;
};

// The token's own signature, over the TSTInfo, by the certificate it names.
VerifiedToken verifyTokenSignature(const Bytes& tokenDer, std::string_view tstInfoDer)
{
    SECItem item = itemOf(tokenDer);
    UniqueCmsMessage msg(NSS_CMSMessage_CreateFromDER(&item, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr));
    if (!msg)
        badToken("the token cannot be decoded", "token tidak dapat didekode");
    auto* sd = static_cast<NSSCMSSignedData*>(NSS_CMSContentInfo_GetContent(NSS_CMSMessage_ContentLevel(msg.get(), 0)));
    NSSCMSSignerInfo* si = sd ? NSS_CMSSignedData_GetSignerInfo(sd, 0) : nullptr;
    if (!si)
        badToken("the token has no signer", "token tidak memiliki penanda tangan");
    NSS_CMSSignedData_ImportCerts(sd, CERT_GetDefaultCertDB(), certUsageAnyCA, PR_FALSE);
    CERTCertificate* tsaCert = NSS_CMSSignerInfo_GetSigningCertificate(si, CERT_GetDefaultCertDB()); // owned by si
    if (!tsaCert)
        badToken("the TSA certificate is missing from the token", "sertifikat TSA tidak ada di token");
    Bytes contentDigest = hash(signerHash(sd), tstInfoDer);
    SECItem digestItem = itemOf(contentDigest);
    if (NSS_CMSSignerInfo_Verify(si, &digestItem, nullptr) != SECSuccess ||
        NSS_CMSSignerInfo_GetVerificationStatus(si) != NSSCMSVS_GoodSignature)
        badToken("its signature does not verify", "tanda tangannya tidak valid");
    return VerifiedToken{std::move(msg), UniqueCert(CERT_DupCertificate(tsaCert))};
}

// RFC 3161 2.3: the TSA certificate carries the timeStamping EKU.
bool hasTimestampingEku(CERTCertificate* tsaCert)
{
    bool eku = false;
    ItemData ext;
    if (CERT_FindCertExtension(tsaCert, SEC_OID_X509_EXT_KEY_USAGE, ext.out()) == SECSuccess)
        if (UniqueOidSequence seq{CERT_DecodeOidSequence(&ext.get())})
            for (SECItem** o = seq->oids; o && *o; ++o)
                eku = eku || SECOID_FindOIDTag(*o) == SEC_OID_EXT_KEY_USAGE_TIME_STAMP;
    return eku;
}

bool trustedCa(CERTCertificate* c)
{
    CERTCertTrust t{};
    return CERT_GetCertTrust(c, &t) == SECSuccess &&
           ((t.sslFlags | t.emailFlags | t.objectSigningFlags) & CERTDB_TRUSTED_CA);
}

// NSS has no timestamping usage, and an EKU of timeStamping alone makes every
// usage check fail before trust is even looked at. So the chain is walked
// here: the TSA certificate's issuer must verify it and must itself chain to
// a trusted CA; the TSA certificate must be valid now.
bool chainsToTrustedCa(CERTCertificate* tsaCert)
{
    UniqueCert cur(CERT_DupCertificate(tsaCert));
    for (int depth = 0; depth < 8 && cur; ++depth) {
        UniqueCert issuer(CERT_FindCertIssuer(cur.get(), PR_Now(), certUsageAnyCA));
        if (!issuer || CERT_VerifySignedData(&cur->signatureWrap, issuer.get(), PR_Now(), nullptr) != SECSuccess ||
            CERT_CheckCertValidTimes(issuer.get(), PR_Now(), PR_FALSE) != secCertTimeValid)
            return false;
        if (trustedCa(issuer.get()))
            return CERT_CheckCertValidTimes(tsaCert, PR_Now(), PR_FALSE) == secCertTimeValid;
        if (issuer->isRoot) // a self-signed CA nobody trusts here
            return false;
        cur = std::move(issuer);
    }
    return false;
}

} // namespace

TimestampToken checkToken(const Bytes& tokenDer, const Bytes& expectedDigest, HashAlg alg,
                          const std::optional<Bytes>& expectedNonce, bool checkTrust)
{
    TstInfo info = parseToken(tokenDer);
    if (info.hashOid != hashOid(alg) || info.imprint != expectedDigest)
        badToken("its message imprint does not match what was sent", "message imprint tidak cocok dengan yang dikirim");
    if (expectedNonce && (!info.nonce || stripZeros(*info.nonce) != stripZeros(*expectedNonce)))
        badToken("its nonce does not match the request", "nonce tidak cocok dengan permintaan");
    const VerifiedToken token = verifyTokenSignature(tokenDer, info.der);
    CERTCertificate* tsaCert = token.tsaCert.get();
    if (!hasTimestampingEku(tsaCert))
        badToken("the TSA certificate is not for timestamping", "sertifikat TSA bukan untuk stempel waktu");
    if (checkTrust && !chainsToTrustedCa(tsaCert))
        badToken("the TSA certificate is not trusted (" + errorName("unknown issuer") + ")",
                 "sertifikat TSA tidak dipercaya (" + errorName("penerbit tidak dikenal") + ")", true);
    TimestampToken t;
    t.der = tokenDer;
    t.genTime = info.genTime;
    t.tsaName = commonName(tsaCert);
    return t;
}

TimestampToken requestTimestamp(const TsaConfig& cfg, std::string_view data, const TsaTransport& transport)
{
    const Bytes digest = hash(cfg.hash, data);
    Bytes nonce(8, '\0');
    if (PK11_GenerateRandom(reinterpret_cast<unsigned char*>(nonce.data()), static_cast<int>(nonce.size())) !=
        SECSuccess)
        fail(Code::Internal, "No random numbers for the timestamp nonce.", "Tidak ada bilangan acak untuk nonce.");
    const der::Bytes request = der::sequence(
        der::integer(1) +
        der::sequence(der::sequence(der::oid(hashOid(cfg.hash)) + der::null()) + der::octetString(digest)) +
        der::unsignedInteger(nonce) + Bytes("\x01\x01\xff", 3)); // certReq TRUE
    const std::string body = transport ? transport(cfg, request) : httpPostTimestampQuery(cfg, request);

    der::Tlv resp;
    if (!der::readTlv(body, resp) || resp.tag != 0x30)
        badToken("it is not a timestamp response", "jawaban bukan respons stempel waktu");
    auto parts = der::children(resp.content);
    auto status = parts.empty() ? std::vector<der::Tlv>{} : der::children(parts[0].content);
    if (status.empty() || status[0].tag != 0x02)
        badToken("its status cannot be read", "statusnya tidak dapat dibaca");
    const int code = status[0].content.empty() ? -1 : static_cast<unsigned char>(status[0].content.back());
    if (code != 0 && code != 1) // granted, grantedWithMods
        fail(Code::TsaRefused,
             "The timestamp server " + cfg.url + " refused the request (status " + std::to_string(code) + ").",
             "Server stempel waktu " + cfg.url + " menolak permintaan (status " + std::to_string(code) + ").");
    if (parts.size() < 2)
        badToken("it carries no token", "tidak memuat token");
    return checkToken(Bytes(parts[1].whole), digest, cfg.hash, der::unsignedInteger(nonce).substr(2), true);
}

std::optional<HashAlg> tokenImprintHash(const Bytes& tokenDer)
{
    try {
        const std::string oid = parseToken(tokenDer).hashOid;
        for (HashAlg a : {HashAlg::Sha256, HashAlg::Sha384, HashAlg::Sha512})
            if (oid == hashOid(a))
                return a;
    } catch (const Error&) {
    }
    return std::nullopt;
}

} // namespace bsre::crypto
