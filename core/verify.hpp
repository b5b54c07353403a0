#pragma once

#include <string>
#include <vector>

namespace bsre {

struct SignatureReport {
    std::string field;
    std::string signer;
    std::string signingTime;     // /M as written
    std::string subFilter;
    bool integrity = false;
    bool byteRangeOk = false;    // starts at 0, gap is exactly /Contents
    bool coversWholeFile = false;
    int revision = 0;            // 1-based revision this signature closes
    unsigned long long signedBytes = 0;
    bool trustChecked = false;
    bool trusted = false;
    std::string problem;         // empty when valid
    std::string level = "B-B";   // PAdES level this signature reaches
    bool hasTimestamp = false;
    std::string timestampTime, tsaName;
    bool timestampBroken = false;
    bool valid() const { return integrity && byteRangeOk && (!trustChecked || trusted) && !timestampBroken; }
};

struct VerifyReport {
    std::string file;
    unsigned long long fileSize = 0;
    int revisions = 0;
    std::vector<SignatureReport> signatures;
    bool allValid() const;
};

// NSS must be initialised (see nss::TrustContext); trust is checked when asked.
VerifyReport verifyPdf(const std::string& path, bool checkTrust);

} // namespace bsre
