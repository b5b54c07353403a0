#include "cli/usage_ledger.hpp"

#include "cli/exit_codes.hpp"
#include "cli/sign_args.hpp"

#include "common/atomic_file.hpp"
#include "core/notice_text.hpp"
#include "core/dates.hpp"
#include "core/usage_report.hpp"
#include "crypto/store.hpp"
#include "crypto/external.hpp"
#include "crypto/verify.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <filesystem>
#include <iostream>
#include <unistd.h>

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
    s.hashFileNames = value("LedgerHashFileNames") == "true";
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

namespace {

// The report PDF signed with the reporting officer's certificate, like any
// other PDF (invisible signature, the notice band).
void writeSignedReport(const Args& a, const std::string& pdf, crypto::Store& store)
{
    char tmpl[] = "/tmp/bsre-report-XXXXXX";
    if (!::mkdtemp(tmpl))
        fail(Code::Io, "No private temporary folder could be made.", "Folder sementara pribadi tidak dapat dibuat.");
    const std::string dir = tmpl, unsignedPdf = dir + "/report.pdf";
    struct Cleanup {
        std::string dir;
        ~Cleanup() { std::filesystem::remove_all(dir); }
    } cleanup{dir};
    writeFileAtomically(unsignedPdf, pdf, false);
    SignRequest rq;
    rq.input = unsignedPdf;
    rq.output = a.get("output");
    rq.overwrite = a.has("overwrite");
    NoticeRequest n;
    n.style.paragraphs.push_back(kDefaultNotice);
    n.style.logoPath = defaultLogo();
    rq.notice = n;
    auto signer = store.signer(a.get("cert"), pinProvider(a));
    signPdf(rq, *signer);
}

} // namespace

int cmdReport(const Args& a)
{
    requireKnown(a, {"year", "ledger", "format", "output", "overwrite", "institution", "sign", "nssdb", "module", "cert",
                     "pin-file", "pin-fd"});
    if (!a.has("year") || !a.has("output"))
        usage("--year YYYY and -o OUT are required.", "--year YYYY dan -o OUT wajib diisi.");
    const int year = std::atoi(a.get("year").c_str());
    if (year < 2000 || year > 2999)
        usage("--year must be a year such as 2026.", "--year harus berupa tahun, misalnya 2026.");
    std::vector<std::string> paths = a.has("ledger") ? a.opts.at("ledger") : std::vector<std::string>{};
    if (paths.empty())
        paths.push_back(ledgerSettings(Args{}).dir);
    const std::string format = a.has("format") ? a.get("format") : "json";
    if (format != "json" && format != "csv" && format != "pdf")
        usage("--format must be json, csv or pdf.", "--format harus json, csv atau pdf.");
    if (a.has("sign") && (format != "pdf" || !a.has("cert")))
        usage("--sign needs --format pdf, --nssdb and --cert.", "--sign memerlukan --format pdf, --nssdb dan --cert.");
    std::unique_ptr<crypto::Store> store;
    std::unique_ptr<crypto::TrustContext> nss;
    if (a.has("sign"))
        store = openStore(a);
    else
        nss = crypto::TrustContext::none(); // SHA-256 for the chains
    const UsageReport r = buildUsageReport(year, paths, a.get("institution"));
    if (format == "pdf" && store)
        writeSignedReport(a, usageReportPdf(r, localTimeNow()), *store);
    else
        writeFileAtomically(a.get("output"),
                            format == "json"  ? usageReportJson(r)
                            : format == "csv" ? usageReportCsv(r)
                                              : usageReportPdf(r, localTimeNow()),
                            a.has("overwrite"));
    std::cout << "Report / Laporan " << year << ": " << r.signedCount << " signed / ditandatangani, " << r.refusedCount
              << " refused / ditolak, " << r.files << " ledger(s) / catatan; " << r.skippedLines.size()
              << " line(s) skipped / baris dilewati, " << r.brokenChains.size() << " broken chain(s) / rantai putus\n";
    return Ok;
}

} // namespace bsre::cli
