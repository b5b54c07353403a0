#include "crypto/revocation.hpp"

#include "asn1/cms_view.hpp"
#include "asn1/der.hpp"
#include "crypto/handles.hpp"
#include "net/http.hpp"
#include "crypto/nss_util.hpp"
#include "crypto/store.hpp"

#include <cert.h>
#include <certdb.h>
#include <ocsp.h>
#include <secder.h>
#include <prerror.h>
#include <secerr.h>

#include <algorithm>

namespace bsre::crypto {

namespace {

int addUnique(std::vector<Bytes>& v, const Bytes& b)
{
    auto it = std::find(v.begin(), v.end(), b);
    if (it != v.end())
        return static_cast<int>(it - v.begin());
    v.push_back(b);
    return static_cast<int>(v.size() - 1);
}

// The general name as an http(s) URI; empty when it is another kind of name or scheme.
std::string httpUri(const CERTGeneralName* n)
{
    if (!n || n->type != certURI)
        return {};
    std::string u(reinterpret_cast<const char*>(n->name.other.data), n->name.other.len);
    return net::isHttpUrl(u) ? u : std::string();
}

// http(s) URIs of the certificate's CRL distribution points.
std::vector<std::string> crlUrls(CERTCertificate* c)
{
    std::vector<std::string> urls;
    ItemData ext;
    if (CERT_FindCertExtension(c, SEC_OID_X509_CRL_DIST_POINTS, ext.out()) != SECSuccess)
        return urls;
    UniqueArena arena(PORT_NewArena(2048));
    CERTCrlDistributionPoints* dps = arena ? CERT_DecodeCRLDistributionPoints(arena.get(), &ext.get()) : nullptr;
    if (!dps)
        return urls;
    for (CRLDistributionPoint** p = dps->distPoints; p && *p; ++p) {
        if ((*p)->distPointType != generalName)
            continue;
        CERTGeneralName* first = (*p)->distPoint.fullName;
        CERTGeneralName* n = first;
        do {
            if (std::string u = httpUri(n); !u.empty())
                urls.push_back(u);
            n = n ? CERT_GetNextGeneralName(n) : nullptr;
        } while (n && n != first);
    }
    return urls;
}

// http(s) URIs of the certificate's AIA caIssuers entries (where its issuer's
// certificate can be fetched, RFC 5280 4.2.2.1).
std::vector<std::string> caIssuersUrls(CERTCertificate* c)
{
    std::vector<std::string> urls;
    ItemData ext;
    if (CERT_FindCertExtension(c, SEC_OID_X509_AUTH_INFO_ACCESS, ext.out()) != SECSuccess)
        return urls;
    UniqueArena arena(PORT_NewArena(2048));
    CERTAuthInfoAccess** aia = arena ? CERT_DecodeAuthInfoAccessExtension(arena.get(), &ext.get()) : nullptr;
    for (; aia && *aia; ++aia) {
        if (SECOID_FindOIDTag(&(*aia)->method) != SEC_OID_PKIX_CA_ISSUERS)
            continue;
        if (std::string u = httpUri((*aia)->location); !u.empty())
            urls.push_back(u);
    }
    return urls;
}

} // namespace

const char* statusName(RevocationStatus s) noexcept
{
    switch (s) {
    case RevocationStatus::Good: return "good";
    case RevocationStatus::Revoked: return "revoked";
    case RevocationStatus::Unknown: return "unknown";
    case RevocationStatus::Unavailable: return "unavailable";
    case RevocationStatus::NotNeeded: return "trust anchor";
    }
    return "?";
}

std::string crlReasonName(int code)
{
    static const char* names[] = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
                                  "superseded", "cessationOfOperation", "certificateHold", "unused(7)",
                                  "removeFromCRL", "privilegeWithdrawn", "aACompromise"};
    if (code >= 0 && code < static_cast<int>(std::size(names)))
        return names[code];
    return "reason " + std::to_string(code);
}

