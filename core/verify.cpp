#include "core/verify.hpp"

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "common/hex.hpp"
#include "core/ltv.hpp"
#include "asn1/der.hpp"
#include "crypto/digest.hpp"
#include "crypto/revocation.hpp"
#include "crypto/tsa.hpp"
#include "crypto/verify.hpp"
#include "pdf/reader.hpp"

#include <algorithm>

namespace bsre {

bool SignatureReport::modificationsAllowed() const
{
    return std::all_of(modifications.begin(), modifications.end(), [](const pdf::Modification& m) { return m.allowed; });
}

bool VerifyReport::allPassed() const
{
    return !signatures.empty() && std::all_of(signatures.begin(), signatures.end(), [](const SignatureReport& s) {
        return s.indication == "TOTAL-PASSED";
    });
}

bool VerifyReport::allValid() const
{
    return !signatures.empty() &&
           std::all_of(signatures.begin(), signatures.end(), [](const SignatureReport& s) { return s.valid(); });
}

namespace {
// "D:20261124133000+07'00'" -> "2026-11-24T13:30:00+07:00"; unknown forms stay as written.
std::string isoFromPdfDate(const std::string& d)
{
    std::string s = d.rfind("D:", 0) == 0 ? d.substr(2) : d;
    if (s.size() < 14 || s.find_first_not_of("0123456789") < 14)
        return d;
    std::string out = s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2) + "T" + s.substr(8, 2) + ":" +
                      s.substr(10, 2) + ":" + s.substr(12, 2);
    std::string z = s.substr(14);
    if (z.empty() || z[0] == 'Z')
        return out + "Z";
    if ((z[0] == '+' || z[0] == '-') && z.size() >= 3)
        return out + z.substr(0, 3) + ":" + (z.size() >= 6 ? z.substr(4, 2) : std::string("00"));
    return out;
}

// A document timestamp (ETSI.RFC3161): the token's imprint is the hash of the byte ranges.
void checkDocumentTimestamp(SignatureReport& s, const pdf::SignatureRecord& rec,
                            const std::vector<std::string_view>& signedParts, bool checkTrust)
{
    s.documentTimestamp = true;
    s.level = "document timestamp";
    const crypto::Bytes token = der::trimmed(rec.contents);
    const auto alg = crypto::tokenImprintHash(token);
    try {
        if (!alg)
            throw crypto::TokenRejected("the token's imprint cannot be read", "", false);
        crypto::Digest d(*alg);
        for (std::string_view part : signedParts)
            d.update(part);
        crypto::TimestampToken tt = crypto::checkToken(token, d.finish(), *alg, std::nullopt, checkTrust);
        s.integrity = true;
        s.trustChecked = checkTrust;
        s.trusted = checkTrust;
        s.hasTimestamp = true;
        s.timestampTime = tt.genTime;
        s.tsaName = tt.tsaName;
        s.signer = tt.tsaName;
    } catch (const crypto::TokenRejected& e) {
        s.problem = "the document timestamp does not verify (" + e.check() + ")";
        s.integrity = e.trustOnly();
        s.trustChecked = checkTrust;
        s.trusted = false;
    }
}

// A CAdES signature, with its signature timestamp if it has one.
void checkCmsSignature(SignatureReport& s, const pdf::SignatureRecord& rec,
                       const std::vector<std::string_view>& signedParts, bool checkTrust)
{
    auto v = crypto::verifyDetached(rec.contents, signedParts, checkTrust);
    s.signer = v.signerName;
    s.hasTimestamp = v.hasTimestamp && v.timestampValid;
    s.timestampTime = v.timestampTime;
    s.tsaName = v.tsaName;
    if (s.hasTimestamp)
        s.level = "B-T";
    s.timestampBroken = v.hasTimestamp && !v.timestampValid;
    if (s.timestampBroken)
        s.problem = "its timestamp does not verify (" + v.timestampProblem + ")";
    s.integrity = v.integrity;
    s.trustChecked = v.trustChecked;
    s.trusted = v.trusted;
    if (!v.integrity)
        s.problem = v.problem;
    else if (v.trustChecked && !v.trusted)
        s.problem = "certificate not trusted (" + v.trustProblem + ")";
}

// LTV material in the DSS, judged offline, for the signer's chain and the
// chain of the signature timestamp's TSA; B-LT when it is complete.
void judgeLtvMaterial(SignatureReport& s, const pdf::SignatureRecord& rec, const pdf::DssRecord& dss, bool checkTrust)
{
    const crypto::Bytes cms = der::trimmed(rec.contents);
    bool complete = true;
    std::string missing;
    std::vector<crypto::Coverage::Revoked> revoked;
    auto cover = [&](const crypto::CmsCertificates& certs) {
        std::vector<crypto::Bytes> pool = dss.certs;
        pool.insert(pool.end(), certs.all.begin(), certs.all.end());
        crypto::Coverage cov = crypto::offlineCoverage(certs.signer, pool, dss.ocsps, dss.crls, checkTrust);
        if (s.chain.empty())
            s.chain = cov.chain;
        complete = complete && cov.complete;
        revoked.insert(revoked.end(), cov.revoked.begin(), cov.revoked.end());
        for (auto& m : cov.missing)
            missing += (missing.empty() ? "" : ", ") + m;
    };
    cover(crypto::cmsCertificates(cms));
    if (auto token = crypto::signatureTimestampToken(cms))
        cover(crypto::cmsCertificates(*token));
    // Evidence in the DSS that a certificate was revoked before the
    // signature's timestamp makes the signature invalid; without a
    // timestamp its claimed time proves nothing, so any revocation does.
    for (const auto& r : revoked)
        if (!s.revokedBefore && (!s.hasTimestamp || r.at.empty() || r.at <= s.timestampTime)) {
            s.revokedBefore = true;
            s.problem = "the DSS says the certificate \"" + r.subject + "\" was revoked on " + r.at + " (" + r.reason +
                        ")" +
                        (s.hasTimestamp ? ", before the signature's timestamp " + s.timestampTime
                                        : std::string(", and the signature has no timestamp to show it was made earlier"));
        }
    s.ltvMaterial = complete;
    s.ltvMissing = missing;
    const std::string key = vriKey(rec.contents);
    for (const auto& [k, v] : dss.vri)
        s.vriEntry = s.vriEntry || k == key;
    // B-LT is B-T plus the material, in a revision after the signature.
    if (s.hasTimestamp && complete && dss.offset >= s.signedBytes)
        s.level = "B-LT";
}

// The certificates a signature (or a document timestamp's token) carries,
// walked to their root, for a file without a DSS: no revocation data then.
void describeChain(SignatureReport& s, const pdf::SignatureRecord& rec)
{
    try {
        const crypto::CmsCertificates certs = crypto::cmsCertificates(der::trimmed(rec.contents));
        if (!certs.signer.empty())
            s.chain = crypto::offlineCoverage(certs.signer, certs.all, {}, {}, false).chain;
    } catch (const Error&) {
        // A CMS that cannot be read has already been judged; no chain to show.
    }
}

} // namespace

