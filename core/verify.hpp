#pragma once

#include "crypto/revocation.hpp"
#include "pdf/changes.hpp"

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
    bool documentTimestamp = false; // /DocTimeStamp (ETSI.RFC3161): a timestamp over the file, no signer
    // LTV material: the DSS holds revocation data for every certificate of
    // the signer's chain and of its TSA's chain (offline check).
    bool ltvMaterial = false;
    bool vriEntry = false;          // the DSS has a VRI entry for this signature
    std::string ltvMissing;         // the certificates without revocation data
    bool revokedBefore = false;     // the DSS's own evidence: revoked before the signature's time
    std::vector<crypto::Coverage::Link> chain; // the signer's (or the TSA's) certificates, leaf first
    std::vector<unsigned long long> byteRange;
    std::string rangeProblem;       // a /ByteRange that does not close its own revision (wrapping, forgery)
    int docMdp = 2;                 // the permissions later revisions are judged by (see pdf/changes.hpp)
    std::vector<pdf::Modification> modifications; // every object later revisions changed
    bool modificationsAllowed() const;
    // ETSI EN 319 102-1 5.1.3: TOTAL-PASSED, INDETERMINATE or TOTAL-FAILED,
    // with a sub-indication unless passed (docs/VERIFY.md lists them).
    std::string indication, subIndication;
    bool valid() const
    {
        return integrity && byteRangeOk && rangeProblem.empty() && (!trustChecked || trusted) && !timestampBroken &&
               !revokedBefore && modificationsAllowed();
    }
};

// The public verification portal's four questions for one signature, each
// "passed", "failed", "absent" or "not checked".
struct PortalChecks {
    std::string signer, integrity, timestamp, ltv;
};
PortalChecks portalChecks(const SignatureReport& s);

struct VerifyReport {
    std::string file;
    unsigned long long fileSize = 0;
    std::string sha256;             // of the whole file, lower-case hex
    int revisions = 0;
    std::vector<SignatureReport> signatures;
    bool dssPresent = false;
    int dssCerts = 0, dssOcsps = 0, dssCrls = 0;
    std::string level;              // the weakest level among the signatures ("" without any)
    bool allValid() const;
    bool allPassed() const; // every signature TOTAL-PASSED: what the exit status says
};

// NSS must be initialised (see crypto::TrustContext); trust is checked when asked.
VerifyReport verifyPdf(const std::string& path, bool checkTrust);

// The offsets where the file's revisions end ("%%EOF" and its end of line).
std::vector<unsigned long long> revisionEnds(const std::string& bytes);

// What the revisions after the one ending at `end` changed, judged so that
// only signing is allowed (a signature field added and signed, DSS, document
// timestamps; no field filled in, no annotation): what BSrE's signing service
// may do to the PDF we send. Throws bsre::Error when a revision cannot be read.
std::vector<pdf::Modification> changesAfter(const std::string& bytes, unsigned long long end);

} // namespace bsre
