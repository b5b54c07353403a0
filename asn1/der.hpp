// Minimal DER (X.690) writer for the CMS structures we build ourselves.
// We assemble SignedData by hand so that the signature value exists before
// the unsigned attributes (timestamp) are added: one private-key operation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bsre::der {

using Bytes = std::string; // raw octets

Bytes tlv(uint8_t tag, std::string_view content);
inline Bytes sequence(std::string_view c) { return tlv(0x30, c); }
inline Bytes set(std::string_view c) { return tlv(0x31, c); }
inline Bytes octetString(std::string_view c) { return tlv(0x04, c); }
inline Bytes null() { return Bytes("\x05\x00", 2); }
Bytes integer(long v);
// A non-negative INTEGER from big-endian magnitude bytes (a random nonce, a
// serial): leading zero bytes dropped, one added when the top bit is set, so
// the encoding is minimal as DER requires (X.690 8.3.2).
Bytes unsignedInteger(std::string_view bigEndian);
// Dotted-decimal OID, e.g. "1.2.840.113549.1.7.2".
Bytes oid(std::string_view dotted);
// [n] IMPLICIT constructed / EXPLICIT (both constructed context tags).
inline Bytes contextConstructed(int n, std::string_view c) { return tlv(static_cast<uint8_t>(0xA0 | n), c); }
// DER SET OF: elements sorted by their encodings (X.690 11.6).
Bytes setOf(std::vector<Bytes> elements);
inline Bytes cat(std::initializer_list<std::string_view> parts)
{
    Bytes out;
    for (auto p : parts)
        out += p;
    return out;
}

// Reading: split one TLV at the front of `in`. Returns false on malformed input.
struct Tlv {
    uint8_t tag = 0;
    std::string_view content;
    std::string_view whole;
};
bool readTlv(std::string_view in, Tlv& out);
// The children of a constructed TLV's content.
std::vector<Tlv> children(std::string_view content);
// The DER value at the front of `padded` (a /Contents string is zero padded
// after it); the input itself when it does not start with a readable TLV.
Bytes trimmed(std::string_view padded);

} // namespace bsre::der

namespace bsre::der {
// An OID's content octets as dotted decimal ("1.2.840...").
std::string oidText(std::string_view oidContent);
// GeneralizedTime (YYYYMMDDHHMMSS[.f]Z) or UTCTime (YYMMDDHHMMSSZ) content as ISO 8601 UTC.
std::string timeToIso(uint8_t tag, std::string_view content);
inline std::string generalizedTimeToIso(std::string_view g) { return timeToIso(0x18, g); }
} // namespace bsre::der