// Every "%%EOF" that ends a revision (followed only by whitespace to the
// next line) counts one revision.
std::vector<unsigned long long> revisionEnds(const std::string& bytes)
{
    std::vector<unsigned long long> ends;
    size_t pos = 0;
    while ((pos = bytes.find("%%EOF", pos)) != std::string::npos) {
        size_t e = pos + 5;
        while (e < bytes.size() && (bytes[e] == '\r' || bytes[e] == '\n'))
            ++e;
        ends.push_back(e);
        pos += 5;
    }
    return ends;
}

std::vector<pdf::Modification> changesAfter(const std::string& bytes, unsigned long long end)
{
    pdf::RevisionHistory history(bytes, revisionEnds(bytes));
    return history.modificationsAfter(end, pdf::RevisionHistory::kOnlySignatures);
}

PortalChecks portalChecks(const SignatureReport& s)
{
    PortalChecks c;
    c.signer = s.revokedBefore ? "failed" : !s.trustChecked ? "not checked" : s.trusted ? "passed" : "failed";
    c.integrity = s.integrity && s.byteRangeOk && s.rangeProblem.empty() && s.modificationsAllowed() ? "passed" : "failed";
    c.timestamp = s.timestampBroken ? "failed" : s.hasTimestamp ? "passed" : "absent";
    c.ltv = s.ltvMaterial ? "passed" : !s.ltvMissing.empty() ? "failed" : "absent";
    return c;
}

