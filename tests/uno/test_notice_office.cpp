// The notice band (issue 4) through LibreOffice: documents signed with
// id.bsresign.Signer.signDocument in a real headless soffice with the built
// .oxt installed (tests/uno/office.hpp). Every signature is invisible
// (Visible=false), so the band is the only thing that may change pixels.
//
// Each output passes the validators of testing::checkSignedOutput; then the
// band is checked on the page itself:
//  - pdftotext finds the notice on the stamped pages (whitespace collapsed);
//  - the words inside the band are exactly the notice's words, and none of
//    them intersects another word box (pdftotext -bbox), nor does any other
//    word reach into the band;
//  - the logo is there (pdfimages -list shows its soft mask) and pdffonts
//    lists every font as embedded;
//  - for a letter with room, the pixels above the band are the same as in a
//    plain export of the same document (pdftoppm -r 36 -gray).
// Writer and Calc documents without room get it in a hidden working copy with
// a larger bottom margin; the document itself stays as it was. Impress content
// reaching into the band is scaled down about the top centre.
#define BOOST_TEST_MODULE notice_office
#include "../support.hpp"
#include "helpers.hpp"
#include "office.hpp"

#include <boost/test/unit_test_monitor.hpp>

#include <com/sun/star/awt/Point.hpp>
#include <com/sun/star/awt/Size.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/drawing/TextVerticalAdjust.hpp>
#include <com/sun/star/drawing/XDrawPage.hpp>
#include <com/sun/star/drawing/XDrawPages.hpp>
#include <com/sun/star/drawing/XDrawPagesSupplier.hpp>
#include <com/sun/star/drawing/XShape.hpp>
#include <com/sun/star/drawing/XShapes.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/style/XStyleFamiliesSupplier.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/table/XColumnRowRange.hpp>
#include <com/sun/star/table/XTableColumns.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <id/bsresign/SignResult.hpp>
#include <id/bsresign/SigningException.hpp>
#include <id/bsresign/XSigner.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <regex>
#include <sstream>

using namespace bsretest;