int ValidationData::addCert(const Bytes& d) { return addUnique(certs, d); }
int ValidationData::addOcsp(const Bytes& d) { return addUnique(ocsps, d); }
int ValidationData::addCrl(const Bytes& d) { return addUnique(crls, d); }

OcspSingle ocspStatusFor(const Bytes& resp, const Bytes& serial)
{
    // OCSPResponse ::= SEQUENCE { responseStatus, [0] EXPLICIT ResponseBytes }
    // ResponseBytes ::= SEQUENCE { responseType OID, response OCTET STRING (BasicOCSPResponse) }
    OcspSingle out;
    der::Tlv top, basic;
    if (!der::readTlv(resp, top))
        return out;
    auto parts = der::children(top.content);
    if (parts.size() < 2 || parts[1].tag != 0xA0)
        return out;
    auto rb = der::children(parts[1].content);
    if (rb.empty())
        return out;
    auto rbParts = der::children(rb[0].content);
    if (rbParts.size() < 2 || !der::readTlv(rbParts[1].content, basic))
        return out;
    auto basicParts = der::children(basic.content);
    if (basicParts.empty())
        return out;
    // ResponseData: [0] version?, responderID, producedAt, responses, [1] extensions?
    auto rd = der::children(basicParts[0].content);
    size_t i = (!rd.empty() && rd[0].tag == 0xA0) ? 1 : 0;
    if (rd.size() < i + 3)
        return out;
    for (const auto& single : der::children(rd[i + 2].content)) {
        auto s = der::children(single.content);
        if (s.size() < 3)
            continue;
        auto certId = der::children(s[0].content);
        if (certId.size() < 4 || Bytes(certId[3].content) != serial)
            continue;
        out.thisUpdate = der::timeToIso(s[2].tag, s[2].content);
        switch (s[1].tag) {
        case 0x80: out.status = RevocationStatus::Good; break;
        case 0xA1: {
            out.status = RevocationStatus::Revoked;
            auto ri = der::children(s[1].content);
            if (!ri.empty())
                out.revokedAt = der::timeToIso(ri[0].tag, ri[0].content);
            out.reason = "unspecified";
            if (ri.size() > 1 && ri[1].tag == 0xA0) {
                der::Tlv e;
                if (der::readTlv(ri[1].content, e) && e.content.size() == 1)
                    out.reason = crlReasonName(static_cast<unsigned char>(e.content[0]));
            }
            break;
        }
        default: out.status = RevocationStatus::Unknown; break;
        }
        return out;
    }
    return out;
}

CmsCertificates cmsCertificates(const Bytes& cms)
{
    CmsCertificates out;
    const auto sd = der::readSignedData(cms);
    if (!sd)
        return out;
    out.all.assign(sd->certificates.begin(), sd->certificates.end());
    // The first SignerInfo's issuerAndSerialNumber names the signer's certificate.
    const std::string_view signerSerial = sd->signerInfos.empty() ? "" : sd->signerInfos[0].serialNumber;
    for (const Bytes& c : out.all)
        if (der::certificateSerial(c) == signerSerial)
            out.signer = c;
    if (out.signer.empty() && !out.all.empty())
        out.signer = out.all.front();
    return out;
}