namespace {

// One signature or document timestamp: its byte range, then its own checks.
SignatureReport checkSignature(const pdf::SignatureRecord& rec, const std::string& bytes,
                               const std::vector<unsigned long long>& ends, const pdf::DssRecord& dss, bool checkTrust)
{
    SignatureReport s;
    s.field = rec.field;
    s.signingTime = isoFromPdfDate(rec.signingTime);
    s.subFilter = rec.subFilter;
    const auto& br = rec.byteRange;
    s.byteRange = br;
    if (br.size() == 4 && br[0] == 0 && br[1] < br[2] && br[2] + br[3] <= bytes.size()) {
        s.signedBytes = br[2] + br[3];
        s.byteRangeOk =
            bytes[br[1]] == '<' && bytes[br[2] - 1] == '>' && br[2] - br[1] == rec.contents.size() * 2 + 2;
        s.coversWholeFile = s.signedBytes == bytes.size();
        for (size_t k = 0; k < ends.size() && !s.revision; ++k)
            if (ends[k] >= s.signedBytes)
                s.revision = static_cast<int>(k) + 1;
        std::string_view all(bytes);
        const std::vector<std::string_view> signedParts{all.substr(0, br[1]), all.substr(br[2], br[3])};
        if (rec.subFilter == "ETSI.RFC3161") {
            checkDocumentTimestamp(s, rec, signedParts, checkTrust);
        } else {
            checkCmsSignature(s, rec, signedParts, checkTrust);
            if (dss.present)
                judgeLtvMaterial(s, rec, dss, checkTrust);
        }
        if (s.chain.empty())
            describeChain(s, rec);
    } else {
        s.problem = "the /ByteRange is malformed";
    }
    if (s.problem.empty() && !s.byteRangeOk)
        s.problem = "the /ByteRange does not match /Contents exactly";
    return s;
}

// Whether `end` closes a revision: "%%EOF" and at most an end-of-line before it.
bool closesRevision(const std::string& bytes, unsigned long long end)
{
    size_t p = end;
    while (p > 0 && p + 2 > end && (bytes[p - 1] == '\n' || bytes[p - 1] == '\r'))
        --p;
    return p >= 5 && bytes.compare(p - 5, 5, "%%EOF") == 0;
}

// Universal signature forgery and signature wrapping: the signed part must
// end where a revision ends, and no revision may end between a signature's
// /Contents and the end of what it signs (its dictionary lies in the
// revision it closes).
std::string rangeProblem(const SignatureReport& s, const std::string& bytes, const std::vector<unsigned long long>& ends)
{
    if (s.byteRange.size() != 4)
        return {};
    if (!closesRevision(bytes, s.signedBytes))
        return "the signed bytes do not end where a revision ends";
    for (unsigned long long e : ends)
        if (e > s.byteRange[2] && e < s.signedBytes && closesRevision(bytes, e))
            return "the signature's /Contents lies in an earlier revision than the one it signs";
    return {};
}

// Two signatures whose /Contents gaps cross: each later signature must sign
// the earlier one's whole gap.
void checkRangesApart(std::vector<SignatureReport>& sigs)
{
    for (SignatureReport& a : sigs)
        for (const SignatureReport& b : sigs) {
            if (&a == &b || a.byteRange.size() != 4 || b.byteRange.size() != 4 || b.signedBytes < a.signedBytes)
                continue;
            const bool same = b.signedBytes == a.signedBytes;
            if ((same || a.byteRange[2] > b.byteRange[1]) && a.rangeProblem.empty())
                a.rangeProblem = "its byte range crosses that of the signature in field " + b.field;
        }
}

// The changes after each signature, judged by the certification's level
// when one came before it (ISO 32000-1 12.8.2.2), else as for approval (2).
void analyseChanges(VerifyReport& rep, const std::vector<pdf::SignatureRecord>& recs, const std::string& bytes,
                    const std::vector<unsigned long long>& ends)
{
    pdf::RevisionHistory history(bytes, ends);
    for (size_t i = 0; i < rep.signatures.size(); ++i) {
        SignatureReport& s = rep.signatures[i];
        for (size_t j = 0; j < recs.size(); ++j)
            if (recs[j].docMdp > 0 && rep.signatures[j].signedBytes <= s.signedBytes && rep.signatures[j].signedBytes)
                s.docMdp = recs[j].docMdp;
        if (!s.signedBytes || !s.rangeProblem.empty() || s.coversWholeFile)
            continue;
        try {
            s.modifications = history.modificationsAfter(s.signedBytes, s.docMdp);
        } catch (const Error& e) {
            s.rangeProblem = std::string("a later revision cannot be read (") + e.english() + ")";
        }
        if (!s.modificationsAllowed() && s.problem.empty())
            s.problem = "a later revision changed the document in a way the signature does not allow";
    }
}

std::pair<std::string, std::string> untrustedIndication(const SignatureReport& s)
{
    if (!s.trustChecked)
        return {"INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND"};
    if (s.problem.find("EXPIRED") != std::string::npos)
        return {"INDETERMINATE", "OUT_OF_BOUNDS_NO_POE"};
    if (s.problem.find("REVOKED") != std::string::npos)
        return {"INDETERMINATE", "REVOKED_NO_POE"};
    return {"INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND"};
}

// ETSI EN 319 102-1 5.1.3 (table 5): failures first, then what cannot be
// decided; a signature whose trust was not checked cannot pass.
void judgeIndication(SignatureReport& s)
{
    std::pair<std::string, std::string> v{"TOTAL-PASSED", ""};
    if (!s.byteRangeOk || !s.rangeProblem.empty() || !s.modificationsAllowed())
        v = {"TOTAL-FAILED", "FORMAT_FAILURE"};
    else if (!s.integrity)
        v = {"TOTAL-FAILED", s.problem.find("digest mismatch") != std::string::npos ? "HASH_FAILURE" : "SIG_CRYPTO_FAILURE"};
    else if (s.revokedBefore)
        v = {"TOTAL-FAILED", "REVOKED"};
    else if (s.timestampBroken)
        v = {"INDETERMINATE", "NO_POE"};
    else if (!s.trustChecked || !s.trusted)
        v = untrustedIndication(s);
    if (!s.rangeProblem.empty() && (s.problem.empty() || s.byteRangeOk))
        s.problem = s.rangeProblem;
    s.indication = v.first;
    s.subIndication = v.second;
}

// B-LTA: a valid document timestamp over the revision that added the DSS;
// the file's level is its weakest signature's.
void judgeLevels(VerifyReport& rep, const pdf::DssRecord& dss)
{
    for (SignatureReport& s : rep.signatures) {
        if (s.level != "B-LT")
            continue;
        for (const SignatureReport& t : rep.signatures)
            if (t.documentTimestamp && t.valid() && t.signedBytes > dss.offset)
                s.level = "B-LTA";
    }
    for (const SignatureReport& s : rep.signatures) {
        if (s.documentTimestamp)
            continue;
        auto l = parseLevel(s.level);
        if (l && (rep.level.empty() || *l < *parseLevel(rep.level)))
            rep.level = s.level;
    }
}

} // namespace

