// The BSrE notice band: on the configured pages, real text, the logo, never
// over the content (scaled down within limits, or refused naming the pages).
#define BOOST_TEST_MODULE notice
#include "support.hpp"

#include <cstring>
#include <iomanip>
#include <sstream>

using namespace testing;

namespace {

const std::string kNotice =
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh "
    "Balai Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara.";
constexpr double kBandTop = 10 + 40 + 4; // bottom + height + gap, points (pdf/notice.hpp defaults)

std::string pageText(const std::string& pdf, int page)
{
    return collapse(run("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + q(pdf) + " -").output);
}

struct Gray {
    int w = 0, h = 0;
    std::string px;
};

Gray render(const std::string& pdf, int page, const Scratch& s, const std::string& name)
{
    Run r = run("pdftoppm -r 36 -gray -f " + std::to_string(page) + " -l " + std::to_string(page) + " -singlefile " +
                q(pdf) + " " + q(s(name)));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    std::string data = slurp(s(name) + ".pgm");
    std::istringstream in(data);
    std::string magic;
    int maxv;
    Gray g;
    in >> magic >> g.w >> g.h >> maxv;
    in.get();
    g.px = data.substr(static_cast<size_t>(in.tellg()));
    return g;
}

struct Word {
    double x1, y1, x2, y2; // top-left origin, points
    std::string text;
};

std::vector<Word> words(const std::string& pdf, int page)
{
    Run r = run("pdftotext -bbox -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + q(pdf) + " -");
    std::vector<Word> out;
    std::regex re(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
    for (auto it = std::sregex_iterator(r.output.begin(), r.output.end(), re); it != std::sregex_iterator(); ++it)
        out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4]), (*it)[5]});
    return out;
}

// A one-page A4 PDF whose drawing (a grey block and a line of text) reaches
// down to `bottom` points: "full to the edge" when bottom is small.
void makeFullPage(const std::string& path, double bottom)
{
    std::string content = "0.8 g 40 " + std::to_string(bottom + 14) + " 515 " + std::to_string(760 - bottom) +
                          " re f 0 g BT /F1 10 Tf 40 " + std::to_string(bottom) + " Td (Baris terbawah halaman) Tj ET";
    std::vector<std::string> objs = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    std::string pdf = "%PDF-1.7\n";
    std::vector<size_t> off;
    for (size_t i = 0; i < objs.size(); ++i) {
        off.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
    }
    size_t x = pdf.size();
    pdf += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f\r\n";
    for (size_t o : off) {
        char e[21];
        std::snprintf(e, sizeof e, "%010zu 00000 n\r\n", o);
        pdf.append(e, 20);
    }
    pdf += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(x) +
           "\n%%EOF\n";
    spit(path, pdf);
}

} // namespace

// Page 1 rendered before and after: every pixel above the band is the same,
// and the band itself was drawn.
void checkOnlyTheBandChanged(const std::string& in, const std::string& out, const Scratch& s)
{
    Gray before = render(in, 1, s, "before"), after = render(out, 1, s, "after");
    BOOST_TEST_REQUIRE(before.w == after.w);
    BOOST_TEST_REQUIRE(before.h == after.h);
    const int bandRows = static_cast<int>(kBandTop / 72.0 * 36) + 2;
    const size_t above = static_cast<size_t>(before.w) * (before.h - bandRows);
    BOOST_TEST((before.px.compare(0, above, after.px, 0, above) == 0), "pixels above the band must not change");
    BOOST_TEST((before.px != after.px), "the band itself must be drawn");
}

BOOST_AUTO_TEST_SUITE(notice_band)

BOOST_AUTO_TEST_CASE(a_letter_with_room_keeps_every_pixel_above_the_band)
{
    Scratch s;
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"), "--cert officer-rsa --notice");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("letter.pdf"), s("out.pdf"), 1);
    checkOnlyTheBandChanged(pdfs("letter.pdf"), s("out.pdf"), s);
    BOOST_TEST(pageText(s("out.pdf"), 1).find(kNotice) != std::string::npos, pageText(s("out.pdf"), 1));
    Run img = run("pdfimages -list " + q(s("out.pdf")));
    BOOST_TEST(img.output.find("smask") != std::string::npos, "the logo (with alpha) is present: " << img.output);
    Run fonts = run("pdffonts " + q(s("out.pdf")));
    BOOST_TEST(fonts.output.find(" no  ") == std::string::npos, "every font embedded: " << fonts.output);
}

