#include "crypto/verify.hpp"

#include "crypto/external.hpp"

#include "common/atomic_file.hpp"
#include "crypto/digest.hpp"
#include "common/error.hpp"
#include "asn1/cms_view.hpp"
#include "asn1/der.hpp"
#include "crypto/handles.hpp"
#include "crypto/nss_util.hpp"
#include "crypto/tsa.hpp"

#include <cms.h>
#include <nss.h>
#include <prerror.h>
#include <nssb64.h>
#include <sechash.h>
#include <secerr.h>
#include <smime.h>

#include <filesystem>
#include <unistd.h>

namespace bsre::crypto {

namespace {


// The digest of the signed byte ranges with the signer's algorithm; nullopt
// when NSS has no such hash.
std::optional<Bytes> digestOf(SECOidTag digestTag, const std::vector<std::string_view>& parts)
{
    const HASH_HashType ht = HASH_GetHashTypeByOidTag(digestTag);
    UniqueHashContext ctx(HASH_GetHashObject(ht) ? HASH_Create(ht) : nullptr);
    if (!ctx)
        return std::nullopt;
    HASH_Begin(ctx.get());
    for (auto p : parts)
        HASH_Update(ctx.get(), reinterpret_cast<const unsigned char*>(p.data()), static_cast<unsigned>(p.size()));
    unsigned char digest[HASH_LENGTH_MAX];
    unsigned len = 0;
    HASH_End(ctx.get(), digest, &len, sizeof digest);
    return Bytes(reinterpret_cast<const char*>(digest), len);
}

// Why the signature value or the message digest does not match; empty when both do.
std::string integrityProblem(NSSCMSSignerInfo* si, const Bytes& digest)
{
    SECItem digestItem = itemOf(digest);
    const SECStatus st = NSS_CMSSignerInfo_Verify(si, &digestItem, nullptr);
    const NSSCMSVerificationStatus status = NSS_CMSSignerInfo_GetVerificationStatus(si);
    if (st == SECSuccess && status == NSSCMSVS_GoodSignature)
        return {};
    return status == NSSCMSVS_DigestMismatch ? "the document was changed after signing (digest mismatch)"
                                             : "the signature value does not verify (" + errorNameOrNumber() + ")";
}

struct TimestampFinding {
    bool present = false, valid = false;
    std::string time, tsaName, problem;
};

// The timestamp token over the signature value (ETSI EN 319 142-1 B-T), checked.
TimestampFinding signatureTimestamp(std::string_view cms, bool checkTrust)
{
    TimestampFinding f;
    const auto view = der::readSignedData(cms);
    if (!view || view->signerInfos.empty())
        return f;
    const der::SignerInfoView& info = view->signerInfos[0];
    for (const der::Attribute& attr : info.unsignedAttrs.list) {
        if (attr.type != der::kSignatureTimestampOid || attr.values.empty())
            continue;
        f.present = true;
        try {
            auto t = checkToken(Bytes(attr.values[0]), hash(HashAlg::Sha256, info.signature), HashAlg::Sha256,
                                std::nullopt, checkTrust);
            f.valid = true;
            f.time = t.genTime;
            f.tsaName = t.tsaName;
        } catch (const Error& e) {
            f.problem = e.english();
        }
    }
    return f;
}

// Why the signer's chain is not trusted in the database; empty when it is.
std::string trustProblem(CERTCertificate* cert)
{
    SECCertificateUsage usages = 0;
    if (CERT_VerifyCertificate(CERT_GetDefaultCertDB(), cert, PR_TRUE, certificateUsageEmailSigner, PR_Now(), nullptr,
                               nullptr, &usages) == SECSuccess)
        return {};
    return errorNameOrNumber();
}

} // namespace

CmsVerdict verifyDetached(std::string_view cmsDer, const std::vector<std::string_view>& parts, bool checkTrust)
{
    CmsVerdict v;
    // /Contents is zero padded after the DER; the decoder wants the DER alone.
    const Bytes cms = der::trimmed(cmsDer);
    SECItem item = itemOf(cms);
    UniqueCmsMessage msg(NSS_CMSMessage_CreateFromDER(&item, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr));
    if (!msg || !NSS_CMSMessage_IsSigned(msg.get())) {
        v.problem = "the signature value is not a CMS SignedData (" + errorNameOrNumber() + ")";
        return v;
    }
    auto* sd = static_cast<NSSCMSSignedData*>(NSS_CMSContentInfo_GetContent(NSS_CMSMessage_ContentLevel(msg.get(), 0)));
    if (!sd) {
        v.problem = "no SignedData content";
        return v;
    }
    v.parsed = true;
    v.signerInfos = NSS_CMSSignedData_SignerInfoCount(sd);
    NSSCMSSignerInfo* si = NSS_CMSSignedData_GetSignerInfo(sd, 0);
    SECAlgorithmID** algs = NSS_CMSSignedData_GetDigestAlgs(sd);
    if (!si || !algs || !algs[0]) {
        v.problem = "no signer";
        return v;
    }
    const SECOidTag digestTag = SECOID_GetAlgorithmTag(algs[0]);
    const std::optional<Bytes> digest = digestOf(digestTag, parts);
    if (!digest) {
        v.problem = "unsupported digest algorithm";
        return v;
    }
    v.digestAlgorithm = SECOID_FindOIDTagDescription(digestTag);
    NSS_CMSSignedData_ImportCerts(sd, CERT_GetDefaultCertDB(), certUsageEmailSigner, PR_FALSE);
    CERTCertificate* cert = NSS_CMSSignerInfo_GetSigningCertificate(si, CERT_GetDefaultCertDB()); // owned by si
    if (!cert) {
        v.problem = "the signer's certificate is not in the signature";
        return v;
    }
    v.signerName = commonName(cert);
    v.signerSubject = cert->subjectName ? cert->subjectName : "";
    v.problem = integrityProblem(si, *digest);
    v.integrity = v.problem.empty();
    const TimestampFinding ts = signatureTimestamp(cms, checkTrust);
    v.hasTimestamp = ts.present;
    v.timestampValid = ts.valid;
    v.timestampTime = ts.time;
    v.tsaName = ts.tsaName;
    v.timestampProblem = ts.problem;
    if (checkTrust) {
        v.trustChecked = true;
        v.trustProblem = trustProblem(cert);
        v.trusted = v.trustProblem.empty();
    }
    return v;
}

struct TrustContext::Impl {
    std::filesystem::path tmpdir; // a private database, removed once its context is shut down
    UniqueInitContext ctx;

