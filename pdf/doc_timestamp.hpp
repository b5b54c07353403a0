// The PDF part of a document timestamp (ETSI EN 319 142-1 5.4.3, ISO 32000-2
// 12.8.5): an invisible /DocTimeStamp field whose /Contents will hold an
// RFC 3161 token over the whole file, prepared by the same steps as a
// signature (pdf/form.hpp, pdf/placeholder.hpp).
#pragma once

#include "pdf/placeholder.hpp"
#include "pdf/reader.hpp"

#include <string>

namespace bsre::pdf {

struct PreparedTimestamp {
    PreparedDocument document;
    std::string field;
};

// On the first page, with a placeholder of `capacity` bytes.
PreparedTimestamp prepareDocumentTimestamp(const Reader& reader, size_t capacity);

} // namespace bsre::pdf