// PDF/A input: where content lies is measured on a copy without the
// OutputIntents (colour management is the slow part); the result must match.
BOOST_AUTO_TEST_CASE(a_pdfa_letter_keeps_every_pixel_above_the_band_and_is_not_scaled)
{
    Scratch s;
    Run r = sign(pdfs("letter-pdfa.pdf"), s("out.pdf"), "--cert officer-rsa --notice");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    BOOST_TEST(r.output.find("scaled down") == std::string::npos, r.output);
    checkSignedOutput(pdfs("letter-pdfa.pdf"), s("out.pdf"), 1);
    checkOnlyTheBandChanged(pdfs("letter-pdfa.pdf"), s("out.pdf"), s);
}

BOOST_AUTO_TEST_CASE(no_notice_word_overlaps_another_word)
{
    Scratch s;
    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("out.pdf"), "--cert officer-rsa --notice --notice-second-line").status == 0);
    const double pageH = 842;
    std::vector<Word> notice, other;
    for (const Word& w : words(s("out.pdf"), 1))
        (w.y1 > pageH - kBandTop ? notice : other).push_back(w);
    BOOST_TEST(notice.size() > 20u, "the notice words are in the band");
    for (const Word& n : notice)
        for (const Word& o : other)
            BOOST_TEST(!(n.x1 < o.x2 && o.x1 < n.x2 && n.y1 < o.y2 && o.y1 < n.y2),
                       "notice word '" << n.text << "' overlaps '" << o.text << "'");
    BOOST_TEST(pageText(s("out.pdf"), 1).find("UU ITE No. 11 Tahun 2008 Pasal 5 ayat 1") != std::string::npos);
    checkOwnAnalysis(s("out.pdf"), pki("verifydb"));
}

BOOST_AUTO_TEST_CASE(only_the_configured_pages_are_stamped)
{
    Scratch s;
    BOOST_TEST_REQUIRE(sign(pdfs("letter-100.pdf"), s("first.pdf"), "--cert officer-rsa --notice --notice-pages first").status == 0);
    BOOST_TEST(pageText(s("first.pdf"), 1).find(kNotice) != std::string::npos);
    BOOST_TEST(pageText(s("first.pdf"), 2).find("Balai Sertifikasi Elektronik (BSrE)") == std::string::npos);
    BOOST_TEST(pageText(s("first.pdf"), 100).find("Balai Sertifikasi Elektronik (BSrE)") == std::string::npos);
    BOOST_TEST_REQUIRE(sign(pdfs("letter-100.pdf"), s("last.pdf"), "--cert officer-rsa --notice --notice-pages last").status == 0);
    BOOST_TEST(pageText(s("last.pdf"), 100).find(kNotice) != std::string::npos);
    BOOST_TEST(pageText(s("last.pdf"), 1).find("Balai Sertifikasi Elektronik (BSrE)") == std::string::npos);
    for (const char* f : {"first.pdf", "last.pdf"})
        checkOwnAnalysis(s(f), pki("verifydb"));
    BOOST_TEST_REQUIRE(sign(pdfs("letter-100.pdf"), s("all.pdf"), "--cert officer-rsa --notice").status == 0);
    for (int p : {1, 37, 100})
        BOOST_TEST(pageText(s("all.pdf"), p).find(kNotice) != std::string::npos, "page " << p);
    checkSignedOutput(pdfs("letter-100.pdf"), s("all.pdf"), 1);
}

BOOST_AUTO_TEST_CASE(custom_text_and_a_qr_code)
{
    Scratch s;
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"),
                 "--cert officer-rsa --notice --notice-text 'Ditandatangani secara elektronik (uji).' "
                 "--qr-url 'https://verifikasi.example/{file}/{sha256}'");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("letter.pdf"), s("out.pdf"), 1);
    BOOST_TEST(pageText(s("out.pdf"), 1).find("Ditandatangani secara elektronik (uji).") != std::string::npos);
    BOOST_TEST(pageText(s("out.pdf"), 1).find(kNotice) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_2026_preset_names_bsre_as_it_is_called_today_and_the_verification_page)
{
    Scratch s;
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"),
                 "--cert officer-rsa --notice --notice-preset id-2026 --qr-url 'https://tte.komdigi.go.id/verifyPDF'");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("letter.pdf"), s("out.pdf"), 1);
    const std::string text = pageText(s("out.pdf"), 1);
    BOOST_TEST(text.find("Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara.") != std::string::npos,
               text);
    BOOST_TEST(text.find("https://tte.komdigi.go.id/verifyPDF") != std::string::npos, text);
    Run bad = sign(pdfs("letter.pdf"), s("bad.pdf"), "--cert officer-rsa --notice --notice-preset id-1999");
    BOOST_TEST(bad.status == 2, bad.output);
}

