#include "core/verify_report.hpp"

#include "common/error.hpp"
#include "common/hex.hpp"
#include "core/report_layout.hpp"
#include "crypto/digest.hpp"

#include <algorithm>
#include <cstdio>

namespace bsre {

namespace {

using namespace report;

// Both languages of a word, for the report's "Indonesian / English".
std::string bilingual(const std::string& en)
{
    const Words w = checkWords(en);
    return w.id == w.en ? w.en : w.id + " / " + w.en;
}

std::string indicationSentence(const SignatureReport& s)
{
    const Words w = verdictWords(s);
    return w.id + " / " + w.en;
}

void labelled(Cursor& c, const std::string& label, const std::string& value, double size = 9)
{
    c.need(13);
    fitted(c, kLeft + 10, 150, size, label);
    fitted(c, kLeft + 165, kRight - kLeft - 165, size, value);
    c.y -= 12.5;
}

void titleBlock(Cursor& c, const VerifyReport& r, const ReportContext& ctx)
{
    c.doc.text(c.page, kLeft, c.y, 16, "Laporan Verifikasi Tanda Tangan Elektronik");
    c.y -= 16;
    c.doc.text(c.page, kLeft, c.y, 10, "Electronic Signature Verification Report (BSrE Sign)");
    c.y -= 22;
    labelled(c, "Berkas / File", r.file);
    labelled(c, "Ukuran / Size", std::to_string(r.fileSize) + " bytes, " + std::to_string(r.revisions) +
                                     " revisi / revision(s)");
    labelled(c, "SHA-256", r.sha256, 7.5);
    labelled(c, "Kepercayaan / Trust", ctx.trustedBy.empty() ? "tidak diperiksa / not checked" : ctx.trustedBy);
    labelled(c, "Dibuat / Made", ctx.madeAt);
    c.y -= 6;
    std::string verdict = r.signatures.empty() ? "Tidak ada tanda tangan di berkas ini. / This file has no signatures."
                          : r.allPassed()      ? "SEMUA TANDA TANGAN SAH / ALL SIGNATURES VALID"
                                               : "TIDAK SEMUA TANDA TANGAN SAH / NOT ALL SIGNATURES ARE VALID";
    c.need(20);
    c.doc.box(c.page, kLeft, c.y - 6, kRight - kLeft, 20, r.allPassed() ? 0.9 : 0.8);
    fitted(c, kLeft + 8, kRight - kLeft - 16, 11, verdict);
    c.y -= 16;
}

void chainBlock(Cursor& c, const SignatureReport& s)
{
    c.need(14);
    c.doc.text(c.page, kLeft + 10, c.y, 9, "Rantai sertifikat / Certificate chain:");
    c.y -= 12.5;
    if (s.chain.empty())
        labelled(c, "", "tidak dapat dibaca / cannot be read");
    for (size_t k = 0; k < s.chain.size(); ++k) {
        const crypto::Coverage::Link& l = s.chain[k];
        c.need(40);
        fitted(c, kLeft + 20, kRight - kLeft - 20, 8.5, std::to_string(k + 1) + ". " + l.subject);
        c.y -= 11;
        fitted(c, kLeft + 32, kRight - kLeft - 32, 7.5, "penerbit / issuer: " + l.issuer);
        c.y -= 10;
        fitted(c, kLeft + 32, kRight - kLeft - 32, 7.5,
               "berlaku / valid: " + l.notBefore + " – " + l.notAfter + "   nomor seri / serial: " + l.serial);
        c.y -= 10;
        fitted(c, kLeft + 32, kRight - kLeft - 32, 7.5,
               "status pencabutan / revocation: " + bilingual(l.status) +
                   (l.source.empty() ? std::string() : " (" + l.source + " di DSS berkas / in the file's DSS)"));
        c.y -= 12;
    }
}

void changesBlock(Cursor& c, const SignatureReport& s)
{
    c.need(14);
    c.doc.text(c.page, kLeft + 10, c.y, 9,
               "Perubahan setelah ditandatangani / Changes after signing: " +
                   (s.coversWholeFile ? std::string("tidak ada / none (mencakup seluruh berkas / covers the whole file)")
                                      : std::to_string(s.modifications.size())));
    c.y -= 12.5;
    for (const pdf::Modification& m : s.modifications) {
        c.need(24);
        fitted(c, kLeft + 20, kRight - kLeft - 20, 8,
               "revisi / revision " + std::to_string(m.revision) + ": " +
                   (m.allowed ? "diizinkan / allowed" : "TIDAK DIIZINKAN / NOT ALLOWED"));
        c.y -= 10;
        wrapped(c, kLeft + 32, 7.5, 9.5, m.whatId + " / " + m.what);
    }
}

void signatureBlock(Cursor& c, const VerifyReport& r, size_t i)
{
    const SignatureReport& s = r.signatures[i];
    heading(c, "Tanda tangan / Signature #" + std::to_string(i + 1) + " — kolom / field " + s.field);
    wrapped(c, kLeft + 10, 9.5, 12, indicationSentence(s));
    labelled(c, "Indikasi / Indication", s.indication + (s.subIndication.empty() ? "" : " / " + s.subIndication));
    const PortalChecks pc = portalChecks(s);
    labelled(c, "Penanda tangan / Signer", bilingual(pc.signer));
    labelled(c, "Integritas / Integrity", bilingual(pc.integrity));
    labelled(c, "Stempel waktu / Timestamp", bilingual(pc.timestamp) +
                                                 (s.hasTimestamp ? ": " + s.timestampTime + " (" + s.tsaName + ")" : ""));
    labelled(c, "LTV", bilingual(pc.ltv) + (s.ltvMissing.empty() ? "" : " (" + s.ltvMissing + ")"));
    labelled(c, "Nama / Name", s.signer);
    labelled(c, "Waktu penandatanganan / Time", s.signingTime.empty() ? "-" : s.signingTime);
    labelled(c, "Level", s.documentTimestamp ? "stempel waktu dokumen / document timestamp" : "PAdES " + s.level);
    labelled(c, "Mencakup / Covers", "revisi / revision " + std::to_string(s.revision) + ", " +
                                         std::to_string(s.signedBytes) + " bytes; DocMDP P" + std::to_string(s.docMdp));
    if (!s.problem.empty()) {
        c.need(13);
        wrapped(c, kLeft + 10, 8, 10, "Rincian teknis / Technical detail: " + s.problem);
    }
    chainBlock(c, s);
    changesBlock(c, s);
}

constexpr double kShotWidth = 235, kShotMaxHeight = 330, kMaxMarks = 60;

std::string pointsSize(double w, double h)
{
    char out[64];
    std::snprintf(out, sizeof out, "%.1f × %.1f pt", w, h);
    return out;
}

// One render with a grey frame, and the differing regions framed in red.
void drawShot(Cursor& c, double x, double top, double h, const pdf::RasterImage& img,
              const std::vector<PixelBox>& regions)
{
    c.doc.frame(c.page, x, top - h, kShotWidth, h, 0.6, 0.6, 0.6, 0.5);
    if (img.width == 0) {
        c.doc.text(c.page, x + 10, top - h / 2, 9, "tidak ada halaman / no page");
        return;
    }
    const double scale = kShotWidth / img.width;
    c.doc.image(c.page, x, top - h, kShotWidth, img.height * scale, img);
    for (size_t k = 0; k < regions.size() && k < kMaxMarks; ++k) {
        const PixelBox& b = regions[k];
        c.doc.frame(c.page, x + b.x * scale, top - (b.y + b.h) * scale, b.w * scale, b.h * scale, 0.85, 0.05, 0.05,
                    1.2);
    }
}

void drawComparison(Cursor& c, const PageComparison& p)
{
    const pdf::RasterImage& tall = p.signedPage.height * p.now.width > p.now.height * p.signedPage.width ? p.signedPage : p.now;
    const double h = tall.width ? std::min(kShotMaxHeight, tall.height * kShotWidth / tall.width) : kShotMaxHeight;
    c.need(h + 90);
    heading(c, "Halaman / Page " + std::to_string(p.page + 1) + " — setelah tanda tangan / after signature #" +
                   std::to_string(p.signature + 1));
    c.doc.text(c.page, kLeft, c.y, 8.5, "Sebagaimana ditandatangani / As signed");
    c.doc.text(c.page, kRight - kShotWidth, c.y, 8.5, "Sekarang / Now");
    c.y -= 8;
    const double top = c.y;
    drawShot(c, kLeft, top, h, p.signedPage, p.geometryChanged ? std::vector<PixelBox>{} : p.regions);
    drawShot(c, kRight - kShotWidth, top, h, p.now, p.regions);
    c.y = top - h - 14;
    std::string caption = !p.signedPage.width ? "Halaman ditambahkan setelah ditandatangani. / Page added after signing."
                          : !p.now.width      ? "Halaman dihapus setelah ditandatangani. / Page removed after signing."
                          : p.geometryChanged ? "Ukuran halaman berubah / The page size changed: " +
                                                    pointsSize(p.signedWidth, p.signedHeight) + " → " +
                                                    pointsSize(p.nowWidth, p.nowHeight)
                                              : std::to_string(p.regions.size()) +
                                                    " bagian berbeda, ditandai merah / region(s) differ, marked in red";
    wrapped(c, kLeft, 8.5, 11, caption);
}

void drawComparisons(Cursor& c, const std::vector<PageComparison>& pages)
{
    for (const PageComparison& p : pages)
        drawComparison(c, p);
}

} // namespace

Words checkWords(const std::string& en)
{
    static const std::pair<const char*, const char*> words[] = {
        {"passed", "lulus"}, {"failed", "gagal"}, {"absent", "tidak ada"}, {"not checked", "tidak diperiksa"},
        {"good", "baik (tidak dicabut)"}, {"revoked", "DICABUT"}, {"no data", "tidak ada data pencabutan"},
        {"trust anchor", "sertifikat akar"}, {"issuer unknown", "penerbit tidak diketahui"}};
    for (const auto& [e, id] : words)
        if (en == e)
            return {en, id};
    return {en, en};
}

Words verdictWords(const SignatureReport& s)
{
    if (s.indication == "TOTAL-PASSED")
        return {"The signature is valid.", "Tanda tangan sah."};
    if (s.subIndication == "FORMAT_FAILURE")
        return {"Not valid: the document was changed in a way that is not allowed, or the signature's structure is "
                "wrong.",
                "Tidak sah: dokumen diubah dengan cara yang tidak diizinkan atau struktur tanda tangan salah."};
    if (s.subIndication == "HASH_FAILURE" || s.subIndication == "SIG_CRYPTO_FAILURE")
        return {"Not valid: the signed content changed or the signature value is broken.",
                "Tidak sah: isi yang ditandatangani telah berubah atau nilai tanda tangan rusak."};
    if (s.subIndication == "REVOKED")
        return {"Not valid: the certificate was revoked before signing.",
                "Tidak sah: sertifikat dicabut sebelum penandatanganan."};
    if (s.subIndication == "NO_CERTIFICATE_CHAIN_FOUND" && !s.trustChecked)
        return {"Cannot be decided: the certificate's trust was not checked.",
                "Belum dapat dipastikan: kepercayaan sertifikat tidak diperiksa."};
    return {"Cannot be decided: the certificate or timestamp cannot be trusted with the data available.",
            "Belum dapat dipastikan: sertifikat atau stempel waktu tidak dapat dipercaya dengan data yang ada."};
}

std::string verifyReportPdf(const VerifyReport& r, const std::string& bytes, const ReportContext& ctx)
{
    if (hex(crypto::hash(crypto::HashAlg::Sha256, bytes)) != r.sha256)
        fail(Code::InputChanged, Where{r.file},
             "The file " + r.file + " changed while it was being verified; verify it again.",
             "Berkas " + r.file + " berubah saat diverifikasi; verifikasi ulang.");
    pdf::TextDocument doc;
    Cursor c{doc, doc.addPage()};
    titleBlock(c, r, ctx);
    for (size_t i = 0; i < r.signatures.size(); ++i)
        signatureBlock(c, r, i);
    drawComparisons(c, comparePages(bytes, r));
    c.need(20);
    c.y -= 10;
    c.doc.text(c.page, kLeft, c.y, 7, "Dibuat oleh BSrE Sign / Made by BSrE Sign: " + ctx.madeAt);
    return doc.finish("Laporan Verifikasi / Verification Report: " + r.file, r.sha256 + ctx.madeAt);
}

} // namespace bsre