namespace {

// The default notice (configuration /id.bsresign.Settings/Notice/Text).
const std::string kNotice =
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh "
    "Balai Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara.";
// pdf/notice.hpp defaults, points above the page's lower edge.
constexpr double kBandBottom = 10;
constexpr double kBandTop = 10 + 40 + 4; // bottom + height + gap: content must stay above
constexpr double kBandSide = 36;

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// ------------------------------------------------------------------ UNO helpers

// Non-interactive, invisible signature with a soft-token certificate.
std::vector<PropertyValue> options(const fs::path& out)
{
    return with(signingOptions(out, fingerprint(pki("officer-rsa.pem"))),
                {prop("Visible", false), prop("Reason", OUString("Persetujuan")), prop("Location", OUString("Jakarta"))});
}

Reference<css::beans::XPropertySet> pageStyle(const Reference<css::frame::XModel>& model, const std::string& name)
{
    Reference<css::style::XStyleFamiliesSupplier> fam(model, css::uno::UNO_QUERY_THROW);
    Reference<css::container::XNameAccess> styles(fam->getStyleFamilies()->getByName("PageStyles"),
                                                  css::uno::UNO_QUERY_THROW);
    return Reference<css::beans::XPropertySet>(styles->getByName(ustr(name)), css::uno::UNO_QUERY_THROW);
}

sal_Int32 bottomMargin(const Reference<css::frame::XModel>& model, const std::string& style)
{
    sal_Int32 v = -1;
    pageStyle(model, style)->getPropertyValue("BottomMargin") >>= v;
    return v;
}

// signDocument, timed; a failure ends the test with the exception's text.
id::bsresign::SignResult sign(Office& o, const Reference<css::frame::XModel>& model, const fs::path& out,
                              std::vector<PropertyValue> opts)
{
    fs::remove(out);
    auto t0 = Clock::now();
    id::bsresign::SignResult r;
    try {
        r = o.signer()->signDocument(model, seq(opts));
    } catch (const id::bsresign::SigningException& e) {
        BOOST_FAIL("signDocument → " << out.filename() << ": " << describe(e));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signDocument → " << out.filename() << ": " << describe(e));
    }
    BOOST_TEST_MESSAGE("signDocument → " << out.filename() << ": " << secondsSince(t0) << " s");
    for (const auto& w : r.Warnings)
        BOOST_TEST_MESSAGE("  warning: " << str(w));
    BOOST_TEST(str(r.OutputUrl) == str(fileUrl(out)));
    return r;
}

// ------------------------------------------------------------------ PDF probes

int pageCount(const fs::path& pdf)
{
    Run r = run("pdfinfo " + q(pdf.string()));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    std::smatch m;
    BOOST_TEST_REQUIRE(std::regex_search(r.output, m, std::regex(R"(Pages:\s+(\d+))")), r.output);
    return std::stoi(m[1]);
}

std::string pageText(const fs::path& pdf, int page)
{
    return collapse(run("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " " +
                        q(pdf.string()) + " -")
                        .output);
}

std::string allText(const fs::path& pdf) { return collapse(run("pdftotext " + q(pdf.string()) + " -").output); }

struct Word {
    double x1, y1, x2, y2; // points, origin at the page's top left (pdftotext -bbox)
    std::string text;
};
struct PageWords {
    double width = 0, height = 0;
    std::vector<Word> words;
};

std::string unescapeXml(std::string s)
{
    for (auto [from, to] : {std::pair<const char*, const char*>{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
                            {"&apos;", "'"}, {"&amp;", "&"}}) {
        for (size_t at; (at = s.find(from)) != std::string::npos;)
            s.replace(at, std::strlen(from), to);
    }
    return s;
}

std::vector<PageWords> wordsOf(const fs::path& pdf)
{
    Run r = run("pdftotext -bbox " + q(pdf.string()) + " -");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    std::vector<PageWords> pages;
    std::regex page(R"re(<page width="([\d.]+)" height="([\d.]+)">)re");
    std::regex word(R"re(<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>)re");
    std::istringstream in(r.output);
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
        if (std::regex_search(line, m, page))
            pages.push_back({std::stod(m[1]), std::stod(m[2]), {}});
        else if (!pages.empty() && std::regex_search(line, m, word))
            pages.back().words.push_back(
                {std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), unescapeXml(m[5])});
    }
    return pages;
}

bool intersects(const Word& a, const Word& b) { return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2; }

// Words of one page split at the band: those starting below its top (the
// notice) and the rest (the page's own content).
struct Split {
    std::vector<Word> band, content;
};
Split split(const PageWords& p)
{
    Split s;
    for (const Word& w : p.words)
        (w.y1 > p.height - kBandTop ? s.band : s.content).push_back(w);
    return s;
}

// The band of one stamped page, as pdftotext -bbox sees it: exactly the
// notice's words, inside the band's rectangle, and no other word touching it.
void checkBand(const PageWords& p, int pageNo, const std::string& notice = kNotice)
{
    BOOST_TEST_CONTEXT("page " << pageNo)
    {
        Split s = split(p);
        std::string bandText;
        for (const Word& w : s.band)
            bandText += (bandText.empty() ? "" : " ") + w.text;
        BOOST_TEST(bandText == notice, "the band holds exactly the notice");
        const Word bandBox{kBandSide, p.height - (kBandTop - 4), p.width - kBandSide, p.height - kBandBottom, ""};
        for (const Word& n : s.band) {
            BOOST_TEST((n.x1 >= bandBox.x1 - 0.5 && n.x2 <= bandBox.x2 + 0.5 && n.y1 >= bandBox.y1 - 0.5 &&
                        n.y2 <= bandBox.y2 + 0.5),
                       "notice word '" << n.text << "' [" << n.x1 << ", " << n.y1 << ", " << n.x2 << ", " << n.y2
                                       << "] lies outside the band");
            for (const Word& o : s.content)
                BOOST_TEST(!intersects(n, o), "notice word '" << n.text << "' overlaps '" << o.text << "'");
        }
        for (const Word& o : s.content)
            BOOST_TEST(!intersects(o, bandBox), "content word '" << o.text << "' reaches into the band (bottom "
                                                                 << p.height - o.y2 << " pt above the edge)");
    }
}