BOOST_AUTO_TEST_CASE(a_jpeg_logo_goes_in_as_it_is)
{
    Scratch s;
    Run j = run("pdftoppm -jpeg -r 10 -singlefile " + q(pdfs("letter.pdf")) + " " + q(s("logo")));
    BOOST_TEST_REQUIRE(j.status == 0, j.output);
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"), "--cert officer-rsa --notice --logo " + q(s("logo.jpg")));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("letter.pdf"), s("out.pdf"), 1);
    Run img = run("pdfimages -list " + q(s("out.pdf")));
    BOOST_TEST(img.output.find(" jpeg ") != std::string::npos, img.output);
}

BOOST_AUTO_TEST_CASE(content_full_to_the_edge_is_scaled_down_within_ten_percent)
{
    Scratch s;
    makeFullPage(s("full.pdf"), 20);
    Run r = sign(s("full.pdf"), s("out.pdf"), "--cert officer-rsa --notice");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    BOOST_TEST(r.output.find("scaled down") != std::string::npos, r.output);
    checkSignedOutput(s("full.pdf"), s("out.pdf"), 1);
    // The page's lowest line now sits above the band, not a hair in it (the
    // scale and its translation are written with the same rounding), and is
    // still there.
    bool found = false;
    for (const Word& w : words(s("out.pdf"), 1))
        if (w.text == "terbawah") {
            found = true;
            BOOST_TEST(842 - w.y2 >= kBandTop, "content bottom " << std::setprecision(9) << 842 - w.y2 << " pt");
            // One step of the 4-decimal scale moves it at most 0.09 pt.
            BOOST_TEST(842 - w.y2 < kBandTop + 0.1, "shrunk no more than needed: " << 842 - w.y2 << " pt");
        }
    BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(with_scaling_forbidden_signing_stops_and_names_the_pages)
{
    Scratch s;
    makeFullPage(s("full.pdf"), 20);
    std::string before = slurp(s("full.pdf"));
    Run r = sign(s("full.pdf"), s("out.pdf"), "--cert officer-rsa --notice --no-notice-scaling");
    BOOST_TEST(r.status == 3, r.output);
    BOOST_TEST(r.output.find("page(s) 1 reaches into the bottom band") != std::string::npos, r.output);
    BOOST_TEST(r.output.find("halaman 1") != std::string::npos, r.output);
    BOOST_TEST(!fs::exists(s("out.pdf")));
    BOOST_TEST((slurp(s("full.pdf")) == before));
}

BOOST_AUTO_TEST_CASE(an_already_signed_pdf_is_never_stamped_again)
{
    Scratch s;
    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("one.pdf"), "--cert officer-rsa --notice").status == 0);
    Run r = sign(s("one.pdf"), s("two.pdf"), "--cert officer-ec --notice");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    BOOST_TEST(r.output.find("not added again") != std::string::npos, r.output);
    checkSignedOutput(s("one.pdf"), s("two.pdf"), 2);
    // Exactly one band: the notice text appears once on the page.
    std::string text = pageText(s("two.pdf"), 1);
    BOOST_TEST(text.find(kNotice) != std::string::npos);
    BOOST_TEST(text.find(kNotice, text.find(kNotice) + 1) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_pdfa_2b_export_stays_pdfa_2b)
{
    Scratch s;
    Run r = sign(pdfs("letter-pdfa.pdf"), s("out.pdf"), "--cert officer-rsa --notice --page 1 --rect 330,225,220,75");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("letter-pdfa.pdf"), s("out.pdf"), 1);
    Run meta = run("pdfinfo -meta " + q(s("out.pdf")));
    BOOST_TEST(meta.output.find("pdfaid:part") != std::string::npos, meta.output);
    BOOST_TEST(std::regex_search(meta.output, std::regex(R"(pdfaid:part(>|=")2)")), meta.output);
    Run fonts = run("pdffonts " + q(s("out.pdf")));
    BOOST_TEST(fonts.output.find(" no  ") == std::string::npos, fonts.output);
    // The catalog (rewritten in the update) still carries the OutputIntents.
    Run json = run("qpdf --json=1 --json-key=objects " + q(s("out.pdf")));
    const bool hasIntents = json.output.find("/OutputIntents") != std::string::npos;
    BOOST_TEST(hasIntents);
}

BOOST_AUTO_TEST_SUITE_END()
