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

std::string defaultLedgerDir()
{
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x)
        return std::string(x) + "/bsre-sign/ledger";
    const char* home = std::getenv("HOME");
    return std::string(home ? home : ".") + "/.local/share/bsre-sign/ledger";
}

std::string utcNow()
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

Warning unwritten(const Error& e)
{
    return {WarningCode::Other, "The signature was made, but it could not be recorded in the usage ledger: " +
                                    std::string(e.english()),
            "Tanda tangan dibuat, tetapi tidak dapat dicatat dalam catatan pemakaian: " + e.indonesian()};
}

} // namespace

LedgerSettings ledgerSettings(const Args& a)
{
    LedgerSettings s;
    const auto policy = readPolicy();
    auto value = [&](const char* k) { auto it = policy.find(k); return it == policy.end() ? std::string() : it->second; };
    s.dir = value("LedgerFolder").empty() ? defaultLedgerDir() : value("LedgerFolder");
    s.enabled = value("LedgerEnabled") != "false";
    s.require = value("RequireLedger") == "true" || a.has("require-ledger");
    const std::string desk = value("LedgerDesk");
    s.naming = desk == "hashed" ? DeskNaming::Hashed : desk == "neither" ? DeskNaming::Neither : DeskNaming::Both;
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

Attempt::Attempt(LedgerSettings s, std::string source, std::string levelAsked, bool visible, bool notice)
    : settings_(std::move(s))
{
    record_.source = std::move(source);
    record_.levelAsked = std::move(levelAsked);
    record_.visible = visible;
    record_.notice = notice;
    record_.tool = "bsre-sign";
    record_.version = BSRE_VERSION;
}

void Attempt::requireWritable() const
{
    if (!settings_.enabled || !settings_.require)
        return;
    const auto [host, user] = std::pair(hostName(), userName());
    const std::string file = ledgerFile(settings_.dir, host, user);
    std::ofstream probe(file, std::ios::app); // creates it, writes nothing
    if (!probe)
        fail(Code::Io, Where{file},
             "The usage ledger " + file + " cannot be written and IT's policy requires it; nothing was signed.",
             "Catatan pemakaian " + file + " tidak dapat ditulis dan kebijakan TI mewajibkannya; tidak ada yang "
             "ditandatangani.");
}

void Attempt::certificate(const std::string& der)
{
    const crypto::CertificateSummary c = crypto::describeCertificate(der);
    record_.fingerprint = c.fingerprint;
    record_.name = c.commonName;
    record_.issuer = c.issuer;
    record_.serial = c.serial;
    record_.notAfter = c.notAfter;
    record_.organisation = c.organisation;
    record_.unit = c.unit;
}

std::optional<Warning> Attempt::append()
{
    done_ = true;
    if (!settings_.enabled)
        return std::nullopt;
    const std::string host = hostName(), user = userName();
    std::tie(record_.host, record_.user) = deskNames(settings_.naming, host, user);
    record_.time = utcNow();
    try {
        appendRecord(ledgerFile(settings_.dir, host, user), record_);
    } catch (const Error& e) {
        if (settings_.require)
            throw;
        return unwritten(e);
    }
    return std::nullopt;
}

std::optional<Warning> Attempt::signedAs(const SignOutcome& out)
{
    record_.signedOk = true;
    record_.level = out.level;
    record_.pages = out.pages;
    return append();
}

void Attempt::refused(Code code) noexcept
{
    if (done_ || !crypto::nssReady())
        return; // recorded already, or refused before NSS (and the certificate) were up
    try {
        record_.signedOk = false;
        record_.code = codeName(code);
        if (auto w = append())
            std::cerr << "bsre-sign: " << w->en << "\n";
    } catch (...) {
    }
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
