#include "core/usage_report.hpp"

#include "common/error.hpp"
#include "common/json.hpp"
#include "core/ledger.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unordered_set>

namespace bsre {

namespace {

namespace fs = std::filesystem;

std::vector<std::string> ledgerFiles(const std::vector<std::string>& paths)
{
    std::vector<std::string> out;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> inDir;
            for (const auto& e : fs::recursive_directory_iterator(p, ec))
                if (e.is_regular_file() && e.path().extension() == ".jsonl")
                    inDir.push_back(e.path().string());
            std::sort(inDir.begin(), inDir.end());
            out.insert(out.end(), inDir.begin(), inDir.end());
        } else if (fs::is_regular_file(p, ec)) {
            out.push_back(p);
        } else {
            fail(Code::Io, Where{p}, "The ledger " + p + " cannot be read.",
                 "Catatan pemakaian " + p + " tidak dapat dibaca.");
        }
    }
    return out;
}

struct Tally {
    UsageReport& r;
    std::map<std::string, CertificateUse> certs;
    std::unordered_set<std::string> seen; // line hashes: a ledger collected twice counts once
};

void count(Tally& t, const LedgerRecord& x)
{
    UsageReport& r = t.r;
    if (!x.signedOk) {
        ++r.refusedCount;
        ++r.refusedByCode[x.code.empty() ? "Unknown" : x.code];
        return;
    }
    ++r.signedCount;
    ++r.perMonth[x.time.substr(0, 7)];
    ++r.perLevel[x.level.empty() ? "?" : x.level];
    const std::string unit = x.organisation + (x.unit.empty() ? "" : " / " + x.unit);
    ++r.perUnit[unit.empty() ? "-" : unit];
    CertificateUse& c = t.certs[x.fingerprint];
    if (c.fingerprint.empty())
        c = {x.fingerprint, x.name, x.issuer, x.serial, x.notAfter, x.organisation, x.unit, 0};
    ++c.signedCount;
}

void readLedger(Tally& t, const std::string& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        fail(Code::Io, Where{file}, "The ledger " + file + " cannot be read.",
             "Catatan pemakaian " + file + " tidak dapat dibaca.");
    const std::string year = std::to_string(t.r.year) + "-";
    std::string line, prev;
    unsigned long n = 0;
    while (std::getline(in, line)) {
        ++n;
        const bool torn = in.eof(); // the last line had no newline: cut off mid-write
        auto rec = torn ? std::nullopt : parseRecord(line);
        if (!rec) {
            t.r.skippedLines.push_back({file, n, torn ? "torn last line" : "not a ledger record",
                                        torn ? "baris terakhir terpotong" : "bukan catatan pemakaian"});
            continue;
        }
        const std::string hash = lineHash(line);
        if (rec->prev != prev)
            t.r.brokenChains.push_back({file, n, "the record before it is missing or was changed",
                                        "catatan sebelumnya hilang atau diubah"});
        prev = hash;
        if (!t.seen.insert(hash).second) {
            ++t.r.duplicates;
            continue;
        }
        if (rec->record.time.rfind(year, 0) == 0)
            count(t, rec->record);
    }
}

std::string countsJson(const std::map<std::string, unsigned long>& m)
{
    std::string o = "{";
    for (const auto& [k, v] : m)
        o += (o.size() > 1 ? "," : "") + json::quoted(k) + ":" + std::to_string(v);
    return o + "}";
}

std::string placesJson(const std::vector<LedgerPlace>& places)
{
    std::string o = "[";
    for (const auto& p : places)
        o += (o.size() > 1 ? "," : "") + std::string("{\"file\":") + json::quoted(p.file) +
             ",\"line\":" + std::to_string(p.line) + ",\"why\":" + json::quoted(p.why) + "}";
    return o + "]";
}

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n") == std::string::npos)
        return s;
    std::string o = "\"";
    for (char c : s)
        o += c == '"' ? std::string("\"\"") : std::string(1, c);
    return o + "\"";
}

} // namespace

UsageReport buildUsageReport(int year, const std::vector<std::string>& paths, const std::string& institution)
{
    UsageReport r;
    r.year = year;
    r.institution = institution;
    for (int m = 1; m <= 12; ++m)
        r.perMonth[std::to_string(year) + (m < 10 ? "-0" : "-") + std::to_string(m)] = 0;
    Tally t{r, {}, {}};
    for (const std::string& f : ledgerFiles(paths)) {
        readLedger(t, f);
        ++r.files;
    }
    for (auto& [fp, c] : t.certs)
        r.perCertificate.push_back(c);
    std::stable_sort(r.perCertificate.begin(), r.perCertificate.end(),
                     [](const CertificateUse& a, const CertificateUse& b) { return a.signedCount > b.signedCount; });
    return r;
}

std::string usageReportJson(const UsageReport& r)
{
    std::string o = "{\"year\":" + std::to_string(r.year) + ",\"institution\":" + json::quoted(r.institution) +
                    ",\"signed\":" + std::to_string(r.signedCount) + ",\"refused\":" + std::to_string(r.refusedCount) +
                    ",\"files\":" + std::to_string(r.files) + ",\"duplicates\":" + std::to_string(r.duplicates) +
                    ",\"perMonth\":" + countsJson(r.perMonth) + ",\"perLevel\":" + countsJson(r.perLevel) +
                    ",\"perUnit\":" + countsJson(r.perUnit) + ",\"refusedByCode\":" + countsJson(r.refusedByCode) +
                    ",\"perCertificate\":[";
    for (size_t i = 0; i < r.perCertificate.size(); ++i) {
        const CertificateUse& c = r.perCertificate[i];
        o += std::string(i ? "," : "") + "{\"fingerprint\":" + json::quoted(c.fingerprint) +
             ",\"name\":" + json::quoted(c.name) + ",\"issuer\":" + json::quoted(c.issuer) +
             ",\"serial\":" + json::quoted(c.serial) + ",\"notAfter\":" + json::quoted(c.notAfter) +
             ",\"unit\":" + json::quoted(c.organisation + (c.unit.empty() ? "" : " / " + c.unit)) +
             ",\"signed\":" + std::to_string(c.signedCount) + "}";
    }
    return o + "],\"skippedLines\":" + placesJson(r.skippedLines) + ",\"brokenChains\":" +
           placesJson(r.brokenChains) + "}\n";
}

std::string usageReportCsv(const UsageReport& r)
{
    std::string o = "section,key,name,issuer,serial,notAfter,count\n";
    for (const auto& [m, n] : r.perMonth)
        o += "month," + m + ",,,,," + std::to_string(n) + "\n";
    for (const auto& c : r.perCertificate)
        o += "certificate," + c.fingerprint + "," + csvField(c.name) + "," + csvField(c.issuer) + "," + c.serial +
             "," + c.notAfter + "," + std::to_string(c.signedCount) + "\n";
    for (const auto& [k, n] : r.perLevel)
        o += "level," + k + ",,,,," + std::to_string(n) + "\n";
    for (const auto& [k, n] : r.perUnit)
        o += "unit," + csvField(k) + ",,,,," + std::to_string(n) + "\n";
    for (const auto& [k, n] : r.refusedByCode)
        o += "refused," + k + ",,,,," + std::to_string(n) + "\n";
    for (const auto& p : r.skippedLines)
        o += "skipped," + csvField(p.file + ":" + std::to_string(p.line)) + "," + csvField(p.why) + ",,,,\n";
    for (const auto& p : r.brokenChains)
        o += "broken," + csvField(p.file + ":" + std::to_string(p.line)) + "," + csvField(p.why) + ",,,,\n";
    return o;
}

} // namespace bsre
