// The signing session: joins pdf/ and nss/ with plain values, one direction.
#pragma once

#include "nss/signer.hpp"
#include "pdf/model.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace bsre {

struct Placement {
    enum class Kind { Invisible, NewVisible, ExistingField } kind = Kind::Invisible;
    std::string field;          // ExistingField: its fully qualified name
    int page = 1;               // NewVisible: 1-based
    pdf::Rect rect;             // NewVisible: user space of the page, points
};

struct SignRequest {
    std::string input;
    std::string output;
    bool overwrite = false;
    Placement placement;
    std::string reason, location, contact;
    std::string imagePath;      // optional PNG in the visible appearance
    std::string fontFamily = "Liberation Sans";
    // Injected clock and zone so tests and golden files are reproducible.
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
    std::optional<int> utcOffsetMinutes; // default: the local zone
};

struct SignOutcome {
    std::string output;
    std::string signerName;
    std::string signingTime;    // ISO 8601 with offset
    std::string fieldName;
    unsigned long long bytesAdded = 0;
    size_t contentsReserved = 0, contentsUsed = 0;
    int privateKeyOperations = 0;
};

// Reads `input`, appends a signature, writes `output` atomically.
// The input is never modified; on any error nothing is written.
SignOutcome signPdf(const SignRequest& request, nss::Signer& signer);

// As signPdf, but returns the signed bytes instead of writing them (benchmarks).
std::string signToBytes(const SignRequest& request, nss::Signer& signer, SignOutcome& outcome);

// "D:20261124133000+07'00'" (ISO 32000-1 7.9.4) and its ISO 8601 twin.
std::string pdfDate(std::chrono::system_clock::time_point t, int utcOffsetMinutes);
std::string isoDate(std::chrono::system_clock::time_point t, int utcOffsetMinutes);
int localUtcOffsetMinutes(std::chrono::system_clock::time_point t);

} // namespace bsre
