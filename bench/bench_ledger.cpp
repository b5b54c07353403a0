// Benchmark (never a test, never fails a build): the usage ledger.
//   bench-ledger PKI_DIR PDF [RECORDS]
// - appending one record (open, lock, tail read, one write, fdatasync), beside
//   the in-process signing time of the same PDF in the same run;
// - the yearly report over RECORDS records (default 10^6) written in the
//   ledger's own line format and chain (core/ledger.hpp recordLine/lineHash),
//   with the peak resident memory of this process.
#include "core/ledger.hpp"
#include "core/sign.hpp"
#include "core/usage_report.hpp"
#include "crypto/store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>
#include <vector>

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

static double ms(Clock::time_point a) { return std::chrono::duration<double, std::milli>(Clock::now() - a).count(); }

static double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

static bsre::LedgerRecord sample(int i)
{
    static const char* names[] = {"Budi Santoso", "Siti Rahayu", "Andi Wijaya", "Hadi Susanto"};
    bsre::LedgerRecord r;
    char t[32];
    std::snprintf(t, sizeof t, "2026-%02d-%02dT%02d:%02d:00Z", 1 + i % 12, 1 + i % 28, i % 24, i % 60);
    r.time = t;
    r.signedOk = i % 50 != 0;
    r.code = r.signedOk ? "" : "BadPin";
    r.name = names[i % 4];
    r.fingerprint = std::string(64, "0123"[i % 4]);
    r.issuer = "CN=BSrE Issuing CA,O=BSSN,C=ID";
    r.serial = "1189E63CD1BF06E6";
    r.notAfter = "2028-12-02T12:09:14Z";
    r.organisation = "Kementerian Contoh";
    r.level = r.signedOk ? "B-LT" : "";
    r.levelAsked = "B-LT";
    r.source = "Writer";
    r.pages = 1 + i % 5;
    r.tool = "extension";
    r.version = "0.1.0";
    r.host = "desk-" + std::to_string(i % 40);
    r.user = "officer";
    return r;
}

static void writeLedger(const std::string& file, int n)
{
    std::ofstream out(file, std::ios::binary);
    std::string prev;
    for (int i = 0; i < n; ++i) {
        const std::string line = bsre::recordLine(sample(i), static_cast<unsigned long long>(i + 1), prev);
        prev = bsre::lineHash(line);
        out << line << '\n';
    }
}

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench-ledger PKI_DIR PDF [RECORDS]\n");
        return 0;
    }
    const int n = argc > 3 ? std::atoi(argv[3]) : 1000000;
    const fs::path tmp = fs::temp_directory_path() / "bsre-bench-ledger";
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    auto store = bsre::crypto::Store::open(std::string(argv[1]) + "/nssdb");
    auto signer = store->signer("officer-rsa", {});

    std::vector<double> sign, append;
    bsre::SignRequest rq;
    rq.input = argv[2];
    rq.output = (tmp / "out.pdf").string();
    const std::string file = bsre::ledgerFile(tmp.string(), "bench", "user");
    for (int i = 0; i < 21; ++i) {
        auto a = Clock::now();
        (void)bsre::signToBytes(rq, *signer);
        sign.push_back(ms(a));
        a = Clock::now();
        bsre::appendRecord(file, sample(i));
        append.push_back(ms(a));
    }
    std::printf("ledger append (fdatasync): %.3f ms median of 21 | in-process signing of the same PDF: %.3f ms "
                "(target: append <= 1 ms)\n", median(append), median(sign));

    const std::string big = (tmp / "big.jsonl").string();
    auto a = Clock::now();
    writeLedger(big, n);
    const double written = ms(a);
    a = Clock::now();
    const bsre::UsageReport r = bsre::buildUsageReport(2026, {big});
    const double report = ms(a);
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("report over %d records (%.1f MB): %.0f ms (target <= 2000 ms); %lu signed, %lu refused, %zu skipped, "
                "%zu broken; peak RSS %.1f MB; writing them took %.0f ms\n",
                n, static_cast<double>(fs::file_size(big)) / 1e6, report, r.signedCount, r.refusedCount,
                r.skippedLines.size(), r.brokenChains.size(), static_cast<double>(ru.ru_maxrss) / 1024.0, written);
    fs::remove_all(tmp);
    return 0;
}
