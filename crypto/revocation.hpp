// Revocation data for long-term validation (B-LT): for each certificate of a
// chain, an OCSP response from its AIA responder or, failing that, a CRL from
// its distribution point; both checked (signature, authorised responder,
// freshness) before they are kept. What was gathered goes into a PDF's DSS.
#pragma once
#include <mutex>
#include <memory>

#include "crypto/signer.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bsre::crypto {

enum class RevocationStatus { Good, Revoked, Unknown, Unavailable, NotNeeded };
const char* statusName(RevocationStatus s) noexcept;

// The material of one DSS: DER certificates, OCSPResponses and CRLs, each once.
struct ValidationData {
    std::vector<Bytes> certs, ocsps, crls;
    int addCert(const Bytes& der);
    int addOcsp(const Bytes& der);
    int addCrl(const Bytes& der);
};

struct CertRevocation {
    std::string subject;           // common name (or the whole subject)
    Bytes certDer;
    RevocationStatus status = RevocationStatus::Unavailable;
    std::string source;            // "OCSP", "CRL" or "" (trust anchor)
    std::string revokedAt;         // ISO 8601 UTC, when revoked
    std::string reason;            // RFC 5280 reason name, when revoked
    std::string problemEn, problemId; // why no (or no conclusive) answer could be had
    int cert = -1, ocsp = -1, crl = -1; // indexes into the ValidationData
};

// Answers kept for a whole batch of signatures (bsre-sign sign with many
// inputs): every file's chain is the same, so each address is asked once.
// Safe to share between threads.
struct SharedAnswers {
    std::mutex mutex;
    std::map<std::string, std::string> answers; // address and request -> a good answer's body
};

struct RevocationOptions {
    std::chrono::seconds timeout{15};
    std::shared_ptr<SharedAnswers> shared; // null: answers live for one signature's checks
};

// One per run: answers are cached by URL (and request), so a CA shared by the
// signer's and the TSA's chains is asked once.
class RevocationChecker {
public:
    explicit RevocationChecker(RevocationOptions o = {}) : options_(o) {}

    // Builds the chain of `leafDer` up to a self-signed CA (intermediates from
    // `extraCerts` and the NSS database), checks every certificate below the
    // anchor, and adds the certificates and the evidence to `into`.
    // NSS must be initialised. Never throws for network trouble: the result
    // says per certificate what was found.
    std::vector<CertRevocation> checkChain(const Bytes& leafDer, const std::vector<Bytes>& extraCerts,
                                           ValidationData& into);

private:
    struct Fetched {
        bool ok = false;
        std::string body, error;
    };
    Fetched fetch(const std::string& url, const std::string& postBody, const std::string& contentType,
                  size_t maxBytes);
    // The steps of checkChain for one chain (crypto/revocation.cpp); they fetch through this cache.
    class Walk;

    RevocationOptions options_;
    std::map<std::string, Fetched> cache_;
};

// From an OCSPResponse, the status of the certificate with this serial number
// (INTEGER content octets); Unavailable when the response does not speak of it.
struct OcspSingle {
    RevocationStatus status = RevocationStatus::Unavailable;
    std::string thisUpdate, revokedAt, reason;
};
OcspSingle ocspStatusFor(const Bytes& ocspResponseDer, const Bytes& serial);
std::string crlReasonName(int code);

// The certificates a CMS SignedData carries (DER), and its signer's.
struct CmsCertificates {
    Bytes signer;
    std::vector<Bytes> all;
};
CmsCertificates cmsCertificates(const Bytes& signedDataDer);

} // namespace bsre::crypto

namespace bsre::crypto {
// The RFC 3161 token in a CMS signature's unsigned signature-time-stamp
// attribute (RFC 3161 Appendix A), if any.
std::optional<Bytes> signatureTimestampToken(const Bytes& signedDataDer);
} // namespace bsre::crypto

namespace bsre::crypto {
// Offline: is every certificate of `leaf`'s chain below the anchor covered by
// one of these OCSP responses (same serial, good or revoked) or CRLs (same
// issuer)? Chain from `certs` and the NSS database. Names the uncovered ones.
struct Coverage {
    bool complete = false;
    std::vector<std::string> missing;
    // What the evidence itself says: certificates it reports revoked.
    struct Revoked {
        std::string subject, at, reason; // at: ISO 8601 UTC
    };
    std::vector<Revoked> revoked;
    // The chain as walked, leaf first: each certificate and what the
    // evidence says of it (for the verification report).
    struct Link {
        std::string subject, issuer, serial, notBefore, notAfter; // dates ISO 8601 UTC
        std::string status; // "good", "revoked", "no data", "trust anchor", "issuer unknown"
        std::string source; // "OCSP", "CRL", "OCSP, CRL" or ""
    };
    std::vector<Link> chain;
};
// `verifyEvidence`: count a response or CRL only when its signature verifies
// (needs trust anchors in the NSS database); else matching is enough.
Coverage offlineCoverage(const Bytes& leaf, const std::vector<Bytes>& certs, const std::vector<Bytes>& ocsps,
                         const std::vector<Bytes>& crls, bool verifyEvidence);
} // namespace bsre::crypto
