#include "crypto/cms.hpp"

#include "common/error.hpp"
#include "asn1/der.hpp"
#include "crypto/digest.hpp"

namespace bsre::crypto {

namespace {

namespace oids {
constexpr const char* data = "1.2.840.113549.1.7.1";
constexpr const char* signedData = "1.2.840.113549.1.7.2";
constexpr const char* contentType = "1.2.840.113549.1.9.3";
constexpr const char* messageDigest = "1.2.840.113549.1.9.4";
constexpr const char* signingCertificateV2 = "1.2.840.113549.1.9.16.2.47";
constexpr const char* timeStampToken = "1.2.840.113549.1.9.16.2.14";
constexpr const char* rsaEncryption = "1.2.840.113549.1.1.1";
constexpr const char* ecdsaSha256 = "1.2.840.10045.4.3.2";
constexpr const char* ecdsaSha384 = "1.2.840.10045.4.3.3";
constexpr const char* ecdsaSha512 = "1.2.840.10045.4.3.4";
} // namespace oids

struct IssuerSerial {
    std::string_view issuer; // Name, whole TLV
    std::string_view serial; // INTEGER, whole TLV
};

IssuerSerial parseIssuerSerial(std::string_view certDer)
{
    der::Tlv cert, tbs;
    if (!der::readTlv(certDer, cert) || !der::readTlv(cert.content, tbs))
        fail(Code::Internal, "The signer certificate could not be parsed.",
             "Sertifikat penanda tangan tidak dapat dibaca.");
    auto parts = der::children(tbs.content);
    size_t i = (!parts.empty() && parts[0].tag == 0xA0) ? 1 : 0; // optional [0] version
    if (parts.size() < i + 3)
        fail(Code::Internal, "The signer certificate could not be parsed.",
             "Sertifikat penanda tangan tidak dapat dibaca.");
    return {parts[i + 2].whole, parts[i].whole};
}

der::Bytes algorithmId(const char* oid, bool nullParams)
{
    return der::sequence(der::oid(oid) + (nullParams ? der::null() : der::Bytes()));
}

der::Bytes attribute(const char* oid, const der::Bytes& value)
{
    return der::sequence(der::oid(oid) + der::set(value));
}

der::Bytes signatureAlgorithm(const SignerIdentity& s)
{
    if (s.keyType() == KeyType::Rsa)
        return algorithmId(oids::rsaEncryption, true);
    switch (s.hashAlg()) {
    case HashAlg::Sha384: return algorithmId(oids::ecdsaSha384, false);
    case HashAlg::Sha512: return algorithmId(oids::ecdsaSha512, false);
    default: return algorithmId(oids::ecdsaSha256, false);
    }
}

// The attributes the signature covers: content-type, message-digest and
// signing-certificate-v2 (RFC 5035); no signing-time (ETSI EN 319 142-1 5.2.1:
// the time goes in /M, the timestamp proves it).
der::Bytes signedAttributesSet(const SignerIdentity& s, const Bytes& contentDigest)
{
    const Bytes& cert = s.certificate();
    IssuerSerial is = parseIssuerSerial(cert);
    der::Bytes essCertId = der::octetString(hash(s.hashAlg(), cert));
    // IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber }
    // GeneralNames with one directoryName [4] (EXPLICIT, Name is a CHOICE).
    der::Bytes issuerSerial =
        der::sequence(der::sequence(der::tlv(0xA4, is.issuer)) + std::string(is.serial));
    der::Bytes certId;
    if (s.hashAlg() == HashAlg::Sha256) // DEFAULT sha256 is omitted in DER
        certId = der::sequence(essCertId + issuerSerial);
    else
        certId = der::sequence(algorithmId(hashOid(s.hashAlg()), false) + essCertId + issuerSerial);
    der::Bytes signingCertV2 = der::sequence(der::sequence(certId));

    return der::setOf({
        attribute(oids::contentType, der::oid(oids::data)),
        attribute(oids::messageDigest, der::octetString(contentDigest)),
        attribute(oids::signingCertificateV2, signingCertV2),
    });
}

der::Bytes assemble(const SignerIdentity& s, const der::Bytes& signedAttrsSet, const Bytes& signatureValue,
                    const std::optional<Bytes>& timestampToken)
{
    IssuerSerial is = parseIssuerSerial(s.certificate());
    der::Bytes digestAlg = algorithmId(hashOid(s.hashAlg()), false);

    // Signed attributes are encoded as SET for signing, [0] IMPLICIT in place.
    der::Bytes signedAttrsImplicit = signedAttrsSet;
    signedAttrsImplicit[0] = static_cast<char>(0xA0);

    der::Bytes signerInfo = der::integer(1) + der::sequence(std::string(is.issuer) + std::string(is.serial)) +
                            digestAlg + signedAttrsImplicit + signatureAlgorithm(s) +
                            der::octetString(signatureValue);
    if (timestampToken)
        signerInfo += der::contextConstructed(1, attribute(oids::timeStampToken, *timestampToken));

    der::Bytes certs = s.certificate();
    for (const auto& c : s.chain())
        certs += c;

    der::Bytes sd = der::integer(1) + der::set(digestAlg) + der::sequence(der::oid(oids::data)) +
                    der::contextConstructed(0, certs) + der::set(der::sequence(signerInfo));
    return der::sequence(der::oid(oids::signedData) + der::contextConstructed(0, der::sequence(sd)));
}

} // namespace

size_t maxSignatureSize(KeyType type, int bits) noexcept
{
    const size_t bytes = static_cast<size_t>((bits + 7) / 8);
    return type == KeyType::Rsa ? bytes : 2 * (bytes + 3) + 3;
}

SignedAttributes signedAttributes(const SignerIdentity& signer, const Bytes& contentDigest)
{
    if (contentDigest.size() != digestLength(signer.hashAlg()))
        fail(Code::Internal, "The document digest has the wrong length.", "Panjang digest dokumen salah.");
    return {signer.hashAlg(), signedAttributesSet(signer, contentDigest)};
}

Bytes toBeSignedDigest(const SignedAttributes& attrs) { return hash(attrs.hash, attrs.der); }

Bytes assembleSignedData(const SignerIdentity& signer, const SignedAttributes& attrs, const Bytes& signatureValue,
                         const std::optional<Bytes>& timestampToken)
{
    return assemble(signer, attrs.der, signatureValue, timestampToken);
}

size_t estimateSignedDataSize(const SignerIdentity& signer, size_t timestampAllowance)
{
    der::Bytes attrs = signedAttributesSet(signer, Bytes(digestLength(signer.hashAlg()), '\0'));
    Bytes stand_in(signer.maxSignatureSize(), '\xff');
    std::optional<Bytes> token;
    if (timestampAllowance)
        token = der::sequence(Bytes(timestampAllowance, '\0'));
    return assemble(signer, attrs, stand_in, token).size();
}

} // namespace bsre::crypto
