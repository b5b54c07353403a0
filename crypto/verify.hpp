// Verification of a detached CMS signature over given bytes (NSS CMS decoder).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bsre::crypto {

struct CmsVerdict {
    bool parsed = false;
    bool integrity = false;      // signature value and message digest both match
    int signerInfos = 0;
    std::string signerName;      // common name of the signing certificate
    std::string signerSubject;
    std::string digestAlgorithm;
    bool trustChecked = false;
    bool trusted = false;
    std::string trustProblem;
    std::string problem;         // why integrity failed
    // RFC 3161 signature timestamp (unsigned attribute), when present.
    bool hasTimestamp = false;
    bool timestampValid = false;
    std::string timestampTime, tsaName, timestampProblem;
};

// NSS must be initialised; trust is judged against its database when
// `checkTrust` is set.
CmsVerdict verifyDetached(std::string_view cmsDer, const std::vector<std::string_view>& signedParts, bool checkTrust);

// A private, temporary NSS database trusting the given PEM/DER CA files
// (for `bsre-sign verify --trust`); removed on destruction.
class TrustContext {
public:
    static std::unique_ptr<TrustContext> withAnchors(const std::vector<std::string>& certFiles);
    static std::unique_ptr<TrustContext> withDatabase(const std::string& dir);
    static std::unique_ptr<TrustContext> none();
    ~TrustContext();
    bool checksTrust() const { return checks_; }

private:
    struct Impl; // the NSS context and the temporary folder (crypto/verify.cpp)
    explicit TrustContext(std::unique_ptr<Impl> impl, bool checks);
    std::unique_ptr<Impl> impl_;
    bool checks_ = false;
};

} // namespace bsre::crypto
