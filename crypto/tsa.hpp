// RFC 3161 timestamps: request, HTTP transport (libcurl), and the checks made
// before a token is embedded (status, imprint, nonce, TSA certificate).
#pragma once

#include "common/error.hpp"
#include "crypto/signer.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace bsre::crypto {

struct TsaConfig {
    std::string url;
    std::string user, password;       // HTTP basic auth (optional)
    std::chrono::seconds timeout{15};
    HashAlg hash = HashAlg::Sha256;
};

// The transport is injectable (tests, a remote signing service's own TSA);
// the default posts with libcurl. Returns the HTTP body.
using TsaTransport = std::function<std::string(const TsaConfig&, const std::string& requestDer)>;
std::string httpPostTimestampQuery(const TsaConfig& cfg, const std::string& requestDer);

// A token (or a TSA's answer) that failed one of the checks: a TsaBadToken
// error whose sentence says so, carrying the check itself for reports
// (verification) and whether only the TSA's trust failed.
class TokenRejected : public Error {
public:
    TokenRejected(std::string check, std::string checkId, bool trustOnly)
        : Error(Code::TsaBadToken, "The timestamp server's answer failed a check: " + check + "; nothing was written.",
                "Jawaban server stempel waktu gagal diperiksa: " + checkId + "; tidak ada yang ditulis."),
          check_(std::move(check)), trustOnly_(trustOnly)
    {
    }
    const std::string& check() const noexcept { return check_; }
    bool trustOnly() const noexcept { return trustOnly_; }

private:
    std::string check_;
    bool trustOnly_;
};

struct TimestampToken {
    Bytes der;              // ContentInfo, as it goes into the unsigned attribute
    std::string genTime;    // ISO 8601 UTC
    std::string tsaName;    // subject CN of the TSA certificate
};

// Asks for a token over `data` (the signature value for a B-T signature, the
// byte ranges' digest input for a document timestamp) and checks it. NSS must
// be initialised; the TSA chain is judged against its database.
TimestampToken requestTimestamp(const TsaConfig& cfg, std::string_view data, const TsaTransport& transport = {});

// The same checks on a token already obtained (used by requestTimestamp and by verification).
TimestampToken checkToken(const Bytes& tokenDer, const Bytes& expectedDigest, HashAlg alg,
                          const std::optional<Bytes>& expectedNonce, bool checkTrust);

} // namespace bsre::crypto

namespace bsre::crypto {
// The hash algorithm of a token's message imprint (nullopt: unreadable or not SHA-2).
std::optional<HashAlg> tokenImprintHash(const Bytes& tokenDer);
} // namespace bsre::crypto