RevocationChecker::Fetched RevocationChecker::fetch(const std::string& url, const std::string& body,
                                                    const std::string& contentType, size_t maxBytes)
{
    const std::string key = url + '\n' + body;
    if (auto it = cache_.find(key); it != cache_.end())
        return it->second;
    if (options_.shared) {
        std::lock_guard<std::mutex> hold(options_.shared->mutex);
        if (auto it = options_.shared->answers.find(key); it != options_.shared->answers.end())
            return cache_[key] = Fetched{true, it->second, {}};
    }
    net::HttpRequest rq;
    rq.url = url;
    rq.body = body;
    rq.contentType = contentType;
    rq.timeout = options_.timeout;
    rq.maxBytes = maxBytes;
    net::HttpResponse r = net::httpRequest(rq);
    Fetched f;
    if (!r.error.empty())
        f.error = r.error;
    else if (r.status != 200)
        f.error = "HTTP " + std::to_string(r.status);
    else if (!body.empty() && !r.contentType.empty() && r.contentType != "application/ocsp-response")
        f.error = "the answer is " + r.contentType + ", not an OCSP response";
    else if (body.empty() && r.contentType.rfind("text/", 0) == 0) // a web page (a portal, an error page)
        f.error = "the answer is " + r.contentType + ", not a DER file";
    else {
        f.ok = true;
        f.body = std::move(r.body);
    }
    cache_[key] = f;
    if (f.ok && options_.shared) { // only good answers outlive one signature: a failure may pass
        std::lock_guard<std::mutex> hold(options_.shared->mutex);
        options_.shared->answers.emplace(key, f.body);
    }
    return f;
}

