// The Document Security Store (ETSI EN 319 142-1 5.4.2, ISO 32000-2 12.8.4.3):
// certificates, OCSP responses and CRLs a validator needs years later, added
// in an incremental update of their own after the signature (B-LT).
#pragma once

#include "pdf/reader.hpp"

#include <string>
#include <vector>

namespace bsre::pdf {

struct DssAddition {
    std::vector<std::string> certs, ocsps, crls; // DER, as they go into the streams
    // Per signature: key = uppercase hex SHA-1 of its /Contents string bytes;
    // the lists index into certs/ocsps/crls above.
    struct Vri {
        std::string key;
        std::vector<int> certs, ocsps, crls;
    };
    std::vector<Vri> vri;
};

struct DssOutcome {
    int certsAdded = 0, ocspsAdded = 0, crlsAdded = 0; // new streams (not already in the DSS)
    unsigned long long bytesAdded = 0;
};

// Returns reader.bytes() with an update appended whose catalog carries the
// existing DSS entries plus `add` (identical data is stored once).
std::string appendDss(const Reader& reader, const DssAddition& add, DssOutcome& outcome);

} // namespace bsre::pdf