// The band on every listed page (1-based), the logo and embedded fonts.
void checkNotice(const fs::path& pdf, const std::vector<int>& pages)
{
    std::vector<PageWords> words = wordsOf(pdf);
    for (int page : pages) {
        BOOST_TEST_REQUIRE(page <= static_cast<int>(words.size()));
        std::string text = pageText(pdf, page);
        BOOST_TEST(text.find(kNotice) != std::string::npos, "page " << page << ": no notice in " << text);
        checkBand(words[page - 1], page);
    }
    Run img = run("pdfimages -list " + q(pdf.string()));
    BOOST_TEST(img.status == 0, img.output);
    BOOST_TEST(img.output.find("smask") != std::string::npos, "the logo (with alpha) is present: " << img.output);
    Run fonts = run("pdffonts " + q(pdf.string()));
    BOOST_TEST(fonts.status == 0, fonts.output);
    std::istringstream in(fonts.output);
    std::string line;
    std::regex cols(R"((yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$)");
    int listed = 0;
    while (std::getline(in, line)) {
        std::smatch m;
        if (!std::regex_search(line, m, cols))
            continue;
        ++listed;
        BOOST_TEST(m[1] == "yes", "font not embedded: " << line);
    }
    BOOST_TEST(listed > 0, fonts.output);
}

std::vector<int> allPages(const fs::path& pdf)
{
    std::vector<int> v;
    for (int i = 1, n = pageCount(pdf); i <= n; ++i)
        v.push_back(i);
    return v;
}

struct Gray {
    int w = 0, h = 0;
    std::string px;
};

Gray render(const fs::path& pdf, int page, const fs::path& stem)
{
    Run r = run("pdftoppm -r 36 -gray -f " + std::to_string(page) + " -l " + std::to_string(page) + " -singlefile " +
                q(pdf.string()) + " " + q(stem.string()));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    std::string data = slurp(stem.string() + ".pgm");
    std::istringstream in(data);
    std::string magic;
    int maxv = 0;
    Gray g;
    in >> magic >> g.w >> g.h >> maxv;
    in.get();
    BOOST_TEST_REQUIRE(magic == "P5");
    g.px = data.substr(static_cast<size_t>(in.tellg()));
    BOOST_TEST_REQUIRE(g.px.size() == static_cast<size_t>(g.w) * g.h);
    return g;
}

// Page `page` of a plain export and of the signed output, rendered at 36 dpi
// in gray: the rows above the band are the same, and the band is drawn.
void checkSameAboveTheBand(const fs::path& plain, const fs::path& signedPdf, int page, const fs::path& dir)
{
    const std::string n = std::to_string(page);
    Gray a = render(plain, page, dir / ("plain-" + n)), b = render(signedPdf, page, dir / ("signed-" + n));
    BOOST_TEST_REQUIRE(a.w == b.w);
    BOOST_TEST_REQUIRE(a.h == b.h);
    const int bandRows = static_cast<int>(kBandTop / 72.0 * 36) + 2;
    int firstDiff = -1;
    for (int y = 0; y < a.h && firstDiff < 0; ++y)
        if (a.px.compare(static_cast<size_t>(y) * a.w, a.w, b.px, static_cast<size_t>(y) * b.w, b.w) != 0)
            firstDiff = y;
    BOOST_TEST(firstDiff >= 0, "page " << page << ": the band must be drawn");
    BOOST_TEST((firstDiff < 0 || firstDiff >= a.h - bandRows),
               "page " << page << ": pixels above the band must not change: row " << firstDiff << " of " << a.h
                       << " differs (the band's rows start at " << a.h - bandRows << ")");
}

css::uno::Sequence<PropertyValue> pdfA2b() { return seq({prop("SelectPdfVersion", sal_Int32(2))}); }

// ------------------------------------------------------------------ shared office

Office& office() { return sharedOffice(startOffice); }

// ------------------------------------------------------------------ source documents

