// The signature dictionary's placeholders and the prepared document they
// make: ISO 32000-1 12.8.1, the /ByteRange covers the whole file but the
// /Contents string, which holds the CMS (or the RFC 3161 token) as hex.
// Shared by signatures and document timestamps.
#pragma once

#include "pdf/update.hpp"

#include <string>
#include <string_view>

namespace bsre::pdf {

// "/ByteRange [ padding ] /Contents <00…>" inside a signature dictionary's
// body: the placeholders know their own offsets in that body.
struct SigPlaceholder {
    size_t byteRangeAt = 0; // the padding, inside the body
    size_t contentsAt = 0;  // the '<', inside the body
    size_t capacity = 0;    // bytes of DER the /Contents can hold
};
SigPlaceholder appendSigPlaceholder(std::string& body, size_t capacity);

// The whole file with the update appended and its /ByteRange filled in; the
// /Contents still zeros. What a signer signs is the digest of covered().
struct PreparedDocument {
    std::string bytes;
    size_t originalSize = 0;
    size_t contentsStart = 0, contentsEnd = 0; // [start, end): '<' and '>' included
    size_t capacity = 0;                       // bytes of DER /Contents can hold

    std::string_view before() const { return std::string_view(bytes).substr(0, contentsStart); }
    std::string_view after() const { return std::string_view(bytes).substr(contentsEnd); }
};

// Appends the finished update to `original` and fills the byte range of the
// signature dictionary `sigNum` (whose body holds `placeholder`).
PreparedDocument prepareDocument(std::string original, const IncrementalUpdate::Result& appended, int sigNum,
                                 const SigPlaceholder& placeholder);

// The file with `der` written as hex into /Contents (the rest stays zeros).
// Throws SignatureTooLarge "allocated N bytes, needed M" when it does not fit.
std::string fillContents(PreparedDocument prepared, std::string_view der);

// The /Contents string as stored: the DER and its zero padding.
std::string storedContents(const PreparedDocument& prepared, std::string_view der);

} // namespace bsre::pdf
