#include "pdf/placeholder.hpp"

#include "common/error.hpp"
#include "pdf/syntax.hpp"

namespace bsre::pdf {

namespace {
// Four numbers of up to 20 digits, their spaces and some slack.
constexpr size_t kByteRangeWidth = 4 * 21 + 2;
} // namespace

SigPlaceholder appendSigPlaceholder(std::string& body, size_t capacity)
{
    SigPlaceholder p;
    p.capacity = capacity;
    body += "/ByteRange [";
    p.byteRangeAt = body.size();
    body += std::string(kByteRangeWidth, ' ') + "] /Contents ";
    p.contentsAt = body.size();
    body += "<" + std::string(capacity * 2, '0') + ">";
    return p;
}

PreparedDocument prepareDocument(std::string original, const IncrementalUpdate::Result& appended, int sigNum,
                                 const SigPlaceholder& placeholder)
{
    PreparedDocument d;
    d.originalSize = original.size();
    d.bytes = std::move(original);
    d.bytes += appended.bytes;
    const size_t bodyAt = d.originalSize + appended.bodyOffset.at(sigNum);
    d.capacity = placeholder.capacity;
    d.contentsStart = bodyAt + placeholder.contentsAt;
    d.contentsEnd = d.contentsStart + placeholder.capacity * 2 + 2;
    const std::string br = "0 " + std::to_string(d.contentsStart) + " " + std::to_string(d.contentsEnd) + " " +
                           std::to_string(d.bytes.size() - d.contentsEnd);
    if (br.size() > kByteRangeWidth)
        fail(Code::Internal, "The byte range does not fit its placeholder.", "Rentang bita tidak muat.");
    d.bytes.replace(bodyAt + placeholder.byteRangeAt, br.size(), br);
    return d;
}

std::string fillContents(PreparedDocument prepared, std::string_view der)
{
    if (der.size() > prepared.capacity)
        fail(Code::SignatureTooLarge,
             "The signature does not fit its placeholder: allocated " + std::to_string(prepared.capacity) +
                 " bytes, needed " + std::to_string(der.size()) + ".",
             "Tanda tangan tidak muat di tempatnya: disediakan " + std::to_string(prepared.capacity) +
                 " bita, diperlukan " + std::to_string(der.size()) + ".");
    const std::string hex = hexString(der);
    prepared.bytes.replace(prepared.contentsStart + 1, hex.size() - 2, hex.substr(1, hex.size() - 2));
    return std::move(prepared.bytes);
}

std::string storedContents(const PreparedDocument& prepared, std::string_view der)
{
    return std::string(der) + std::string(prepared.capacity - der.size(), '\0');
}

} // namespace bsre::pdf