// tests/data/letter.fodt (A4, bottom margin 3 cm, "Halaman N dari M" footer) as .odt.
fs::path letterOdt(Office& o) { return letterAs(o, "odt", "writer8"); }

// 60 rows of a budget table, on a page style with a 0.5 cm bottom margin
// (the default footer "Page N" kept: it sits in that margin).
fs::path calcSheet(Office& o)
{
    fs::path target = o.path("docs/table.ods");
    if (!fs::exists(target)) {
        o.makeDir("docs");
        Doc d(o, o.newDocument("private:factory/scalc"));
        Reference<css::sheet::XSpreadsheet> sheet = firstSheet(d.model);
        sheet->getCellByPosition(0, 0)->setFormula("No");
        sheet->getCellByPosition(1, 0)->setFormula("Uraian");
        sheet->getCellByPosition(2, 0)->setFormula("Jumlah (Rp)");
        for (int r = 1; r < 60; ++r) {
            sheet->getCellByPosition(0, r)->setValue(r);
            sheet->getCellByPosition(1, r)->setFormula(ustr("Belanja barang persediaan " + std::to_string(r)));
            sheet->getCellByPosition(2, r)->setValue(125000.0 * r);
        }
        sheet->getCellByPosition(1, 60)->setFormula("Jumlah");
        Reference<css::table::XColumnRowRange> cr(sheet, css::uno::UNO_QUERY_THROW);
        Reference<css::beans::XPropertySet>(cr->getColumns()->getByIndex(1), css::uno::UNO_QUERY_THROW)
            ->setPropertyValue("Width", css::uno::Any(sal_Int32(8000)));
        Reference<css::beans::XPropertySet>(cr->getColumns()->getByIndex(2), css::uno::UNO_QUERY_THROW)
            ->setPropertyValue("Width", css::uno::Any(sal_Int32(3500)));
        sheet->getCellByPosition(2, 60)->setFormula("=SUM(C2:C60)");
        Reference<css::beans::XPropertySet> style = pageStyle(d.model, "Default");
        style->setPropertyValue("BottomMargin", css::uno::Any(sal_Int32(500)));
        o.storeToUrl(d.model, target, "calc8");
        o.handOver(target);
    }
    return target;
}

// Two slides, each with a title near the top and a line of text whose box
// (pdftotext -bbox) ends about 32 pt above the slide's lower edge: inside the
// band, yet near enough to it that scaling by at most 10% frees it.
fs::path impressDeck(Office& o)
{
    fs::path target = o.path("docs/deck-low.odp");
    if (!fs::exists(target)) {
        o.makeDir("docs");
        Doc d(o, o.newDocument("private:factory/simpress"));
        Reference<css::drawing::XDrawPagesSupplier> dps(d.model, css::uno::UNO_QUERY_THROW);
        Reference<css::drawing::XDrawPages> pages = dps->getDrawPages();
        if (pages->getCount() < 2)
            pages->insertNewByIndex(0);
        Reference<css::lang::XMultiServiceFactory> factory(d.model, css::uno::UNO_QUERY_THROW);
        auto addText = [&](const Reference<css::drawing::XDrawPage>& page, sal_Int32 x, sal_Int32 y, sal_Int32 w,
                           sal_Int32 h, const std::string& text, float height) {
            Reference<css::drawing::XShape> shape(factory->createInstance("com.sun.star.drawing.TextShape"),
                                                  css::uno::UNO_QUERY_THROW);
            shape->setPosition(css::awt::Point(x, y));
            shape->setSize(css::awt::Size(w, h));
            Reference<css::drawing::XShapes>(page, css::uno::UNO_QUERY_THROW)->add(shape);
            Reference<css::text::XTextRange>(shape, css::uno::UNO_QUERY_THROW)->setString(ustr(text));
            Reference<css::beans::XPropertySet> ps(shape, css::uno::UNO_QUERY_THROW);
            ps->setPropertyValue("CharHeight", css::uno::Any(height));
            ps->setPropertyValue("TextAutoGrowHeight", css::uno::Any(false));
            ps->setPropertyValue("TextVerticalAdjust",
                                 css::uno::Any(css::drawing::TextVerticalAdjust_BOTTOM));
            ps->setPropertyValue("TextLowerDistance", css::uno::Any(sal_Int32(0)));
        };
        for (sal_Int32 i = 0; i < 2; ++i) {
            Reference<css::drawing::XDrawPage> page(pages->getByIndex(i), css::uno::UNO_QUERY_THROW);
            Reference<css::beans::XPropertySet> pp(page, css::uno::UNO_QUERY_THROW);
            sal_Int32 w = 0, h = 0;
            pp->getPropertyValue("Width") >>= w;
            pp->getPropertyValue("Height") >>= h;
            addText(page, 2000, 1500, w - 4000, 2000,
                    i == 0 ? "Rapat koordinasi tanda tangan elektronik" : "Jadwal penerapan", 32);
            // Text box bottom 0.9 cm above the lower edge, text anchored to it.
            addText(page, 2000, h - 900 - 1500, w - 4000, 1500,
                    i == 0 ? "Sekretariat Jenderal Kementerian Contoh" : "Tahap dua dimulai Januari 2027", 18);
        }
        o.storeToUrl(d.model, target, "impress8");
        o.handOver(target);
    }
    return target;
}

