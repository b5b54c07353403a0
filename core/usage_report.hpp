// The yearly report to BSrE from any number of desks' ledgers (docs/LEDGER.md):
// counts per month, certificate holder, level, unit and refusal cause, with
// the lines that were skipped (torn or not ours) and the places where a
// ledger's chain is broken (a record removed or edited).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace bsre {

struct LedgerPlace {
    std::string file;
    unsigned long line = 0; // 1-based
    std::string why;        // English; the report also carries the Indonesian
    std::string whyId;
};

struct CertificateUse {
    std::string fingerprint, name, issuer, serial, notAfter, organisation, unit;
    unsigned long signedCount = 0;
};

struct UsageReport {
    int year = 0;
    std::string institution;
    unsigned long signedCount = 0, refusedCount = 0, duplicates = 0, files = 0;
    using Counts = std::map<std::string, unsigned long, std::less<>>;
    Counts perMonth;      // "2026-01" … "2026-12", all twelve
    Counts perLevel;      // signed, by level reached
    Counts perUnit;       // signed, by O / OU of the certificate
    Counts refusedByCode; // "BadPin" …
    std::vector<CertificateUse> perCertificate;         // by signatures, most first
    std::vector<LedgerPlace> skippedLines, brokenChains;
};

// `paths`: ledger files, or folders whose *.jsonl files are all read.
// A record seen twice (the same ledger collected twice) counts once.
// NSS must be initialised (SHA-256). Throws Error(Io) for a path that cannot be read.
UsageReport buildUsageReport(int year, const std::vector<std::string>& paths, const std::string& institution = "");

std::string usageReportJson(const UsageReport& r);
std::string usageReportCsv(const UsageReport& r);
// The report as a PDF in Indonesian with English beside it (one page for a
// small office); `madeAt` is printed at the foot. NSS is not needed.
std::string usageReportPdf(const UsageReport& r, const std::string& madeAt);

} // namespace bsre
