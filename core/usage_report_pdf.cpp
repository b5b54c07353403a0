// The yearly report as a PDF a person files: Indonesian with English beside it.
#include "core/usage_report.hpp"

#include "core/report_layout.hpp"
#include "pdf/document.hpp"

#include <algorithm>
#include <ctime>

namespace bsre {

namespace {

using namespace report;

std::string commonNameOf(const std::string& dn)
{
    const size_t at = dn.find("CN=");
    if (at == std::string::npos)
        return dn;
    const size_t end = dn.find(',', at);
    return dn.substr(at + 3, end == std::string::npos ? std::string::npos : end - at - 3);
}

void monthChart(Cursor& c, const UsageReport& r)
{
    static const char* names[] = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
    heading(c, "Penandatanganan per bulan / Signatures per month");
    c.need(130);
    unsigned long most = 1;
    for (const auto& [m, n] : r.perMonth)
        most = std::max(most, n);
    const double base = c.y - 100, slot = (kRight - kLeft) / 12;
    int i = 0;
    for (const auto& [m, n] : r.perMonth) {
        const double x = kLeft + i * slot + slot * 0.2, h = 80.0 * static_cast<double>(n) / static_cast<double>(most);
        c.doc.box(c.page, x, base, slot * 0.6, std::max(h, 0.5), 0.45);
        const std::string count = std::to_string(n);
        c.doc.text(c.page, x + slot * 0.3 - c.doc.width(count, 8) / 2, base + h + 3, 8, count);
        c.doc.text(c.page, x + slot * 0.3 - c.doc.width(names[i], 8) / 2, base - 11, 8, names[i]);
        ++i;
    }
    c.y = base - 20;
}

void certificateTable(Cursor& c, const UsageReport& r)
{
    heading(c, "Per pemegang sertifikat / Per certificate holder");
    const double cols[] = {kLeft, kLeft + 135, kLeft + 255, kLeft + 360, kRight - 58};
    const char* titles[] = {"Nama / Name", "Penerbit / Issuer", "Nomor seri / Serial", "Berlaku / Valid to"};
    for (int k = 0; k < 4; ++k)
        fitted(c, cols[k], cols[k + 1] - cols[k] - 6, 8, titles[k]);
    c.doc.text(c.page, kRight, c.y, 8, "Jumlah / Count", true);
    c.y -= 13;
    for (const CertificateUse& u : r.perCertificate) {
        c.need(13);
        const std::string cells[] = {u.name, commonNameOf(u.issuer), u.serial, u.notAfter.substr(0, 10)};
        for (int k = 0; k < 4; ++k)
            fitted(c, cols[k], cols[k + 1] - cols[k] - 6, 9, cells[k]);
        c.doc.text(c.page, kRight, c.y, 9, std::to_string(u.signedCount), true);
        c.y -= 13;
    }
    if (r.perCertificate.empty()) {
        c.doc.text(c.page, kLeft, c.y, 9, "Tidak ada / None");
        c.y -= 13;
    }
}

void countList(Cursor& c, const std::string& title, const UsageReport::Counts& counts)
{
    heading(c, title);
    for (const auto& [k, n] : counts) {
        c.need(13);
        fitted(c, kLeft, kRight - kLeft - 60, 9, k);
        c.doc.text(c.page, kRight, c.y, 9, std::to_string(n), true);
        c.y -= 13;
    }
    if (counts.empty()) {
        c.doc.text(c.page, kLeft, c.y, 9, "Tidak ada / None");
        c.y -= 13;
    }
}

void ledgerHealth(Cursor& c, const UsageReport& r)
{
    heading(c, "Keutuhan catatan / Ledger integrity");
    c.doc.text(c.page, kLeft, c.y, 9,
               std::to_string(r.files) + " berkas catatan / ledger file(s); " + std::to_string(r.duplicates) +
                   " catatan ganda dihitung sekali / duplicate record(s) counted once");
    c.y -= 13;
    for (const auto* places : {&r.skippedLines, &r.brokenChains})
        for (const LedgerPlace& p : *places) {
            c.need(13);
            fitted(c, kLeft, kRight - kLeft, 8,
                   (places == &r.skippedLines ? "Baris dilewati / Skipped: " : "Rantai putus / Broken chain: ") +
                       p.file + ":" + std::to_string(p.line) + " — " + p.whyId + " / " + p.why);
            c.y -= 12;
        }
    if (r.skippedLines.empty() && r.brokenChains.empty()) {
        c.doc.text(c.page, kLeft, c.y, 9, "Semua rantai utuh / Every chain intact");
        c.y -= 13;
    }
}

void titleBlock(Cursor& c, const UsageReport& r)
{
    c.doc.text(c.page, kLeft, c.y, 16, "Laporan Pemanfaatan Sertifikat Elektronik");
    c.y -= 16;
    c.doc.text(c.page, kLeft, c.y, 10, "Electronic Certificate Usage Report (BSrE)");
    c.y -= 20;
    const std::string year = std::to_string(r.year);
    const std::string lines[] = {
        "Instansi / Institution: " + (r.institution.empty() ? std::string("-") : r.institution),
        "Periode / Period: 1 Januari – 31 Desember " + year + " (1 January – 31 December " + year + ")",
        "Dokumen ditandatangani / Documents signed: " + std::to_string(r.signedCount) +
            "     Ditolak / Refused: " + std::to_string(r.refusedCount)};
    for (const std::string& l : lines) {
        fitted(c, kLeft, kRight - kLeft, 10, l);
        c.y -= 14;
    }
}

} // namespace

std::string usageReportPdf(const UsageReport& r, const std::string& madeAt)
{
    pdf::TextDocument doc;
    Cursor c{doc, doc.addPage()};
    titleBlock(c, r);
    monthChart(c, r);
    certificateTable(c, r);
    countList(c, "Per level / Per level (PAdES)", r.perLevel);
    countList(c, "Per unit kerja / Per unit (O / OU)", r.perUnit);
    countList(c, "Penolakan per penyebab / Refusals by cause", r.refusedByCode);
    ledgerHealth(c, r);
    c.need(20);
    c.y -= 10;
    c.doc.text(c.page, kLeft, c.y, 7, "Dibuat oleh BSrE Sign / Made by BSrE Sign: " + madeAt);
    return doc.finish("Laporan Pemanfaatan Sertifikat Elektronik " + std::to_string(r.year),
                      "bsre-report-" + std::to_string(r.year) + madeAt);
}

} // namespace bsre