// One slide with a title box near the top, nothing near the lower edge.
fs::path impressDeckClear(Office& o) { return titleSlideDeck(o, "docs/deck-clear.odp"); }

} // namespace

BOOST_TEST_GLOBAL_FIXTURE(SharedOfficeTeardown);

BOOST_AUTO_TEST_SUITE(notice_office)

// A letter with a page-number footer in a 3 cm margin: the band goes below
// the footer, which keeps its text and its place.
BOOST_AUTO_TEST_CASE(a_writer_letter_with_a_page_number_footer)
{
    Office& o = office();
    fs::path file = letterOdt(o);
    Doc d(o, o.loadDocument(file));
    DocState before = stateOf(d.model, file);
    fs::path out = o.makeDir("out") / "letter.pdf";
    sign(o, d.model, out, options(out));
    checkSignedExport(out);
    checkUnchanged(before, d.model, file);

    BOOST_TEST(pageCount(out) == 1);
    checkNotice(out, {1});
    std::string text = pageText(out, 1);
    BOOST_TEST(text.find("Halaman 1 dari 1") != std::string::npos, "the footer's text is kept: " << text);
    // The footer's words sit where the footer is, above the band.
    std::vector<PageWords> words = wordsOf(out);
    bool footer = false;
    for (const Word& w : words[0].words)
        if (w.text == "Halaman") {
            footer = true;
            BOOST_TEST(words[0].height - w.y2 > kBandTop, "the footer sits " << words[0].height - w.y2 << " pt up");
        }
    BOOST_TEST(footer);
}

// The same letter exported plainly (PDF/A-2b, as the extension does by
// default) and signed: above the band, page 1 is the same, pixel for pixel.
BOOST_AUTO_TEST_CASE(above_the_band_the_letter_renders_as_a_plain_export)
{
    Office& o = office();
    fs::path file = letterOdt(o);
    Doc d(o, o.loadDocument(file));
    fs::path dir = o.makeDir("out-render");
    fs::path plain = dir / "plain.pdf", out = dir / "signed.pdf";
    // The extension exports PDF/A-2b by default (/id.bsresign.Settings/Signing/PdfA).
    o.storeToUrl(d.model, plain, "writer_pdf_Export", {prop("FilterData", css::uno::Any(pdfA2b()))});
    sign(o, d.model, out, options(out));
    checkSignedExport(out);

    checkSameAboveTheBand(plain, out, 1, dir);
    BOOST_TEST(pageText(plain, 1).find("Balai Sertifikasi Elektronik (BSrE)") == std::string::npos);
}