VerifyReport verifyPdf(const std::string& path, bool checkTrust)
{
    auto reader = pdf::Reader::open(path);
    const std::string& bytes = reader->bytes();
    const pdf::DssRecord dss = reader->dss();
    VerifyReport rep;
    rep.file = path;
    rep.fileSize = bytes.size();
    rep.sha256 = hex(crypto::hash(crypto::HashAlg::Sha256, bytes));
    const auto ends = revisionEnds(bytes);
    rep.revisions = static_cast<int>(ends.size());
    const std::vector<pdf::SignatureRecord> recs = reader->signatures();
    for (const pdf::SignatureRecord& rec : recs) {
        rep.signatures.push_back(checkSignature(rec, bytes, ends, dss, checkTrust));
        rep.signatures.back().rangeProblem = rangeProblem(rep.signatures.back(), bytes, ends);
    }
    checkRangesApart(rep.signatures);
    analyseChanges(rep, recs, bytes, ends);
    for (SignatureReport& s : rep.signatures)
        judgeIndication(s);
    rep.dssPresent = dss.present;
    rep.dssCerts = static_cast<int>(dss.certs.size());
    rep.dssOcsps = static_cast<int>(dss.ocsps.size());
    rep.dssCrls = static_cast<int>(dss.crls.size());
    judgeLevels(rep, dss);
    return rep;
}

} // namespace bsre
