// One read-only walk over a CMS SignedData (RFC 5652 5.1-5.3): the
// certificates, every SignerInfo with its signed and unsigned attributes.
// Pure DER; the views point into the caller's bytes, which must outlive them.
#pragma once

#include "asn1/der.hpp"
#include "common/error.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bsre::der {

inline constexpr const char* kSignedDataOid = "1.2.840.113549.1.7.2";
// id-aa-signatureTimeStampToken, the unsigned attribute of RFC 3161 Appendix A.
inline constexpr const char* kSignatureTimestampOid = "1.2.840.113549.1.9.16.2.14";

// A structure that does not follow RFC 5652; part() names what is wrong
// ("the SignerInfo has no signature value") for callers that say it their way.
class MalformedCms : public Error {
public:
    MalformedCms(std::string part, std::string partId);
    const std::string& part() const noexcept { return part_; }
    const std::string& partId() const noexcept { return partId_; }

private:
    std::string part_, partId_;
};

// Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }
struct Attribute {
    std::string type;                     // dotted OID
    std::vector<std::string_view> values; // each value's whole TLV
};

struct Attributes {
    std::string_view whole;               // the [0] / [1] TLV as encoded; empty when absent
    std::vector<Attribute> list;
    bool present() const noexcept { return !whole.empty(); }
    // The first attribute of this type, or null.
    const Attribute* find(std::string_view oid) const noexcept;
};

struct SignerInfoView {
    std::string_view whole;
    Tlv sid;                              // issuerAndSerialNumber SEQUENCE or [0] subjectKeyIdentifier
    std::string_view serialNumber;        // the INTEGER content of issuerAndSerialNumber; empty for [0]
    std::string digestAlgorithm;          // dotted OID
    Attributes signedAttrs;               // whole is what the signature covers (with its tag set to SET)
    std::string signatureAlgorithm;       // dotted OID
    std::string_view signature;           // OCTET STRING content
    Attributes unsignedAttrs;
};

struct SignedDataView {
    std::string_view contentInfo;         // the whole ContentInfo, without what follows it
    std::vector<std::string> digestAlgorithms; // dotted OIDs
    std::string eContentType;             // dotted OID
    std::optional<std::string_view> eContent; // the OCTET STRING's content; absent when detached
    std::vector<std::string_view> certificates; // whole TLVs, in order
    std::vector<SignerInfoView> signerInfos;
};

// Reads the ContentInfo at the front of `der`; bytes after it (the zero
// padding of a PDF /Contents string) are ignored. Throws MalformedCms.
SignedDataView parseSignedData(std::string_view der);
// The same for callers to whom an unreadable CMS simply offers nothing.
std::optional<SignedDataView> readSignedData(std::string_view der);

// A certificate's serialNumber (INTEGER content), empty when unreadable.
std::string_view certificateSerial(std::string_view certDer);

} // namespace bsre::der