// Body text down to a 0.5 cm bottom margin, no footer, two pages. By
// default (Notice/AllowScaling) the pages are the document's own, shrunk a
// little about the top centre: the same pages, page for page, as the plain
// export. With scaling off, a working copy with a larger margin (which may
// reflow). Either way no word is in the band, and the person's document
// keeps its margin, its flags, its undo stack and its bytes.
void bodyReachingTheMarginGetsRoom(bool scaling)
{
    Office& o = office();
    ConfigValue allow(o, "/id.bsresign.Settings/Notice", "AllowScaling", css::uno::Any(scaling));
    fs::path file = o.copyIn(source("tests/data/full-body.fodt"), "docs/full-body.fodt");
    Doc d(o, o.loadDocument(file));
    // 0.5 cm, as the page style reads it back (1/100 mm, rounded through twips).
    const sal_Int32 margin = bottomMargin(d.model, "Standard");
    BOOST_TEST_REQUIRE(std::abs(margin - 500) <= 2, margin);
    DocState before = stateOf(d.model, file);

    // Without the notice, the body does reach the band: the test's premise.
    // (This export first also matters: after a PDF export, reading a page
    // style Writer had not created yet used to set the modified flag.)
    fs::path plain = o.makeDir("out") / "full-body-plain.pdf";
    sign(o, d.model, plain, [&] {
        auto v = options(plain);
        v.push_back(prop("Notice", false));
        return v;
    }());
    double lowest = 1e9;
    for (const PageWords& p : wordsOf(plain))
        for (const Word& w : p.words)
            lowest = std::min(lowest, p.height - w.y2);
    BOOST_TEST_REQUIRE(lowest < kBandTop, "the plain export's body must reach into the band (lowest word "
                                              << lowest << " pt above the edge)");

    fs::path out = o.makeDir("out") / "full-body.pdf";
    sign(o, d.model, out, options(out));
    checkSignedExport(out);
    const int pages = pageCount(out);
    BOOST_TEST(pages >= 2, "the body runs on to page 2");
    checkNotice(out, allPages(out));
    std::vector<PageWords> words = wordsOf(out);
    for (int i = 0; i < static_cast<int>(words.size()); ++i)
        for (const Word& w : split(words[i]).content)
            BOOST_TEST(words[i].height - w.y2 > kBandTop, "page " << i + 1 << ": '" << w.text << "' ends "
                                                                  << words[i].height - w.y2
                                                                  << " pt above the edge, in the band");
    // All of the body is still there.
    std::string flat = allText(out);
    BOOST_TEST(flat.find("Atas perhatian dan dukungan seluruh pimpinan unit kerja, kami sampaikan terima kasih.") !=
               std::string::npos);

    if (scaling) {
        BOOST_TEST(pages == pageCount(plain), "scaled, not reflowed: the pages of the plain export");
        std::vector<PageWords> plainWords = wordsOf(plain);
        BOOST_TEST_REQUIRE(!plainWords.empty());
        BOOST_TEST_REQUIRE(!words.empty());
        const Word& first = plainWords[0].words.front();
        const Word& now = words[0].words.front();
        BOOST_TEST(now.text == first.text);
        BOOST_TEST(now.y1 <= first.y1 + 0.5, "scaled about the top: the first line does not move down");
        BOOST_TEST((now.x2 - now.x1) >= 0.9 * (first.x2 - first.x1) - 0.5, "shrunk by at most 10 %");
        BOOST_TEST((now.x2 - now.x1) < (first.x2 - first.x1), "shrunk");
    }
    checkUnchanged(before, d.model, file);
    BOOST_TEST(bottomMargin(d.model, "Standard") == margin, "the document's own page style keeps its margin");
}

BOOST_AUTO_TEST_CASE(a_writer_body_reaching_the_bottom_margin_is_shrunk_a_little)
{
    bodyReachingTheMarginGetsRoom(true);
}

BOOST_AUTO_TEST_CASE(a_writer_body_reaching_the_bottom_margin_gets_a_larger_margin_without_scaling)
{
    bodyReachingTheMarginGetsRoom(false);
}