    ~Impl()
    {
        ctx.reset();
        if (!tmpdir.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(tmpdir, ec);
        }
    }
};

TrustContext::TrustContext(std::unique_ptr<Impl> impl, bool checks) : impl_(std::move(impl)), checks_(checks) {}
TrustContext::~TrustContext() = default;

std::unique_ptr<TrustContext> TrustContext::none()
{
    auto impl = std::make_unique<Impl>();
    impl->ctx = initContext("", NSS_INIT_READONLY | NSS_INIT_NOCERTDB | NSS_INIT_NOMODDB);
    if (!impl->ctx)
        fail(Code::Internal, "NSS could not be initialised (" + errorNameOrNumber() + ").",
             "NSS tidak dapat diinisialisasi (" + errorNameOrNumber() + ").");
    return std::unique_ptr<TrustContext>(new TrustContext(std::move(impl), false));
}

std::unique_ptr<TrustContext> TrustContext::withDatabase(const std::string& dir)
{
    auto impl = std::make_unique<Impl>();
    impl->ctx = initContext(databaseSpec(dir), NSS_INIT_READONLY);
    if (!impl->ctx)
        fail(Code::CertNotFound, "The certificate database in " + dir + " could not be opened (" + errorNameOrNumber() + ").",
             "Basis data sertifikat di " + dir + " tidak dapat dibuka (" + errorNameOrNumber() + ").");
    return std::unique_ptr<TrustContext>(new TrustContext(std::move(impl), true));
}

namespace {
// Imports a CA file into the internal slot, trusted for every usage ("CT,C,C").
void importAnchor(PK11SlotInfo* slot, const std::string& file, const std::string& nick)
{
    const std::vector<Bytes> certs = certificatesIn(readFile(file));
    UniqueCert cert = certs.empty() ? nullptr : tempCert(certs.front());
    if (!cert)
        fail(Code::Usage, "The trust anchor " + file + " is not a certificate.",
             "Jangkar kepercayaan " + file + " bukan sertifikat.");
    if (PK11_ImportCert(slot, cert.get(), CK_INVALID_HANDLE, nick.c_str(), PR_FALSE) != SECSuccess)
        fail(Code::Internal, "The trust anchor " + file + " could not be imported (" + errorNameOrNumber() + ").",
             "Jangkar kepercayaan " + file + " tidak dapat diimpor (" + errorNameOrNumber() + ").");
    CERTCertTrust trust{};
    CERT_DecodeTrustString(&trust, "CT,C,C");
    CERT_ChangeCertTrust(CERT_GetDefaultCertDB(), cert.get(), &trust);
}
} // namespace

std::unique_ptr<TrustContext> TrustContext::withAnchors(const std::vector<std::string>& files)
{
    auto impl = std::make_unique<Impl>();
    std::string tmpl = (std::filesystem::temp_directory_path() / "bsre-trust-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) // mode 0700
        fail(Code::Io, "A temporary folder could not be created.", "Folder sementara tidak dapat dibuat.");
    impl->tmpdir = tmpl;
    impl->ctx = initContext("sql:" + tmpl, 0);
    if (!impl->ctx)
        fail(Code::Internal, "A temporary certificate database could not be created (" + errorNameOrNumber() + ").",
             "Basis data sertifikat sementara tidak dapat dibuat (" + errorNameOrNumber() + ").");
    UniqueSlot slot(PK11_GetInternalKeySlot());
    if (PK11_NeedUserInit(slot.get()))
        PK11_InitPin(slot.get(), "", "");
    for (size_t i = 0; i < files.size(); ++i)
        importAnchor(slot.get(), files[i], "bsre-anchor-" + std::to_string(i));
    return std::unique_ptr<TrustContext>(new TrustContext(std::move(impl), true));
}

} // namespace bsre::crypto