namespace {

// OCSP answers and CA certificates are small; a CRL may be large (docs/CLI.md, Network limits).
constexpr size_t kSmallAnswer = 1u << 20, kCrlAnswer = 20u << 20;

// Temporary certificates make the intermediates findable as issuers while they live.
std::vector<UniqueCert> tempCerts(const std::vector<Bytes>& ders)
{
    std::vector<UniqueCert> out;
    for (const Bytes& b : ders)
        out.push_back(tempCert(b));
    return out;
}

// What one source (OCSP or a CRL) says about one certificate.
struct Finding {
    RevocationStatus status = RevocationStatus::Unavailable;
    std::string revokedAt, reason;
    std::string problem;  // why this source gave no usable answer; empty when it did
    Bytes evidence;       // the OCSP response or the CRL, for the DSS
    Bytes responderCert;  // OCSP: the responder's certificate when it is not the issuer
};

Finding unusable(std::string problem)
{
    Finding f;
    f.problem = std::move(problem);
    return f;
}

// The entries of a CRL that revoke this serial number (normally none or one).
struct CrlRevocation {
    std::optional<PRTime> when; // empty when the date cannot be read
    std::string reason;
};
std::vector<CrlRevocation> revocationsIn(const CERTSignedCrl& crl, const SECItem& serial)
{
    std::vector<CrlRevocation> out;
    for (CERTCrlEntry** e = crl.crl.entries; e && *e; ++e) {
        if (SECITEM_CompareItem(&(*e)->serialNumber, &serial) != SECEqual)
            continue;
        CrlRevocation r;
        PRTime when = 0;
        if (DER_DecodeTimeChoice(&when, &(*e)->revocationDate) == SECSuccess)
            r.when = when;
        CERTCRLEntryReasonCode code = crlEntryReasonUnspecified;
        CERT_FindCRLEntryReasonExten(*e, &code);
        r.reason = crlReasonName(static_cast<int>(code));
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace

class RevocationChecker::Walk {
public:
    Walk(RevocationChecker& checker, const std::vector<Bytes>& extraCerts)
        : checker_(checker), temps_(tempCerts(extraCerts))
    {
    }
    struct Issuer {
        UniqueCert cert;
        std::string problem; // why there is none
    };
    Issuer issuerOf(CERTCertificate* cur);
    CertRevocation judge(CERTCertificate* cur, CERTCertificate* issuer, CertRevocation r, ValidationData& into);

private:
    Finding askOcsp(CERTCertificate* cur, CERTCertificate* issuer);
    Finding readOcsp(const std::string& url, const Bytes& body, CERTCertificate* cur, CERTCertificate* issuer) const;
    Finding askCrl(CERTCertificate* cur, CERTCertificate* issuer);
    Finding readCrl(const std::string& url, const Bytes& body, CERTCertificate* cur, CERTCertificate* issuer) const;

    RevocationChecker& checker_;
    std::vector<UniqueCert> temps_;
    const PRTime now_ = PR_Now();
};

// From the signature or the database; else fetched from the AIA caIssuers
// address (a DER certificate), as a validator would.
RevocationChecker::Walk::Issuer RevocationChecker::Walk::issuerOf(CERTCertificate* cur)
{
    Issuer out{UniqueCert(CERT_FindCertIssuer(cur, now_, certUsageAnyCA)), {}};
    if (out.cert)
        return out;
    out.problem = "no AIA address in the certificate";
    for (const std::string& url : caIssuersUrls(cur)) {
        Fetched f = checker_.fetch(url, "", "", kSmallAnswer);
        if (!f.ok) {
            out.problem = "AIA " + url + " did not answer (" + f.error + ")";
            continue;
        }
        UniqueCert fetched = tempCert(f.body);
        if (!fetched) {
            out.problem = "AIA " + url + " sent no certificate (" + errorName() + ")";
            continue;
        }
        temps_.push_back(std::move(fetched));
        out.cert.reset(CERT_FindCertIssuer(cur, now_, certUsageAnyCA));
        if (out.cert)
            return out;
        out.problem = "AIA " + url + " sent a certificate that is not the issuer";
    }
    return out;
}

// OCSP first (RFC 6960), the CRL (RFC 5280) when OCSP gave no usable answer.
CertRevocation RevocationChecker::Walk::judge(CERTCertificate* cur, CERTCertificate* issuer, CertRevocation r,
                                              ValidationData& into)
{
    const Finding ocsp = askOcsp(cur, issuer);
    if (ocsp.problem.empty()) {
        r.status = ocsp.status;
        r.revokedAt = ocsp.revokedAt;
        r.reason = ocsp.reason;
        r.source = "OCSP";
        if (r.status != RevocationStatus::Unknown)
            r.ocsp = into.addOcsp(ocsp.evidence);
        if (!ocsp.responderCert.empty())
            into.addCert(ocsp.responderCert);
    }
    // RFC 6960's "unknown" means the CA's responder does not know this
    // certificate: a CRL not listing it would be false comfort, so the
    // answer stands and no evidence is kept.
    if (r.status == RevocationStatus::Unknown) {
        r.problemEn = "the OCSP responder does not know this certificate (status unknown)";
        r.problemId = "responder OCSP tidak mengenal sertifikat ini (status unknown)";
    }
    if (!r.source.empty())
        return r;
    const Finding crl = askCrl(cur, issuer);
    if (crl.problem.empty()) {
        r.status = crl.status;
        r.revokedAt = crl.revokedAt;
        r.reason = crl.reason;
        r.source = "CRL";
        r.crl = into.addCrl(crl.evidence);
        return r;
    }
    r.problemEn = ocsp.problem + "; " + crl.problem;
    r.problemId = "OCSP dan CRL tidak dapat dipakai (" + ocsp.problem + "; " + crl.problem + ")";
    return r;
}

Finding RevocationChecker::Walk::askOcsp(CERTCertificate* cur, CERTCertificate* issuer)
{
    UniquePortString loc(CERT_GetOCSPAuthorityInfoAccessLocation(cur));
    if (!loc)
        return unusable("no OCSP address in the certificate");
    const std::string url = loc.get();
    UniqueCertList list(CERT_NewCertList());
    CERT_AddCertToListTail(list.get(), CERT_DupCertificate(cur));
    UniqueOcspRequest req(CERT_CreateOCSPRequest(list.get(), now_, PR_FALSE, nullptr));
    UniqueItem enc(req ? CERT_EncodeOCSPRequest(nullptr, req.get(), nullptr) : nullptr);
    if (!enc)
        return unusable("OCSP request could not be built (" + errorName() + ")");
    if (!net::isHttpUrl(url))
        return unusable("OCSP address " + url + " is not HTTP");
    Fetched f = checker_.fetch(url, bytesOf(*enc), "application/ocsp-request", kSmallAnswer);
    if (!f.ok)
        return unusable("OCSP " + url + " did not answer (" + f.error + ")");
    return readOcsp(url, f.body, cur, issuer);
}

// The responder must be the issuer or carry OCSPSigning from it (NSS checks both).
Finding RevocationChecker::Walk::readOcsp(const std::string& url, const Bytes& body, CERTCertificate* cur,
                                          CERTCertificate* issuer) const
{
    CERTCertDBHandle* db = CERT_GetDefaultCertDB();
    SECItem ri = itemOf(body);
    UniqueOcspResponse resp(CERT_DecodeOCSPResponse(&ri));
    if (!resp)
        return unusable("OCSP " + url + " sent no valid response (" + errorName() + ")");
    if (CERT_GetOCSPResponseStatus(resp.get()) != SECSuccess)
        return unusable("OCSP " + url + " answered with an error (" + errorName() + ")");
    CERTCertificate* responder = nullptr;
    if (CERT_VerifyOCSPResponseSignature(resp.get(), db, nullptr, &responder, issuer) != SECSuccess)
        return unusable("the OCSP response from " + url + " is not signed by an authorised responder (" +
                        errorName() + ")");
    UniqueCert responderCert(responder);
    UniqueOcspCertId id(CERT_CreateOCSPCertID(cur, now_));
    SECStatus st = id ? CERT_GetOCSPStatusForCertID(db, resp.get(), id.get(), responder, now_) : SECFailure;
    const int err = PORT_GetError();
    Finding f;
    if (st == SECSuccess) {
        f.status = RevocationStatus::Good;
    } else if (err == SEC_ERROR_REVOKED_CERTIFICATE) {
        OcspSingle single = ocspStatusFor(body, bytesOf(cur->serialNumber));
        f.status = RevocationStatus::Revoked;
        f.revokedAt = single.revokedAt;
        f.reason = single.reason;
    } else if (err == SEC_ERROR_OCSP_UNKNOWN_CERT) {
        f.status = RevocationStatus::Unknown;
    } else {
        return unusable("the OCSP response from " + url + " cannot be used (" + errorName() + ")");
    }
    f.evidence = body;
    // The responder's certificate helps a later validator (it carries ocsp-nocheck).
    if (responderCert && !SECITEM_ItemsAreEqual(&responderCert->derCert, &issuer->derCert))
        f.responderCert = bytesOf(responderCert->derCert);
    return f;
}

// From the distribution points, the first CRL that is the issuer's, signed by it and fresh.
Finding RevocationChecker::Walk::askCrl(CERTCertificate* cur, CERTCertificate* issuer)
{
    const auto urls = crlUrls(cur);
    std::string problem = "no CRL address in the certificate";
    for (const std::string& url : urls) {
        Fetched f = checker_.fetch(url, "", "", kCrlAnswer);
        if (!f.ok) {
            problem = "CRL " + url + " could not be fetched (" + f.error + ")";
            continue;
        }
        Finding found = readCrl(url, f.body, cur, issuer);
        if (found.problem.empty())
            return found;
        problem = found.problem;
    }
    return unusable(problem);
}

Finding RevocationChecker::Walk::readCrl(const std::string& url, const Bytes& body, CERTCertificate* cur,
                                         CERTCertificate* issuer) const
{
    SECItem ci = itemOf(body);
    UniqueCrl crl(CERT_DecodeDERCrl(nullptr, &ci, SEC_CRL_TYPE));
    if (!crl)
        return unusable("CRL " + url + " cannot be decoded (" + errorName() + ")");
    if (SECITEM_CompareItem(&crl->crl.derName, &cur->derIssuer) != SECEqual)
        return unusable("CRL " + url + " is from another issuer");
    if (CERT_VerifySignedData(&crl->signatureWrap, issuer, now_, nullptr) != SECSuccess)
        return unusable("CRL " + url + " is not signed by the issuer (" + errorName() + ")");
    PRTime next = 0;
    if (crl->crl.nextUpdate.len && DER_DecodeTimeChoice(&next, &crl->crl.nextUpdate) == SECSuccess && next < now_)
        return unusable("CRL " + url + " is out of date (next update " + isoTime(next) + ")");
    Finding f;
    f.status = RevocationStatus::Good;
    f.evidence = body;
    const auto revoked = revocationsIn(*crl, cur->serialNumber);
    if (!revoked.empty()) {
        f.status = RevocationStatus::Revoked;
        f.revokedAt = revoked.back().when ? isoTime(*revoked.back().when) : "";
        f.reason = revoked.back().reason;
    }
    return f;
}

std::vector<CertRevocation> RevocationChecker::checkChain(const Bytes& leafDer, const std::vector<Bytes>& extraCerts,
                                                          ValidationData& into)
{
    Walk walk(*this, extraCerts);
    UniqueCert cur = tempCert(leafDer);
    std::vector<CertRevocation> out;
    if (!cur) {
        CertRevocation r;
        r.subject = "?";
        r.problemEn = "the certificate cannot be decoded (" + errorName() + ")";
        r.problemId = "sertifikat tidak dapat didekode (" + errorName() + ")";
        out.push_back(r);
        return out;
    }
    for (int depth = 0; depth < 10 && cur; ++depth) {
        CertRevocation r;
        r.subject = displayName(cur.get());
        r.certDer = bytesOf(cur->derCert);
        r.cert = into.addCert(r.certDer);
        if (cur->isRoot) {
            r.status = RevocationStatus::NotNeeded;
            out.push_back(r);
            break;
        }
        Walk::Issuer issuer = walk.issuerOf(cur.get());
        if (!issuer.cert) {
            r.problemEn = "its issuer certificate is not available (not in the signature, the database or at its AIA "
                          "address: " + issuer.problem + ")";
            r.problemId = "sertifikat penerbitnya tidak tersedia (tidak ada di tanda tangan, basis data, maupun alamat "
                          "AIA-nya: " + issuer.problem + ")";
            out.push_back(r);
            break;
        }
        out.push_back(walk.judge(cur.get(), issuer.cert.get(), std::move(r), into));
        cur = std::move(issuer.cert);
    }
    return out;
}

std::optional<Bytes> signatureTimestampToken(const Bytes& cms)
{
    const auto sd = der::readSignedData(cms);
    if (!sd || sd->signerInfos.empty())
        return std::nullopt;
    const der::Attribute* a = sd->signerInfos[0].unsignedAttrs.find(der::kSignatureTimestampOid);
    if (!a || a->values.empty())
        return std::nullopt;
    return Bytes(a->values[0]);
}

namespace {

// What the evidence says about one certificate: whether any of it counts, and
// the revocations it reports.
struct Evidence {
    bool covered = false;
    std::vector<Coverage::Revoked> revoked;
};

// An OCSP response naming the serial (good or revoked); with `verify`, only
// one signed by the issuer or a responder it authorised (NSS, at the response's time).
Evidence ocspEvidence(CERTCertificate* cur, CERTCertificate* issuer, const std::vector<Bytes>& ocsps, bool verify)
{
    Evidence e;
    const Bytes serial = bytesOf(cur->serialNumber);
    for (const Bytes& o : ocsps) {
        OcspSingle single = ocspStatusFor(o, serial);
        if (single.status != RevocationStatus::Good && single.status != RevocationStatus::Revoked)
            continue;
        SECItem ri = itemOf(o);
        UniqueOcspResponse resp(CERT_DecodeOCSPResponse(&ri));
        CERTCertificate* responder = nullptr;
        if (verify && (!resp || CERT_GetOCSPResponseStatus(resp.get()) != SECSuccess ||
                       CERT_VerifyOCSPResponseSignature(resp.get(), CERT_GetDefaultCertDB(), nullptr, &responder,
                                                        issuer) != SECSuccess))
            continue;
        UniqueCert responderCert(responder);
        e.covered = true;
        if (single.status == RevocationStatus::Revoked)
            e.revoked.push_back({displayName(cur), single.revokedAt, single.reason});
    }
    return e;
}

// A CRL from the issuer; with `verify`, only one the issuer signed.
Evidence crlEvidence(CERTCertificate* cur, CERTCertificate* issuer, const std::vector<UniqueCrl>& crls, bool verify)
{
    Evidence e;
    for (const auto& crl : crls) {
        if (SECITEM_CompareItem(&crl->crl.derName, &cur->derIssuer) != SECEqual ||
            (verify && CERT_VerifySignedData(&crl->signatureWrap, issuer, PR_Now(), nullptr) != SECSuccess))
            continue;
        e.covered = true;
        for (const CrlRevocation& r : revocationsIn(*crl, cur->serialNumber))
            e.revoked.push_back({displayName(cur), isoTime(r.when.value_or(0)), r.reason});
    }
    return e;
}

Coverage::Link chainLink(const CERTCertificate* c, const Evidence& byOcsp, const Evidence& byCrl,
                         const std::string& fixedStatus = "")
{
    Coverage::Link l;
    l.subject = displayName(c);
    l.issuer = c->issuerName ? c->issuerName : "";
    l.serial = hexUpper(bytesOf(c->serialNumber));
    PRTime notBefore = 0, notAfter = 0;
    CERT_GetCertTimes(c, &notBefore, &notAfter);
    l.notBefore = isoTime(notBefore);
    l.notAfter = isoTime(notAfter);
    if (!fixedStatus.empty()) {
        l.status = fixedStatus;
        return l;
    }
    l.source = byOcsp.covered && byCrl.covered ? "OCSP, CRL" : byOcsp.covered ? "OCSP" : byCrl.covered ? "CRL" : "";
    const bool revoked = !byOcsp.revoked.empty() || !byCrl.revoked.empty();
    l.status = revoked ? "revoked" : l.source.empty() ? "no data" : "good";
    return l;
}

std::vector<UniqueCrl> decodeCrls(const std::vector<Bytes>& crls)
{
    std::vector<UniqueCrl> out;
    for (const Bytes& c : crls) {
        SECItem it = itemOf(c);
        if (UniqueCrl crl{CERT_DecodeDERCrl(nullptr, &it, SEC_CRL_TYPE)})
            out.push_back(std::move(crl));
    }
    return out;
}

} // namespace

Coverage offlineCoverage(const Bytes& leaf, const std::vector<Bytes>& certs, const std::vector<Bytes>& ocsps,
                         const std::vector<Bytes>& crls, bool verifyEvidence)
{
    Coverage cov;
    const std::vector<UniqueCert> temps = tempCerts(certs);
    const std::vector<UniqueCrl> decoded = decodeCrls(crls);
    UniqueCert cur = tempCert(leaf);
    if (!cur) {
        cov.missing.push_back("?");
        return cov;
    }
    for (int depth = 0; depth < 10 && cur && !cur->isRoot; ++depth) {
        UniqueCert issuer(CERT_FindCertIssuer(cur.get(), PR_Now(), certUsageAnyCA));
        if (!issuer) {
            cov.missing.push_back(displayName(cur.get()) + " (its issuer is unknown)");
            cov.chain.push_back(chainLink(cur.get(), {}, {}, "issuer unknown"));
            break;
        }
        const Evidence byOcsp = ocspEvidence(cur.get(), issuer.get(), ocsps, verifyEvidence);
        const Evidence byCrl = crlEvidence(cur.get(), issuer.get(), decoded, verifyEvidence);
        cov.revoked.insert(cov.revoked.end(), byOcsp.revoked.begin(), byOcsp.revoked.end());
        cov.revoked.insert(cov.revoked.end(), byCrl.revoked.begin(), byCrl.revoked.end());
        if (!byOcsp.covered && !byCrl.covered)
            cov.missing.push_back(displayName(cur.get()));
        cov.chain.push_back(chainLink(cur.get(), byOcsp, byCrl));
        cur = std::move(issuer);
    }
    if (cur && cur->isRoot)
        cov.chain.push_back(chainLink(cur.get(), {}, {}, "trust anchor"));
    cov.complete = cov.missing.empty();
    return cov;
}

} // namespace bsre::crypto