// A 61-row sheet on a page style with a 0.5 cm bottom margin and Calc's
// default "Page N" footer: every page gets the band, nothing overlaps.
BOOST_AUTO_TEST_CASE(a_calc_sheet_with_a_small_bottom_margin)
{
    Office& o = office();
    fs::path file = calcSheet(o);
    Doc d(o, o.loadDocument(file));
    const sal_Int32 margin = bottomMargin(d.model, "Default");
    BOOST_TEST_REQUIRE(std::abs(margin - 500) <= 2, margin);
    DocState before = stateOf(d.model, file);
    fs::path out = o.makeDir("out") / "table.pdf";
    sign(o, d.model, out, options(out));
    checkSignedExport(out);
    checkUnchanged(before, d.model, file);
    BOOST_TEST(bottomMargin(d.model, "Default") == margin, "the document's own page style keeps its margin");

    std::vector<int> pages = allPages(out);
    BOOST_TEST_MESSAGE("the sheet printed on " << pages.size() << " page(s)");
    checkNotice(out, pages);
    std::string flat = allText(out);
    BOOST_TEST(flat.find("Belanja barang persediaan 59") != std::string::npos, "every row is still printed");
    BOOST_TEST(flat.find("Jumlah") != std::string::npos, "the total row is printed: " << flat);
    BOOST_TEST(flat.find("221250000") != std::string::npos, "the total row is printed: " << flat);
}

// Slides whose lowest line sits inside the band: the content is scaled down
// (within 10%) about the top centre, and the line then ends above the band.
BOOST_AUTO_TEST_CASE(an_impress_deck_with_text_near_the_lower_edge)
{
    Office& o = office();
    fs::path file = impressDeck(o);
    Doc d(o, o.loadDocument(file));
    DocState before = stateOf(d.model, file);

    fs::path plain = o.makeDir("out") / "deck-plain.pdf";
    sign(o, d.model, plain, [&] {
        auto v = options(plain);
        v.push_back(prop("Notice", false));
        return v;
    }());
    fs::path out = o.makeDir("out") / "deck.pdf";
    sign(o, d.model, out, options(out));
    checkSignedExport(out);
    checkUnchanged(before, d.model, file);

    std::vector<int> pages = allPages(out);
    BOOST_TEST(pages.size() == 2u);
    checkNotice(out, pages);
    std::vector<PageWords> was = wordsOf(plain), now = wordsOf(out);
    BOOST_TEST_REQUIRE(was.size() == now.size());
    for (size_t i = 0; i < now.size(); ++i) {
        auto lowest = [](const PageWords& p, const std::vector<Word>& ws) {
            double v = 1e9;
            for (const Word& w : ws)
                v = std::min(v, p.height - w.y2);
            return v;
        };
        const double before = lowest(was[i], was[i].words), after = lowest(now[i], split(now[i]).content);
        BOOST_TEST_MESSAGE("slide " << i + 1 << ": lowest text " << before << " pt above the edge, after signing "
                                    << after << " pt");
        BOOST_TEST(before < kBandTop, "slide " << i + 1 << ": the premise, text inside the band before");
        // The engine moves content exactly up to the band's gap: allow the
        // rounding of the scaling matrix and of pdftotext's coordinates.
        BOOST_TEST(after >= kBandTop - 0.05, "slide " << i + 1 << ": the lowest text now sits above the band");
        BOOST_TEST(after < kBandTop + 5, "slide " << i + 1 << ": scaled no more than needed");
        // Scaled about the top: the first title keeps its top within 10% of its distance from the top.
        const Word* t0 = nullptr;
        const Word* t1 = nullptr;
        for (const Word& w : was[i].words)
            if (!t0 || w.y1 < t0->y1)
                t0 = &w;
        for (const Word& w : now[i].words)
            if (!t1 || w.y1 < t1->y1)
                t1 = &w;
        BOOST_TEST_REQUIRE((t0 && t1));
        BOOST_TEST(t1->text == t0->text);
        BOOST_TEST(t1->y1 <= t0->y1 + 0.5, "scaled about the top: the top text does not move down");
        BOOST_TEST(t1->y1 >= 0.9 * t0->y1 - 0.5, "scaled by at most 10%");
    }
}

