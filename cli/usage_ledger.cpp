#include "cli/usage_ledger.hpp"

#include "cli/exit_codes.hpp"

#include "common/atomic_file.hpp"
#include "core/usage_report.hpp"
#include "crypto/external.hpp"
#include "crypto/verify.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>

#ifndef BSRE_VERSION
#define BSRE_VERSION "0"
#endif

namespace bsre::cli {

namespace {

std::map<std::string, std::string> readPolicy()
{
    std::map<std::string, std::string> out;
    std::ifstream in(kPolicyFile);
    for (std::string line; std::getline(in, line);) {
        const size_t eq = line.find('=');
        if (line.empty() || line[0] == '#' || eq == std::string::npos)
            continue;
        out[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return out;
}

} // namespace

LedgerSettings ledgerSettings(const Args& a)
{
    LedgerSettings s;
    const auto policy = readPolicy();
    auto value = [&](const char* k) { auto it = policy.find(k); return it == policy.end() ? std::string() : it->second; };
    s.dir = value("LedgerFolder").empty() ? defaultLedgerFolder() : value("LedgerFolder");
    s.enabled = value("LedgerEnabled") != "false";
    s.require = value("RequireLedger") == "true" || a.has("require-ledger");
    const std::string desk = value("LedgerDesk");
    s.naming = parseDeskNaming(desk);
    if (a.has("ledger"))
        s.dir = a.get("ledger");
    if (a.has("no-ledger")) {
        if (value("AllowNoLedger") == "false" || s.require)
            usage("The usage ledger is required by IT's policy (" + std::string(kPolicyFile) + "); --no-ledger is refused.",
                  "Catatan pemakaian diwajibkan oleh kebijakan TI (" + std::string(kPolicyFile) +
                      "); --no-ledger ditolak.");
        s.enabled = false;
    }
    return s;
}

LedgerAttempt cliAttempt(const Args& a, std::string levelAsked, bool visible, bool notice)
{
    return LedgerAttempt(ledgerSettings(a), "bsre-sign", BSRE_VERSION, "PDF", std::move(levelAsked), visible, notice);
}

int cmdReport(const Args& a)
{
    requireKnown(a, {"year", "ledger", "format", "output", "overwrite", "institution"});
    if (!a.has("year") || !a.has("output"))
        usage("--year YYYY and -o OUT are required.", "--year YYYY dan -o OUT wajib diisi.");
    const int year = std::atoi(a.get("year").c_str());
    if (year < 2000 || year > 2999)
        usage("--year must be a year such as 2026.", "--year harus berupa tahun, misalnya 2026.");
    std::vector<std::string> paths = a.has("ledger") ? a.opts.at("ledger") : std::vector<std::string>{};
    if (paths.empty())
        paths.push_back(ledgerSettings(Args{}).dir);
    auto nss = crypto::TrustContext::none(); // SHA-256 for the chains
    const UsageReport r = buildUsageReport(year, paths, a.get("institution"));
    const std::string format = a.has("format") ? a.get("format") : "json";
    if (format != "json" && format != "csv")
        usage("--format must be json or csv.", "--format harus json atau csv.");
    writeFileAtomically(a.get("output"), format == "json" ? usageReportJson(r) : usageReportCsv(r), a.has("overwrite"));
    std::cout << "Report / Laporan " << year << ": " << r.signedCount << " signed / ditandatangani, " << r.refusedCount
              << " refused / ditolak, " << r.files << " ledger(s) / catatan; " << r.skippedLines.size()
              << " line(s) skipped / baris dilewati, " << r.brokenChains.size() << " broken chain(s) / rantai putus\n";
    return Ok;
}

} // namespace bsre::cli
