// RFC 3161 timestamps: request, HTTP transport (libcurl), and the checks made
// before a token is embedded (status, imprint, nonce, TSA certificate).
#pragma once

#include "nss/signer.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace bsre::nss {

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

} // namespace bsre::nss

namespace bsre::nss {
// The hash algorithm of a token's message imprint (nullopt: unreadable or not SHA-2).
std::optional<HashAlg> tokenImprintHash(const Bytes& tokenDer);
} // namespace bsre::nss
