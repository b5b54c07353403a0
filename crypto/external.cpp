#include "crypto/external.hpp"

#include "common/error.hpp"
#include "crypto/digest.hpp"
#include "crypto/nss_util.hpp"
#include "crypto/store.hpp"

#include <cryptohi.h>
#include <nssb64.h>
#include <nss.h>
#include <secmod.h>

#include <fstream>
#include <iterator>
#include <optional>

namespace bsre::crypto {

namespace {

class CertificateIdentity final : public SignerIdentity {
public:
    CertificateIdentity(UniqueCert cert, Bytes der, std::vector<Bytes> chain)
        : cert_(std::move(cert)), der_(std::move(der)), chain_(std::move(chain))
    {
        UniquePublicKey pub(CERT_ExtractPublicKey(cert_.get()));
        if (!pub)
            fail(Code::Usage, "The certificate's public key could not be read (" + errorName() + ").",
                 "Kunci publik sertifikat tidak dapat dibaca (" + errorName() + ").");
        type_ = SECKEY_GetPublicKeyType(pub.get()) == ecKey ? KeyType::Ec : KeyType::Rsa;
        bits_ = static_cast<int>(SECKEY_PublicKeyStrengthInBits(pub.get()));
    }
    const Bytes& certificate() const override { return der_; }
    const std::vector<Bytes>& chain() const override { return chain_; }
    std::string commonName() const override { return crypto::commonName(cert_.get()); }
    KeyType keyType() const override { return type_; }
    int keyBits() const override { return bits_; }
    HashAlg hashAlg() const override { return hashForKey(type_, bits_); }
    size_t maxSignatureSize() const override { return crypto::maxSignatureSize(type_, bits_); }

private:
    UniqueCert cert_;
    Bytes der_;
    std::vector<Bytes> chain_;
    KeyType type_ = KeyType::Rsa;
    int bits_ = 0;
};

UniqueCert decode(const Bytes& der)
{
    SECItem item = itemOf(der);
    // A temporary certificate: in memory only, never stored in a database.
    UniqueCert cert(CERT_NewTempCertificate(CERT_GetDefaultCertDB(), &item, nullptr, PR_FALSE, PR_TRUE));
    if (!cert)
        fail(Code::Usage, "The certificate could not be read (" + errorName() + ").",
             "Sertifikat tidak dapat dibaca (" + errorName() + ").");
    return cert;
}

SECOidTag hashTag(HashAlg a)
{
    return a == HashAlg::Sha384 ? SEC_OID_SHA384 : a == HashAlg::Sha512 ? SEC_OID_SHA512 : SEC_OID_SHA256;
}

} // namespace

std::vector<Bytes> certificatesIn(const std::string& text)
{
    static const std::string begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----";
    std::vector<Bytes> out;
    for (size_t at = text.find(begin); at != std::string::npos; at = text.find(begin, at)) {
        const size_t from = at + begin.size(), to = text.find(end, from);
        if (to == std::string::npos)
            break;
        const std::string b64 = text.substr(from, to - from);
        UniqueItem der(NSSBase64_DecodeBuffer(nullptr, nullptr, b64.c_str(), static_cast<unsigned>(b64.size())));
        if (der)
            out.push_back(bytesOf(*der));
        at = to + end.size();
    }
    if (out.empty() && !text.empty() && static_cast<unsigned char>(text[0]) == 0x30)
        out.push_back(text); // a single DER certificate
    return out;
}

std::vector<Bytes> readCertificates(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    if (!f)
        fail(Code::Usage, "The certificate file " + path + " cannot be read.",
             "Berkas sertifikat " + path + " tidak dapat dibaca.");
    const std::string text((std::istreambuf_iterator<char>(f)), {});
    const std::vector<Bytes> certs = certificatesIn(text);
    if (certs.empty())
        fail(Code::Usage, "The file " + path + " holds no certificate (PEM or DER).",
             "Berkas " + path + " tidak berisi sertifikat (PEM atau DER).");
    return certs;
}

std::unique_ptr<SignerIdentity> identityFromCertificate(const Bytes& certDer, std::vector<Bytes> chain)
{
    return std::make_unique<CertificateIdentity>(decode(certDer), certDer, std::move(chain));
}

void requireSignatureOver(const SignerIdentity& signer, const Bytes& digest, const Bytes& signature)
{
    if (signature.empty() || signature.size() > signer.maxSignatureSize())
        fail(Code::SignatureMismatch,
             "The signature has " + std::to_string(signature.size()) + " bytes; a " +
                 std::to_string(signer.keyBits()) + "-bit key makes at most " +
                 std::to_string(signer.maxSignatureSize()) + ". Nothing was written.",
             "Tanda tangan berukuran " + std::to_string(signature.size()) + " bita; kunci " +
                 std::to_string(signer.keyBits()) + " bit menghasilkan paling banyak " +
                 std::to_string(signer.maxSignatureSize()) + ". Tidak ada yang ditulis.");
    UniqueCert cert = decode(signer.certificate());
    UniquePublicKey pub(CERT_ExtractPublicKey(cert.get()));
    SECItem d = itemOf(digest), s = itemOf(signature);
    const SECOidTag enc = signer.keyType() == KeyType::Ec ? SEC_OID_ANSIX962_EC_PUBLIC_KEY : SEC_OID_PKCS1_RSA_ENCRYPTION;
    if (!pub || VFY_VerifyDigestDirect(&d, pub.get(), &s, enc, hashTag(signer.hashAlg()), nullptr) != SECSuccess)
        fail(Code::SignatureMismatch,
             "The signature does not verify with the certificate of " + signer.commonName() + " over the digest of " +
                 "this STATE (" + errorName() + "): another key, or another digest was signed. Nothing was written.",
             "Tanda tangan tidak cocok dengan sertifikat " + signer.commonName() + " atas digest STATE ini (" +
                 errorName() + "): kunci lain, atau digest lain yang ditandatangani. Tidak ada yang ditulis.");
}

bool nssReady() noexcept { return NSS_IsInitialized() == PR_TRUE; }

std::string nssVersion() { return NSS_GetVersion(); }

std::string moduleNames()
{
    std::string names;
    if (!nssReady())
        return names;
    SECMODListLock* lock = SECMOD_GetDefaultModuleListLock();
    SECMOD_GetReadLock(lock);
    for (SECMODModuleList* m = SECMOD_GetDefaultModuleList(); m; m = m->next)
        if (m->module && m->module->commonName)
            names += (names.empty() ? "" : ", ") + std::string(m->module->commonName);
    SECMOD_ReleaseReadLock(lock);
    return names;
}

CertificateSummary describeCertificate(const Bytes& certDer)
{
    UniqueCert c = decode(certDer);
    CertificateSummary s;
    s.fingerprint = hexUpper(hash(HashAlg::Sha256, certDer));
    s.commonName = commonName(c.get());
    s.organisation = owned(CERT_GetOrgName(&c->subject));
    s.unit = owned(CERT_GetOrgUnitName(&c->subject));
    s.issuer = c->issuerName ? c->issuerName : "";
    s.serial = hexUpper(bytesOf(c->serialNumber));
    PRTime notBefore = 0, notAfter = 0;
    CERT_GetCertTimes(c.get(), &notBefore, &notAfter);
    s.notAfter = isoTime(notAfter);
    return s;
}

} // namespace bsre::crypto
