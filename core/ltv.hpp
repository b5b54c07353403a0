// Long-term validation: PAdES levels, validation data for a PDF's
// signatures gathered into a DSS (B-LT), the document timestamp (B-LTA), and
// `extend`, which brings an already signed PDF up to B-LT or B-LTA.
#pragma once

#include "crypto/revocation.hpp"
#include "crypto/tsa.hpp"
#include "pdf/dss.hpp"
#include "pdf/reader.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bsre {

// ETSI EN 319 142-1 baseline levels, in order.
enum class Level { BB = 0, BT = 1, BLT = 2, BLTA = 3 };
std::optional<Level> parseLevel(std::string_view s); // "B-B" ... "B-LTA"
const char* levelName(Level l) noexcept;

// Uppercase hex SHA-1 of a signature's /Contents string bytes (padding
// included, as stored): the key of its VRI entry (ETSI EN 319 142-1 5.4.2.2).
std::string vriKey(std::string_view contentsBytes);

// Validation data for a set of signatures, as it goes into one DSS update.
class LtvCollector {
public:
    explicit LtvCollector(crypto::RevocationOptions o) : checker_(o) {}

    // One CAdES signature: its signer's chain and, if it carries one, its
    // timestamp's TSA chain. `contentsBytes` is the /Contents string as stored.
    // Returns the signature's timestamp token, if any.
    std::optional<crypto::Bytes> addSignature(std::string_view contentsBytes, const crypto::Bytes& cms);
    // A document timestamp (the token is the /Contents): the TSA's chain.
    void addDocumentTimestamp(std::string_view contentsBytes, const crypto::Bytes& token);
    // A chain checked before signing (the signer's, so that a revoked
    // certificate stops the signature before the key is used).
    std::vector<crypto::CertRevocation> checkChain(const crypto::Bytes& leaf, const std::vector<crypto::Bytes>& extra);
    // The VRI entry of a signature whose chains were checked with checkChain.
    void addVri(std::string_view contentsBytes, const std::vector<crypto::CertRevocation>& checks);

    const std::vector<crypto::CertRevocation>& checks() const { return all_; }
    pdf::DssAddition addition() const;

private:
    crypto::RevocationChecker checker_;
    crypto::ValidationData data_;
    std::vector<pdf::DssAddition::Vri> vri_;
    std::vector<crypto::CertRevocation> all_;
};

// What stands in the way of B-LT in these checks. Throws CertRevoked for a
// revoked certificate (with its date and reason); returns the sentences
// naming the certificates without usable evidence, or nothing.
struct Shortfall {
    std::string en, id;
};
// `keyUnused`: the refusal may say that nothing was signed.
std::optional<Shortfall> judgeEvidence(const std::vector<crypto::CertRevocation>& checks, const std::string& whoseEn,
                                       const std::string& whoseId, bool keyUnused = false);

struct DocTimestampOutcome {
    std::string field, time, tsaName;
    unsigned long long bytesAdded = 0;
};
struct DocTimestamped {
    std::string bytes; // reader.bytes() with the document timestamp appended
    DocTimestampOutcome outcome;
};
// A document timestamp (/DocTimeStamp, ETSI.RFC3161): an invisible field
// whose token covers the whole file, prepared and filled by the same steps as
// a signature (pdf/placeholder.hpp). `expectedTokenSize`: the size of a token
// this TSA sent before (0: unknown); the placeholder is sized from it (every
// reserved byte costs two in the file) and tried once more at 16 KB if the
// token does not fit.
DocTimestamped appendDocumentTimestamp(const pdf::Reader& reader, const crypto::TsaConfig& tsa,
                                       const crypto::TsaTransport& transport, size_t expectedTokenSize = 0);

struct ExtendRequest {
    std::string input, output;
    bool overwrite = false;
    Level level = Level::BLT;            // B-LT or B-LTA
    std::optional<crypto::TsaConfig> tsa;   // needed for B-LTA
    crypto::TsaTransport tsaTransport;
    crypto::RevocationOptions revocation;
};

struct ExtendOutcome {
    std::string output;
    std::string level;                   // reached by the file (its weakest signature)
    int signatures = 0, documentTimestamps = 0;
    std::vector<crypto::CertRevocation> checks;
    pdf::DssOutcome dss;
    std::optional<DocTimestampOutcome> docTimestamp;
    unsigned long long bytesAdded = 0;
    std::vector<Warning> warnings;       // coded, in both languages
};

// Reads a signed PDF, appends a DSS with validation data for every signature
// (and a document timestamp for B-LTA), writes `output` atomically. The
// input is never modified. Refuses (nothing written) when a certificate is
// revoked or when evidence for one cannot be had.
ExtendOutcome extendPdf(const ExtendRequest& request);

} // namespace bsre
