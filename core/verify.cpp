#include "core/verify.hpp"

#include "common/atomic_file.hpp"
#include "nss/verify.hpp"
#include "pdf/reader.hpp"

#include <algorithm>

namespace bsre {

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
} // namespace

VerifyReport verifyPdf(const std::string& path, bool checkTrust)
{
    std::string bytes = readFile(path);
    auto reader = pdf::Reader::open(path);
    VerifyReport rep;
    rep.file = path;
    rep.fileSize = bytes.size();
    auto ends = revisionEnds(bytes);
    rep.revisions = static_cast<int>(ends.size());
    for (const pdf::SignatureRecord& rec : reader->signatures()) {
        SignatureReport s;
        s.field = rec.field;
        s.signingTime = isoFromPdfDate(rec.signingTime);
        s.subFilter = rec.subFilter;
        const auto& br = rec.byteRange;
        if (br.size() == 4 && br[0] == 0 && br[1] < br[2] && br[2] + br[3] <= bytes.size()) {
            s.signedBytes = br[2] + br[3];
            s.byteRangeOk = bytes[br[1]] == '<' && bytes[br[2] - 1] == '>' &&
                            br[2] - br[1] == rec.contents.size() * 2 + 2;
            s.coversWholeFile = s.signedBytes == bytes.size();
            for (size_t k = 0; k < ends.size(); ++k)
                if (ends[k] >= s.signedBytes) {
                    s.revision = static_cast<int>(k) + 1;
                    break;
                }
            std::string_view all(bytes);
            auto v = nss::verifyDetached(rec.contents, {all.substr(0, br[1]), all.substr(br[2], br[3])}, checkTrust);
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
        } else {
            s.problem = "the /ByteRange is malformed";
        }
        if (s.problem.empty() && !s.byteRangeOk)
            s.problem = "the /ByteRange does not match /Contents exactly";
        rep.signatures.push_back(std::move(s));
    }
    return rep;
}

} // namespace bsre
