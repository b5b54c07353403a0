#include "core/usage_report.hpp"

#include "common/error.hpp"
#include "common/hex.hpp"
#include "common/json.hpp"
#include "core/ledger.hpp"
#include "crypto/digest.hpp"

#include <array>
#include <cstring>
#include <optional>

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

// The fields the report reads, as views into the line. Our writer emits
// records without white space or escapes; such a line is scanned here without
// allocating. Anything else goes through the full parser (parseRecord).
struct RecordView {
    std::string_view v, time, result, code, fingerprint, name, issuer, serial, notAfter, org, unit, level, prev;
};

std::string_view* slot(RecordView& r, std::string_view key)
{
    static const std::pair<std::string_view, std::string_view RecordView::*> keys[] = {
        {"v", &RecordView::v}, {"time", &RecordView::time}, {"result", &RecordView::result},
        {"code", &RecordView::code}, {"fingerprint", &RecordView::fingerprint}, {"name", &RecordView::name},
        {"issuer", &RecordView::issuer}, {"serial", &RecordView::serial}, {"notAfter", &RecordView::notAfter},
        {"org", &RecordView::org}, {"unit", &RecordView::unit}, {"level", &RecordView::level},
        {"prev", &RecordView::prev}};
    for (const auto& [k, member] : keys)
        if (k == key)
            return &(r.*member);
    return nullptr;
}

std::optional<RecordView> scan(std::string_view line)
{
    RecordView r;
    size_t i = 1;
    if (line.size() < 2 || line.front() != '{' || line.back() != '}' || line.find('\\') != std::string_view::npos)
        return std::nullopt;
    while (i < line.size() - 1) {
        if (line[i] != '"')
            return std::nullopt;
        const size_t keyEnd = line.find('"', i + 1);
        if (keyEnd == std::string_view::npos || keyEnd + 1 >= line.size() || line[keyEnd + 1] != ':')
            return std::nullopt;
        const std::string_view key = line.substr(i + 1, keyEnd - i - 1);
        size_t from = keyEnd + 2, to;
        std::string_view value;
        if (line[from] == '"') {
            to = line.find('"', from + 1);
            if (to == std::string_view::npos)
                return std::nullopt;
            value = line.substr(from + 1, to - from - 1);
            ++to;
        } else {
            to = line.find_first_of(",}", from);
            value = line.substr(from, to - from);
        }
        if (auto* s = slot(r, key))
            *s = value;
        i = to + (line[to] == ',' ? 1 : 0);
    }
    if (r.v != "1" || r.time.empty() || (r.result != "signed" && r.result != "refused"))
        return std::nullopt;
    return r;
}

struct Key128 {
    uint64_t a, b;
    bool operator==(const Key128& o) const { return a == o.a && b == o.b; }
};
struct KeyHash {
    size_t operator()(const Key128& k) const noexcept { return static_cast<size_t>(k.a ^ (k.b * 0x9E3779B97F4A7C15ull)); }
};


struct Tally {
    UsageReport& r;
    std::map<std::string, CertificateUse, std::less<>> certs;
    std::unordered_set<Key128, KeyHash> seen; // 128 bits of each line's SHA-256: a ledger collected twice counts once
    crypto::Sha256Many sha256;
    std::array<unsigned long, 12> months{};
    std::string unit;                          // scratch for the unit key
};

template <class Map>
void bump(Map& m, std::string_view key)
{
    auto it = m.find(key);
    if (it == m.end())
        it = m.emplace(std::string(key), 0).first;
    ++it->second;
}

void count(Tally& t, const RecordView& x)
{
    UsageReport& r = t.r;
    if (x.result != "signed") {
        ++r.refusedCount;
        bump(r.refusedByCode, x.code.empty() ? std::string_view("Unknown") : x.code);
        return;
    }
    ++r.signedCount;
    const int month = x.time.size() >= 7 ? (x.time[5] - '0') * 10 + (x.time[6] - '0') : 0;
    if (month >= 1 && month <= 12)
        ++t.months[month - 1];
    bump(r.perLevel, x.level.empty() ? std::string_view("?") : x.level);
    t.unit.assign(x.org);
    if (!x.unit.empty())
        t.unit.append(" / ").append(x.unit);
    bump(r.perUnit, t.unit.empty() ? std::string_view("-") : std::string_view(t.unit));
    auto it = t.certs.find(x.fingerprint);
    if (it == t.certs.end())
        it = t.certs.emplace(std::string(x.fingerprint),
                             CertificateUse{std::string(x.fingerprint), std::string(x.name), std::string(x.issuer),
                                            std::string(x.serial), std::string(x.notAfter), std::string(x.org),
                                            std::string(x.unit), 0})
                 .first;
    ++it->second.signedCount;
}

// A record written with escapes (a name with a quote, say): the full parser,
// then viewed like the others (the strings live in `keep`).
std::optional<RecordView> slowView(std::string_view line, std::optional<ReadRecord>& keep)
{
    keep = parseRecord(line);
    if (!keep)
        return std::nullopt;
    const LedgerRecord& x = keep->record;
    return RecordView{"1", x.time, x.signedOk ? "signed" : "refused", x.code, x.fingerprint, x.name, x.issuer,
                      x.serial, x.notAfter, x.organisation, x.unit, x.level, keep->prev};
}

void readLedger(Tally& t, const std::string& file)
{
    std::vector<char> buffer(1 << 20);
    std::ifstream in;
    in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    in.open(file, std::ios::binary);
    if (!in)
        fail(Code::Io, Where{file}, "The ledger " + file + " cannot be read.",
             "Catatan pemakaian " + file + " tidak dapat dibaca.");
    const std::string year = std::to_string(t.r.year) + "-";
    std::string line, prev;
    std::optional<ReadRecord> keep;
    unsigned long n = 0;
    while (std::getline(in, line)) {
        ++n;
        const bool torn = in.eof(); // the last line had no newline: cut off mid-write
        std::optional<RecordView> rec = torn ? std::nullopt : scan(line);
        if (!rec && !torn)
            rec = slowView(line, keep);
        if (!rec) {
            t.r.skippedLines.push_back({file, n, torn ? "torn last line" : "not a ledger record",
                                        torn ? "baris terakhir terpotong" : "bukan catatan pemakaian"});
            continue;
        }
        const std::string digest = t.sha256(line);
        if (rec->prev != prev)
            t.r.brokenChains.push_back({file, n, "the record before it is missing or was changed",
                                        "catatan sebelumnya hilang atau diubah"});
        hexInto(prev, digest);
        Key128 k;
        std::memcpy(&k, digest.data(), sizeof k);
        if (!t.seen.insert(k).second) {
            ++t.r.duplicates;
            continue;
        }
        if (rec->time.substr(0, year.size()) == year)
            count(t, *rec);
    }
}

std::string countsJson(const UsageReport::Counts& m)
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
    Tally t{r, {}, {}, {}, {}, {}};
    t.seen.reserve(1 << 16);
    for (const std::string& f : ledgerFiles(paths)) {
        readLedger(t, f);
        ++r.files;
    }
    for (int m = 0; m < 12; ++m)
        r.perMonth[std::to_string(year) + (m < 9 ? "-0" : "-") + std::to_string(m + 1)] = t.months[m];
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