// A slide whose content stays clear of the band is not scaled: above the
// band it renders as a plain export, pixel for pixel.
BOOST_AUTO_TEST_CASE(an_impress_slide_clear_of_the_band_is_not_scaled)
{
    Office& o = office();
    fs::path file = impressDeckClear(o);
    Doc d(o, o.loadDocument(file));
    fs::path dir = o.makeDir("out-render-impress");
    fs::path plain = dir / "plain.pdf", out = dir / "signed.pdf";
    o.storeToUrl(d.model, plain, "impress_pdf_Export", {prop("FilterData", css::uno::Any(pdfA2b()))});
    sign(o, d.model, out, options(out));
    checkSignedExport(out);
    checkNotice(out, {1});
    checkSameAboveTheBand(plain, out, 1, dir);
}

// Notice=false: an output without the notice.
BOOST_AUTO_TEST_CASE(the_notice_option_false_leaves_it_out)
{
    Office& o = office();
    fs::path file = letterOdt(o);
    Doc d(o, o.loadDocument(file));
    DocState before = stateOf(d.model, file);
    fs::path out = o.makeDir("out") / "letter-no-notice.pdf";
    auto opts = options(out);
    opts.push_back(prop("Notice", false));
    sign(o, d.model, out, opts);
    checkSignedExport(out);
    checkUnchanged(before, d.model, file);
    std::string flat = allText(out);
    BOOST_TEST(flat.find("Balai Sertifikasi Elektronik (BSrE)") == std::string::npos, flat);
    BOOST_TEST(flat.find("Dokumen ini telah ditandatangani") == std::string::npos, flat);
    BOOST_TEST(flat.find("Badan Siber dan Sandi Negara") == std::string::npos, flat);
    BOOST_TEST(flat.find("Halaman 1 dari 1") != std::string::npos);
    for (const PageWords& p : wordsOf(out))
        BOOST_TEST(split(p).band.empty(), "nothing in the band without the notice");
    Run img = run("pdfimages -list " + q(out.string()));
    BOOST_TEST(img.output.find("smask") == std::string::npos, "no logo without the notice: " << img.output);
}

// Notice/LogoPath (IT's official logo): the band carries that file's image,
// not the placeholder; a path that is missing on this desk (the file not
// deployed, or renamed when the official logo changed) stops signing with
// LogoInvalid and writes nothing, instead of stamping the placeholder.
BOOST_AUTO_TEST_CASE(the_configured_logo_is_used_and_a_missing_one_stops_signing)
{
    Office& o = office();
    const fs::path dir = o.makeDir("logo");
    const fs::path logo = dir / "logo-bsre.png";
    // 97 x 61 pixels: a size the placeholder (a square) does not have.
    Run mk = run("convert -size 97x61 xc:'#C00000' " + q(logo.string()) + " && chmod 0644 " + q(logo.string()));
    BOOST_TEST_REQUIRE(mk.status == 0, mk.output);
    fs::path file = letterOdt(o);
    Doc d(o, o.loadDocument(file));
    {
        ConfigValue path(o, "/id.bsresign.Settings/Notice", "LogoPath", css::uno::Any(ustr(logo.string())));
        fs::path out = o.makeDir("out") / "letter-logo.pdf";
        sign(o, d.model, out, options(out));
        checkSignedExport(out);
        Run img = run("pdfimages -list " + q(out.string()));
        BOOST_TEST(std::regex_search(img.output, std::regex("image +97 +61 ")), "the configured logo is in the band: " << img.output);
    }
    const fs::path gone = dir / "logo-bsre-2027.png";
    ConfigValue path(o, "/id.bsresign.Settings/Notice", "LogoPath", css::uno::Any(ustr(gone.string())));
    fs::path out = o.makeDir("out") / "letter-no-logo.pdf";
    fs::remove(out);
    std::string code;
    try {
        o.signer()->signDocument(d.model, seq(options(out)));
    } catch (const id::bsresign::SigningException& e) {
        code = str(e.Code);
        BOOST_TEST(str(e.Message).find(gone.string()) != std::string::npos, str(e.Message));
    }
    BOOST_TEST(code == "LogoInvalid");
    BOOST_TEST(!fs::exists(out), "nothing written without the configured logo");
}

BOOST_AUTO_TEST_SUITE_END()
