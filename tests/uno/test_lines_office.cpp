// Signature Lines (issue 5) through LibreOffice: the sample documents of
// tests/data/siglines signed with id.bsresign.Signer in a real headless
// soffice with the built .oxt installed (tests/uno/office.hpp).
//
//  placement/  every line of every sample becomes a signature field on the
//              page and at the rectangle (within 1 pt) the line has in
//              LibreOffice's own export (expected-placements.tsv); one field
//              is signed (the line of the certificate's holder, else the
//              first), the others stay empty; no marker is left.
//  signers/    two signers in sequence on two-lines.fodt: the paraf, then the
//              final signer through signPdf and through the PDF opened in
//              Draw; with and without certification (DocMDP P=2).
//  look/       no unsigned Signature Line graphic is left on the page
//              (mutool trace, pdfimages), and renders to look at.
//  refusals/   a line that does not exist, a field already signed, a document
//              without lines, a line in a footer.
//
// Fields and markers are read with qpdf --json (tests/uno/pdf_fields.py),
// not with the engine's own reader.
#define BOOST_TEST_MODULE lines_office
#include "../support.hpp"
#include "helpers.hpp"
#include "office.hpp"

#include <boost/test/unit_test_monitor.hpp>

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNameReplace.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>
#include <id/bsresign/SignResult.hpp>
#include <id/bsresign/SigningException.hpp>
#include <id/bsresign/XSigner.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>

using namespace bsretest;

namespace {

using Clock = std::chrono::steady_clock;

// ------------------------------------------------------------------ helpers

// The test PKI's two officers (tests/fixtures/make-pki.sh).
const std::string kBudi = "officer-rsa.pem"; // Budi Santoso, budi.santoso@contoh.go.id
const std::string kSiti = "officer-ec.pem";  // Siti Rahayu

// Non-interactive options: a certificate of the profile's NSS database, the
// output at `out`, no notice unless asked (the band's margin would move
// footers away from the measured placements).
std::vector<PropertyValue> options(const fs::path& out, const std::string& certPem = kBudi,
                                   std::optional<bool> notice = false)
{
    std::vector<PropertyValue> v = with(signingOptions(out, fingerprint(pki(certPem))),
                                        {prop("Reason", OUString("Persetujuan")), prop("Location", OUString("Jakarta"))});
    if (notice)
        v.push_back(prop("Notice", *notice));
    return v;
}

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

id::bsresign::SignResult logged(const id::bsresign::SignResult& r, const std::string& what, Clock::time_point t0)
{
    BOOST_TEST_MESSAGE(what << ": " << since(t0) << " s");
    for (const auto& w : r.Warnings)
        BOOST_TEST_MESSAGE("  warning: " << str(w));
    return r;
}

id::bsresign::SignResult signDoc(Office& o, const Reference<css::frame::XModel>& model, const fs::path& out,
                                 const std::vector<PropertyValue>& opts)
{
    fs::remove(out);
    auto t0 = Clock::now();
    try {
        return logged(o.signer()->signDocument(model, seq(opts)), "signDocument → " + out.filename().string(), t0);
    } catch (const id::bsresign::SigningException& e) {
        BOOST_FAIL("signDocument → " << out.filename() << ": " << describe(e));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signDocument → " << out.filename() << ": " << describe(e));
    }
    return {};
}

id::bsresign::SignResult signPdf(Office& o, const fs::path& in, const fs::path& out,
                                 const std::vector<PropertyValue>& opts)
{
    fs::remove(out);
    auto t0 = Clock::now();
    try {
        return logged(o.signer()->signPdf(fileUrl(in), seq(opts)), "signPdf → " + out.filename().string(), t0);
    } catch (const id::bsresign::SigningException& e) {
        BOOST_FAIL("signPdf → " << out.filename() << ": " << describe(e));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signPdf → " << out.filename() << ": " << describe(e));
    }
    return {};
}

bool anyWarning(const id::bsresign::SignResult& r, const std::string& needle)
{
    return std::any_of(r.Warnings.begin(), r.Warnings.end(),
                       [&](const OUString& w) { return str(w).find(needle) != std::string::npos; });
}

std::string warnings(const id::bsresign::SignResult& r)
{
    std::string s;
    for (const auto& w : r.Warnings)
        s += "\n  " + str(w);
    return s.empty() ? " (none)" : s;
}

// ------------------------------------------------------------------ expected placements

struct Rect {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};
std::ostream& operator<<(std::ostream& os, const Rect& r)
{
    return os << "[" << r.x1 << " " << r.y1 << " " << r.x2 << " " << r.y2 << "]";
}
bool near(const Rect& a, const Rect& b, double tol = 1.0)
{
    return std::fabs(a.x1 - b.x1) <= tol && std::fabs(a.y1 - b.y1) <= tol && std::fabs(a.x2 - b.x2) <= tol &&
           std::fabs(a.y2 - b.y2) <= tol;
}

struct Expected {
    std::string id;
    bool headerFooter = false;
    std::vector<int> pages; // every page it shows on; the field goes on the first
    Rect rect;
};

// expected-placements.tsv: document -> lines in document order.
std::map<std::string, std::vector<Expected>> expectedPlacements()
{
    std::map<std::string, std::vector<Expected>> out;
    std::istringstream in(slurp(source("tests/data/siglines/expected-placements.tsv")));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream f(line);
        std::string doc, pages;
        Expected e;
        int hf = 0;
        f >> doc >> e.id >> hf >> pages >> e.rect.x1 >> e.rect.y1 >> e.rect.x2 >> e.rect.y2;
        BOOST_TEST_REQUIRE(!f.fail(), "bad line in expected-placements.tsv: " << line);
        e.headerFooter = hf != 0;
        std::istringstream p(pages);
        for (std::string n; std::getline(p, n, ',');)
            e.pages.push_back(std::stoi(n));
        out[doc].push_back(e);
    }
    return out;
}

// ------------------------------------------------------------------ PDF probes

struct Field {
    std::string name;
    int page = 0;
    Rect rect;
    bool isSigned = false;
    int docMdp = 0;
};
struct Probe {
    std::vector<Field> fields;
    std::vector<std::string> markers; // leftover "kind page name"
    int permsDocMdp = -1;             // -1: no /Perms /DocMDP
    std::string raw;

    const Field* field(const std::string& name) const
    {
        for (const Field& f : fields)
            if (f.name == name)
                return &f;
        return nullptr;
    }
    size_t signedCount() const
    {
        return static_cast<size_t>(std::count_if(fields.begin(), fields.end(), [](const Field& f) { return f.isSigned; }));
    }
};

Probe probe(const fs::path& pdf)
{
    Run r = run("python3 " + q(source("tests/uno/pdf_fields.py")) + " " + q(pdf.string()));
    BOOST_TEST_REQUIRE(r.status == 0, "pdf_fields.py " << pdf << ": " << r.output);
    Probe p;
    p.raw = r.output;
    std::istringstream in(r.output);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> cols;
        std::istringstream l(line);
        for (std::string c; std::getline(l, c, '\t');)
            cols.push_back(c);
        if (cols.empty())
            continue;
        if (cols[0] == "FIELD" && cols.size() == 9) {
            Field f;
            f.name = cols[1];
            f.page = std::stoi(cols[2]);
            f.rect = {std::stod(cols[3]), std::stod(cols[4]), std::stod(cols[5]), std::stod(cols[6])};
            f.isSigned = cols[7] == "1";
            f.docMdp = std::stoi(cols[8]);
            p.fields.push_back(f);
        } else if (cols[0] == "MARKER" && cols.size() == 4) {
            p.markers.push_back(cols[1] + " p" + cols[2] + " " + cols[3]);
        } else if (cols[0] == "PERMS" && cols.size() == 2) {
            p.permsDocMdp = std::stoi(cols[1]);
        }
    }
    return p;
}

// pdfsig's report per signature, in file order.
struct SigReport {
    std::string field, signer;
    bool valid = false, total = false;
};
std::vector<SigReport> pdfsig(const fs::path& pdf)
{
    Run r = run("pdfsig -nssdir sql:" + q(pki("verifydb")) + " " + q(pdf.string()));
    BOOST_TEST(r.status == 0, r.output);
    std::vector<SigReport> out;
    std::istringstream in(r.output);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("Signature #", 0) == 0)
            out.emplace_back();
        if (out.empty())
            continue;
        auto value = [&](const char* key) {
            size_t at = line.find(key);
            return at == std::string::npos ? std::string() : line.substr(at + std::strlen(key));
        };
        if (line.find("The signature form field is not signed.") != std::string::npos) {
            out.pop_back(); // an empty field, not a signature
            continue;
        }
        if (line.find("Signature Field Name:") != std::string::npos)
            out.back().field = value("Signature Field Name: ");
        if (line.find("Signer Certificate Common Name:") != std::string::npos)
            out.back().signer = value("Signer Certificate Common Name: ");
        if (line.find("Signature Validation: Signature is Valid.") != std::string::npos)
            out.back().valid = true;
        if (line.find("- Total document signed") != std::string::npos)
            out.back().total = true;
    }
    BOOST_TEST_MESSAGE("pdfsig " << pdf.filename() << ":\n" << r.output);
    return out;
}

// The signature-line graphics LibreOffice drew (tests/data/siglines/measure_lines.py).
size_t lineGraphics(const fs::path& pdf)
{
    Run r = run("python3 " + q(source("tests/data/siglines/measure_lines.py")) + " " + q(pdf.string()));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    return static_cast<size_t>(std::count(r.output.begin(), r.output.end(), '\n'));
}

// pdfimages -list rows: width x height of each image (masks included).
std::vector<std::pair<int, int>> images(const fs::path& pdf)
{
    Run r = run("pdfimages -list " + q(pdf.string()));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    std::vector<std::pair<int, int>> out;
    std::istringstream in(r.output);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        if (n++ < 2) // header and rule
            continue;
        std::istringstream l(line);
        int page, num, w, h;
        std::string type;
        if (l >> page >> num >> type >> w >> h)
            out.push_back({w, h});
    }
    return out;
}

std::pair<int, int> pngSize(const std::string& path)
{
    std::string b = slurp(path);
    BOOST_TEST_REQUIRE(b.size() > 24u);
    auto be = [&](size_t at) {
        return (static_cast<unsigned char>(b[at]) << 24) | (static_cast<unsigned char>(b[at + 1]) << 16) |
               (static_cast<unsigned char>(b[at + 2]) << 8) | static_cast<unsigned char>(b[at + 3]);
    };
    return {static_cast<int>(be(16)), static_cast<int>(be(20))};
}

// Renders to look at, kept beside the test binary.
fs::path renderDir()
{
    fs::path d = fs::current_path() / "lines-renders";
    fs::create_directories(d);
    return d;
}

// ------------------------------------------------------------------ shared office

Office& office() { return sharedOffice(startOffice); }

// A sample of tests/data/siglines, copied into the office's folder.
fs::path sample(Office& o, const std::string& name)
{
    fs::path p = o.path("docs/" + name);
    if (!fs::exists(p))
        o.copyIn(source("tests/data/siglines/" + name), "docs/" + name);
    return p;
}

fs::path outPath(Office& o, const std::string& name) { return o.makeDir("out") / name; }

// Signs `doc` with Budi's certificate and no Field; every line of the TSV
// must be a field on its first page at its rectangle, `signedId` signed.
void checkPlacements(const std::string& doc, const std::string& signedId)
{
    Office& o = office();
    const auto all = expectedPlacements();
    BOOST_TEST_REQUIRE(all.count(doc) == 1u, doc << " is not in expected-placements.tsv");
    const std::vector<Expected>& lines = all.at(doc);
    Doc d(o, o.loadDocument(sample(o, doc)));
    fs::path out = outPath(o, fs::path(doc).stem().string() + "-placed.pdf");
    id::bsresign::SignResult r = signDoc(o, d.model, out, options(out));
    checkSignedExport(out);
    Probe p = probe(out);
    BOOST_TEST_MESSAGE(doc << ": " << p.raw);
    BOOST_TEST(p.fields.size() == lines.size(), p.raw);
    BOOST_TEST(p.signedCount() == 1u, p.raw);
    BOOST_TEST(p.markers.empty(), "markers left in " << out.filename() << ": " << p.raw);
    for (const Expected& e : lines) {
        BOOST_TEST_CONTEXT(doc << " line " << e.id)
        {
            const Field* f = p.field(e.id);
            BOOST_TEST_REQUIRE(f != nullptr, "no field " << e.id << ": " << p.raw);
            BOOST_TEST(f->page == e.pages.front());
            BOOST_TEST(near(f->rect, e.rect), "field " << f->rect << ", line " << e.rect);
            BOOST_TEST(f->isSigned == (e.id == signedId));
        }
    }
    // A line repeated in a header or footer: one field, and the result says so.
    for (const Expected& e : lines)
        if (e.pages.size() > 1)
            BOOST_TEST(anyWarning(r, e.id), "no warning about " << e.id << ":" << warnings(r));
}

} // namespace

BOOST_TEST_GLOBAL_FIXTURE(SharedOfficeTeardown);

// ====================================================================== placement

BOOST_AUTO_TEST_SUITE(placement)

// Budi Santoso's certificate: his line is signed where the document has one,
// otherwise the first line in document order.
BOOST_AUTO_TEST_CASE(writer_two_lines_on_one_paragraph) { checkPlacements("two-lines.fodt", "budi-santoso"); }
BOOST_AUTO_TEST_CASE(writer_lines_anchored_every_way) { checkPlacements("multi-page.fodt", "citra-lestari"); }
BOOST_AUTO_TEST_CASE(writer_line_in_a_footer) { checkPlacements("footer-line.fodt", "indra-kusuma"); }
BOOST_AUTO_TEST_CASE(writer_edge_cases) { checkPlacements("edge-cases.fodt", "budi-santoso"); }
BOOST_AUTO_TEST_CASE(writer_line_anchored_to_a_frame) { checkPlacements("at-frame.fodt", "oki-pratama"); }
BOOST_AUTO_TEST_CASE(calc_lines) { checkPlacements("calc-lines.fods", "joko-susilo"); }
BOOST_AUTO_TEST_CASE(impress_line) { checkPlacements("impress-line.fodp", "kartika-sari"); }
BOOST_AUTO_TEST_CASE(draw_line) { checkPlacements("draw-line.fodg", "maya-sari"); }

// Siti Rahayu has no line in two-lines.fodt: the first one (the paraf) is hers.
BOOST_AUTO_TEST_CASE(without_a_matching_line_the_first_is_signed)
{
    Office& o = office();
    Doc d(o, o.loadDocument(sample(o, "two-lines.fodt")));
    fs::path out = outPath(o, "two-lines-siti.pdf");
    signDoc(o, d.model, out, options(out, kSiti));
    checkSignedExport(out);
    Probe p = probe(out);
    BOOST_TEST_REQUIRE(p.field("andi-wijaya") != nullptr, p.raw);
    BOOST_TEST(p.field("andi-wijaya")->isSigned, p.raw);
    BOOST_TEST_REQUIRE(p.field("budi-santoso") != nullptr, p.raw);
    BOOST_TEST(!p.field("budi-santoso")->isSigned, p.raw);
}

// With the notice band (the default), the working copy gets a larger bottom
// margin and the lines are marked in the same copy: the body's lines stay
// where they were, the document itself is not changed.
BOOST_AUTO_TEST_CASE(lines_and_the_notice_band_together)
{
    Office& o = office();
    const auto all = expectedPlacements();
    fs::path file = sample(o, "two-lines.fodt");
    std::string before = slurp(file.string());
    Doc d(o, o.loadDocument(file));
    fs::path out = outPath(o, "two-lines-notice.pdf");
    signDoc(o, d.model, out, options(out, kBudi, true));
    checkSignedExport(out);
    BOOST_TEST(!Office::isModified(d.model));
    BOOST_TEST((slurp(file.string()) == before), "the document's file changed");
    Probe p = probe(out);
    for (const Expected& e : all.at("two-lines.fodt")) {
        const Field* f = p.field(e.id);
        BOOST_TEST_REQUIRE(f != nullptr, "no field " << e.id << ": " << p.raw);
        BOOST_TEST(near(f->rect, e.rect), e.id << ": field " << f->rect << ", line " << e.rect);
    }
    Run text = run("pdftotext " + q(out.string()) + " -");
    BOOST_TEST(text.output.find("BSrE") != std::string::npos, "no notice band:\n" << text.output);
}

BOOST_AUTO_TEST_SUITE_END()

// ====================================================================== signers

BOOST_AUTO_TEST_SUITE(signers)

namespace {

// A document with a paraf line and a final signer's line.
struct TwoLineDoc {
    std::function<Reference<css::frame::XModel>(Office&)> open;
    std::string paraf, final;
};

TwoLineDoc twoLinesSample()
{
    return {[](Office& o) { return o.loadDocument(sample(o, "two-lines.fodt")); }, "andi-wijaya", "budi-santoso"};
}

// A new, unsaved document from the shipped Surat Keputusan template (inside
// the built .oxt), as File ▸ New ▸ Templates makes it.
TwoLineDoc suratKeputusan()
{
    return {[](Office& o) {
                fs::path ott = o.path("docs/surat-keputusan.ott");
                if (!fs::exists(ott)) {
                    testing::Scratch s;
                    Run unz = run("unzip -p " + q(testing::env("BSRE_OXT")) + " templates/BSrE/surat-keputusan.ott > " +
                                  q(s("surat-keputusan.ott")));
                    BOOST_TEST_REQUIRE(unz.status == 0, unz.output);
                    o.copyIn(s("surat-keputusan.ott"), "docs/surat-keputusan.ott");
                }
                auto m = o.loadDocument(ott, true, {prop("AsTemplate", true)});
                BOOST_TEST_REQUIRE(m->getURL().isEmpty(), "the template did not open as a new document");
                return m;
            },
            "pejabat-pemaraf", "nama-pejabat"};
}

// Siti signs the paraf; then Budi signs the final line in the signed PDF,
// through signPdf or the PDF opened in Draw.
void twoSigners(const TwoLineDoc& doc, bool certify, bool viaDraw, const std::string& tag)
{
    Office& o = office();
    fs::path first = outPath(o, "two-signers-" + tag + "-1.pdf");
    {
        Doc d(o, doc.open(o));
        auto opts = with(options(first, kSiti, true), {prop("Field", ustr(doc.paraf))});
        if (certify)
            opts.push_back(prop("Certify", true));
        signDoc(o, d.model, first, opts);
    }
    checkSignedExport(first);
    Probe p1 = probe(first);
    BOOST_TEST_REQUIRE(p1.field(doc.paraf) != nullptr, p1.raw);
    BOOST_TEST(p1.field(doc.paraf)->isSigned);
    BOOST_TEST_REQUIRE(p1.field(doc.final) != nullptr, p1.raw);
    BOOST_TEST(!p1.field(doc.final)->isSigned);
    BOOST_TEST(p1.permsDocMdp == (certify ? 2 : -1), p1.raw);

    const std::string firstBytes = slurp(first.string());
    fs::path second = outPath(o, "two-signers-" + tag + "-2.pdf");
    id::bsresign::SignResult r2;
    // No Notice option: the setting (on) must neither add it to a signed PDF nor warn.
    auto opts2 = with(options(second, kBudi, std::nullopt), {prop("Field", ustr(doc.final))});
    if (viaDraw) {
        Doc d(o, o.loadDocument(first));
        BOOST_TEST(o.moduleOf(d.model) == "com.sun.star.drawing.DrawingDocument");
        r2 = signDoc(o, d.model, second, opts2);
    } else {
        r2 = signPdf(o, first, second, opts2);
    }
    BOOST_TEST(r2.Warnings.getLength() == 0, "warnings:" << warnings(r2));

    // Both valid; the first covers its revision, which is a prefix of the
    // file, the second the whole file; qpdf, mutool, openssl (house rule).
    testing::checkSignedOutput(first.string(), second.string(), 2);
    const std::string all = slurp(second.string());
    BOOST_TEST((all.compare(0, firstBytes.size(), firstBytes) == 0), "the first revision is not a prefix");
    auto ranges = testing::byteRanges(all);
    BOOST_TEST_REQUIRE(ranges.size() == 2u);
    BOOST_TEST(ranges[0].c + ranges[0].d == firstBytes.size(), "the first signature covers its revision");
    BOOST_TEST(ranges[1].c + ranges[1].d == all.size(), "the second signature covers the whole file");
    auto sigs = pdfsig(second);
    BOOST_TEST_REQUIRE(sigs.size() == 2u);
    BOOST_TEST(sigs[0].valid);
    BOOST_TEST(sigs[1].valid);
    BOOST_TEST(!sigs[0].total);
    BOOST_TEST(sigs[1].total);
    BOOST_TEST(sigs[0].field == doc.paraf);
    BOOST_TEST(sigs[0].signer == "Siti Rahayu");
    BOOST_TEST(sigs[1].field == doc.final);
    BOOST_TEST(sigs[1].signer == "Budi Santoso");

    Probe p2 = probe(second);
    BOOST_TEST(p2.fields.size() == 2u, p2.raw);
    BOOST_TEST(p2.signedCount() == 2u, p2.raw);
    BOOST_TEST(p2.permsDocMdp == (certify ? 2 : -1), p2.raw);
    const Field* budi = p2.field(doc.final);
    BOOST_TEST_REQUIRE(budi != nullptr);
    BOOST_TEST(budi->docMdp == 0, "only the first signature certifies");
    // The second appearance is where the line was (the field did not move).
    BOOST_TEST(near(budi->rect, p1.field(doc.final)->rect, 0.01));

    // What the second update changed of the first revision: the field it
    // fills (and the form dictionary), nothing else; no page, no catalog.
    // That is what DocMDP P=2 allows (ISO 32000-1 12.8.2.2: filling in forms
    // and signing). Neither pdfsig nor mutool 1.21 checks DocMDP itself.
    Run ch = run("python3 " + q(source("tests/uno/pdf_fields.py")) + " --changed " + q(first.string()) + " " +
                 q(second.string()));
    BOOST_TEST_REQUIRE(ch.status == 0, ch.output);
    BOOST_TEST(ch.output.find("field " + doc.final) != std::string::npos, ch.output);
    std::istringstream changes(ch.output);
    for (std::string line; std::getline(changes, line);) {
        const std::string what = line.substr(line.rfind('\t') + 1);
        BOOST_TEST((what == "field " + doc.final || what == "acroform"), "the second update changed " << line);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(paraf_then_final_signer_through_signPdf) { twoSigners(twoLinesSample(), false, false, "pdf"); }
BOOST_AUTO_TEST_CASE(paraf_then_final_signer_in_draw) { twoSigners(twoLinesSample(), false, true, "draw"); }
BOOST_AUTO_TEST_CASE(certified_paraf_then_final_signer) { twoSigners(twoLinesSample(), true, false, "certified"); }
// The issue's scenario: the shipped Surat Keputusan, certified paraf, the
// final signer in the PDF opened in Draw.
BOOST_AUTO_TEST_CASE(surat_keputusan_from_the_shipped_template)
{
    twoSigners(suratKeputusan(), true, true, "sk");
}

// Certify on a PDF that is already signed: signed, not certified, and said.
BOOST_AUTO_TEST_CASE(certify_on_a_signed_pdf_is_refused_politely)
{
    Office& o = office();
    fs::path first = outPath(o, "certify-late-1.pdf");
    {
        Doc d(o, o.loadDocument(sample(o, "two-lines.fodt")));
        signDoc(o, d.model, first, with(options(first, kSiti), {prop("Field", OUString("andi-wijaya"))}));
    }
    fs::path second = outPath(o, "certify-late-2.pdf");
    auto r = signPdf(o, first, second,
                     with(options(second, kBudi), {prop("Field", OUString("budi-santoso")), prop("Certify", true)}));
    testing::checkSignedOutput(first.string(), second.string(), 2);
    BOOST_TEST(anyWarning(r, "not certified"), "warnings:" << warnings(r));
    BOOST_TEST(probe(second).permsDocMdp == -1);
}

// The Signing/Certification setting certifies the first signature without
// the option; a later signer with the same setting is neither certified nor
// warned.
BOOST_AUTO_TEST_CASE(the_certification_setting_certifies_the_first_signature)
{
    Office& o = office();
    ConfigValue certification(o, "/id.bsresign.Settings/Signing", "Certification", css::uno::Any(true));
    fs::path first = outPath(o, "setting-certified-1.pdf");
    {
        Doc d(o, o.loadDocument(sample(o, "two-lines.fodt")));
        signDoc(o, d.model, first, with(options(first, kSiti), {prop("Field", OUString("andi-wijaya"))}));
    }
    Probe p1 = probe(first);
    BOOST_TEST(p1.permsDocMdp == 2, p1.raw);
    fs::path second = outPath(o, "setting-certified-2.pdf");
    auto r = signPdf(o, first, second, with(options(second, kBudi), {prop("Field", OUString("budi-santoso"))}));
    BOOST_TEST(r.Warnings.getLength() == 0, "warnings:" << warnings(r));
    testing::checkSignedOutput(first.string(), second.string(), 2);
    Probe p2 = probe(second);
    BOOST_TEST_REQUIRE(p2.field("budi-santoso") != nullptr, p2.raw);
    BOOST_TEST(p2.field("budi-santoso")->docMdp == 0, p2.raw);
}

BOOST_AUTO_TEST_SUITE_END()

// ====================================================================== specimen

BOOST_AUTO_TEST_SUITE(specimen)

// What pdftotext reads inside a field's rectangle, white space collapsed.
std::string textInField(const fs::path& pdf, const Field& f)
{
    Run info = run("pdfinfo -f " + std::to_string(f.page) + " -l " + std::to_string(f.page) + " " + q(pdf.string()));
    std::smatch m;
    BOOST_TEST_REQUIRE(std::regex_search(info.output, m, std::regex(R"(size:\s+[\d.]+ x ([\d.]+))")), info.output);
    const double pageH = std::stod(m[1]);
    std::ostringstream crop;
    crop << " -x " << int(f.rect.x1) << " -y " << int(pageH - f.rect.y2) << " -W " << int(f.rect.x2 - f.rect.x1 + 1)
         << " -H " << int(f.rect.y2 - f.rect.y1 + 1);
    const std::string page = " -f " + std::to_string(f.page) + " -l " + std::to_string(f.page);
    Run text = run("pdftotext" + page + crop.str() + " " + q(pdf.string()) + " -");
    BOOST_TEST_REQUIRE(text.status == 0, text.output);
    // The QR code is read from a render of the same rectangle (4 pt around it).
    const double k = 150.0 / 72;
    std::ostringstream px;
    px << " -x " << int((f.rect.x1 - 4) * k) << " -y " << int((pageH - f.rect.y2 - 4) * k) << " -W "
       << int((f.rect.x2 - f.rect.x1 + 8) * k) << " -H " << int((f.rect.y2 - f.rect.y1 + 8) * k);
    const fs::path png = renderDir() / (pdf.stem().string() + "-field");
    Run r = run("pdftoppm -r 150 -png -singlefile" + page + px.str() + " " + q(pdf.string()) + " " + q(png.string()));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    Run z = run("{ zbarimg --quiet --raw " + q(png.string() + ".png") + " 2>/dev/null; }");
    return testing::collapse(text.output) + " | QR: " + testing::collapse(z.output);
}

// Signing/AppearanceStyle = Tnde: the signed Signature Line shows the TNDE
// specimen with its suggested title as the jabatan, and a QR code to BSrE's
// verification page (QrUrlTemplate is empty).
BOOST_AUTO_TEST_CASE(the_tnde_setting_shows_the_lines_suggested_title_beside_a_qr_code)
{
    Office& o = office();
    ConfigValue style(o, "/id.bsresign.Settings/Signing", "AppearanceStyle", css::uno::Any(OUString("Tnde")));
    Doc d(o, o.loadDocument(sample(o, "two-lines.fodt")));
    fs::path out = outPath(o, "two-lines-tnde.pdf");
    signDoc(o, d.model, out, options(out)); // Budi Santoso: his line, "Kepala Kantor"
    checkSignedExport(out);
    Probe p = probe(out);
    const Field* f = p.field("budi-santoso");
    BOOST_TEST_REQUIRE(f != nullptr, p.raw);
    BOOST_TEST(textInField(out, *f) == "Ditandatangani secara elektronik oleh: Kepala Kantor Budi Santoso | QR: "
                                       "https://tte.komdigi.go.id/verifyPDF");
}

// The API's options: Title replaces the line's suggested title; an
// AppearanceStyle other than Standard or Tnde is a BadOption.
BOOST_AUTO_TEST_CASE(the_title_and_appearance_style_options)
{
    Office& o = office();
    Doc d(o, o.loadDocument(sample(o, "two-lines.fodt")));
    fs::path out = outPath(o, "two-lines-tnde-title.pdf");
    signDoc(o, d.model, out,
            with(options(out), {prop("AppearanceStyle", OUString("Tnde")),
                                prop("Title", OUString("Kepala Bagian Tata Usaha"))}));
    Probe p = probe(out);
    const Field* f = p.field("budi-santoso");
    BOOST_TEST_REQUIRE(f != nullptr, p.raw);
    BOOST_TEST(textInField(out, *f) ==
               "Ditandatangani secara elektronik oleh: Kepala Bagian Tata Usaha Budi Santoso | QR: "
               "https://tte.komdigi.go.id/verifyPDF");

    fs::path standard = outPath(o, "two-lines-standard.pdf");
    signDoc(o, d.model, standard, options(standard));
    const Field* s = probe(standard).field("budi-santoso");
    BOOST_TEST_REQUIRE(s != nullptr);
    const std::string shown = textInField(standard, *s);
    BOOST_TEST(shown.rfind("Budi Santoso Kepala Kantor Ditandatangani secara elektronik Waktu:", 0) == 0, shown);
    BOOST_TEST(shown.find("| QR: ") + 6 == shown.size(), "the standard block has no QR code: " << shown);

    fs::path bad = outPath(o, "two-lines-bad-style.pdf");
    fs::remove(bad);
    std::string code = signingFailure(
        [&] { o.signer()->signDocument(d.model, seq(with(options(bad), {prop("AppearanceStyle", OUString("Fancy"))}))); });
    BOOST_TEST(code == "BadOption");
    BOOST_TEST(!fs::exists(bad));
}

// With the notice band and Notice/QrUrlTemplate, the specimen's QR code and
// the band's say the same address ({file}: the document's name).
BOOST_AUTO_TEST_CASE(the_specimen_and_the_notice_band_share_the_qr_url_template)
{
    Office& o = office();
    ConfigValue templ(o, "/id.bsresign.Settings/Notice", "QrUrlTemplate",
                      css::uno::Any(OUString("https://verifikasi.contoh.go.id/{file}")));
    Doc d(o, o.loadDocument(sample(o, "two-lines.fodt")));
    fs::path out = outPath(o, "two-lines-tnde-notice.pdf");
    signDoc(o, d.model, out, with(options(out, kBudi, true), prop("AppearanceStyle", OUString("Tnde"))));
    const Field* f = probe(out).field("budi-santoso");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(textInField(out, *f) == "Ditandatangani secara elektronik oleh: Kepala Kantor Budi Santoso | QR: "
                                       "https://verifikasi.contoh.go.id/two-lines.fodt");
    Run page = run("pdftoppm -r 150 -png -singlefile -f 1 -l 1 " + q(out.string()) + " " +
                   q((renderDir() / "two-lines-tnde-notice-page").string()));
    BOOST_TEST_REQUIRE(page.status == 0, page.output);
    Run z = run("{ zbarimg --quiet --raw " + q((renderDir() / "two-lines-tnde-notice-page.png").string()) +
                " 2>/dev/null; }");
    BOOST_TEST(z.output == "https://verifikasi.contoh.go.id/two-lines.fodt\n"
                           "https://verifikasi.contoh.go.id/two-lines.fodt\n",
               "the band's and the specimen's QR codes: " << z.output);
}

BOOST_AUTO_TEST_SUITE_END()

// ====================================================================== look

BOOST_AUTO_TEST_SUITE(look)

// LibreOffice draws an unsigned Signature Line as vector strokes (from
// share/filter/signature-line.svg), not as an image. The plain export has
// them; the signed output has none, and its only images are the logo in the
// signed appearance. Renders of both are kept in lines-renders/ to look at.
BOOST_AUTO_TEST_CASE(no_line_graphic_is_left_under_the_fields)
{
    Office& o = office();
    Doc d(o, o.loadDocument(sample(o, "two-lines.fodt")));
    fs::path plain = outPath(o, "two-lines-plain.pdf");
    fs::remove(plain);
    o.storeToUrl(d.model, plain, "writer_pdf_Export");
    BOOST_TEST(lineGraphics(plain) == 2u, "the plain export should show both lines");
    BOOST_TEST(images(plain).empty(), "the plain export has images: the line graphic is not what was measured");

    fs::path out = outPath(o, "two-lines-look.pdf");
    signDoc(o, d.model, out, options(out));
    BOOST_TEST(lineGraphics(out) == 0u, "a signature-line graphic is left in " << out.filename());
    // The only images: the logo the signed appearance carries (the
    // extension's placeholder, downscaled: its aspect ratio), none with a
    // signature line's 2:1 shape.
    Run unz = run("unzip -p " + q(testing::env("BSRE_OXT")) + " icons/placeholder-logo.png > " +
                  q((renderDir() / "logo.png").string()));
    BOOST_TEST_REQUIRE(unz.status == 0, unz.output);
    const auto logo = pngSize((renderDir() / "logo.png").string());
    const auto imgs = images(out);
    BOOST_TEST(!imgs.empty(), "the signed appearance has no logo");
    for (const auto& [w, h] : imgs)
        BOOST_TEST(std::abs(w * logo.second - h * logo.first) <= std::max(logo.first, logo.second),
                   "an image of " << w << "x" << h << " is not the " << logo.first << "x" << logo.second << " logo");

    Run r1 = run("pdftoppm -r 100 -png -f 1 -l 1 " + q(plain.string()) + " " + q((renderDir() / "plain").string()));
    Run r2 = run("pdftoppm -r 100 -png -f 1 -l 1 " + q(out.string()) + " " + q((renderDir() / "signed").string()));
    BOOST_TEST(r1.status == 0, r1.output);
    BOOST_TEST(r2.status == 0, r2.output);
    BOOST_TEST_MESSAGE("renders in " << renderDir());
}

BOOST_AUTO_TEST_SUITE_END()

// ====================================================================== refusals

BOOST_AUTO_TEST_SUITE(refusals)

BOOST_AUTO_TEST_CASE(a_line_that_does_not_exist_writes_nothing)
{
    Office& o = office();
    fs::path file = sample(o, "two-lines.fodt");
    std::string before = slurp(file.string());
    Doc d(o, o.loadDocument(file));
    fs::path out = outPath(o, "no-such-line.pdf");
    fs::remove(out);
    std::string code = signingFailure(
        [&] { o.signer()->signDocument(d.model, seq(with(options(out), {prop("Field", OUString("camat"))}))); });
    BOOST_TEST(code == "FieldNotFound");
    BOOST_TEST(!fs::exists(out));
    BOOST_TEST(!Office::isModified(d.model));
    BOOST_TEST((slurp(file.string()) == before));
}

BOOST_AUTO_TEST_CASE(a_field_already_signed_or_unknown_in_a_pdf)
{
    Office& o = office();
    fs::path first = outPath(o, "refuse-1.pdf");
    {
        Doc d(o, o.loadDocument(sample(o, "two-lines.fodt")));
        signDoc(o, d.model, first, with(options(first, kSiti), {prop("Field", OUString("andi-wijaya"))}));
    }
    const std::string firstBytes = slurp(first.string());
    fs::path second = outPath(o, "refuse-2.pdf");
    fs::remove(second);
    std::string code = signingFailure([&] {
        o.signer()->signPdf(fileUrl(first), seq(with(options(second), {prop("Field", OUString("andi-wijaya"))})));
    });
    BOOST_TEST(code == "FieldSigned");
    BOOST_TEST(!fs::exists(second));
    code = signingFailure([&] {
        o.signer()->signPdf(fileUrl(first), seq(with(options(second), {prop("Field", OUString("camat"))})));
    });
    BOOST_TEST(code == "FieldNotFound");
    BOOST_TEST(!fs::exists(second));
    BOOST_TEST((slurp(first.string()) == firstBytes), "the input PDF changed");
}

// A document without lines: Visible puts a new field at the page/position,
// as before Signature Lines.
BOOST_AUTO_TEST_CASE(a_document_without_lines_falls_back_to_page_and_position)
{
    Office& o = office();
    fs::path file = o.path("docs/letter.fodt");
    if (!fs::exists(file))
        o.copyIn(source("tests/data/letter.fodt"), "docs/letter.fodt");
    Doc d(o, o.loadDocument(file));
    fs::path out = outPath(o, "no-lines-visible.pdf");
    signDoc(o, d.model, out,
            with(options(out), {prop("Visible", true), prop("Page", sal_Int32(1)), prop("Position", OUString("TopLeft"))}));
    checkSignedExport(out);
    Probe p = probe(out);
    BOOST_TEST_REQUIRE(p.fields.size() == 1u, p.raw);
    const Field& f = p.fields.front();
    BOOST_TEST(f.isSigned);
    BOOST_TEST(f.page == 1);
    BOOST_TEST(f.rect.x2 - f.rect.x1 == 220.0, f.rect); // the default 220 x 70 pt, top left
    BOOST_TEST(f.rect.y2 - f.rect.y1 == 70.0, f.rect);
    BOOST_TEST(f.rect.x1 < 100.0, f.rect);
    BOOST_TEST(f.rect.y1 > 600.0, f.rect);
    BOOST_TEST(p.markers.empty());
}

// A line in a footer repeats on every page: one field, on page 1, and the
// result says so.
BOOST_AUTO_TEST_CASE(a_footer_line_is_one_field_on_its_first_page)
{
    Office& o = office();
    Doc d(o, o.loadDocument(sample(o, "footer-line.fodt")));
    fs::path out = outPath(o, "footer-hadi.pdf");
    auto r = signDoc(o, d.model, out, with(options(out), {prop("Field", OUString("hadi-susanto"))}));
    checkSignedExport(out);
    Probe p = probe(out);
    BOOST_TEST(std::count_if(p.fields.begin(), p.fields.end(),
                             [](const Field& f) { return f.name == "hadi-susanto"; }) == 1);
    BOOST_TEST_REQUIRE(p.field("hadi-susanto") != nullptr, p.raw);
    BOOST_TEST(p.field("hadi-susanto")->page == 1);
    BOOST_TEST(p.field("hadi-susanto")->isSigned);
    BOOST_TEST(anyWarning(r, "hadi-susanto"), "warnings:" << warnings(r));
    BOOST_TEST(anyWarning(r, "page 1"), "warnings:" << warnings(r));
}

// Two lines at the same place (the paraf moved onto the final signer's
// line): both become fields, and the result says they overlap.
BOOST_AUTO_TEST_CASE(two_lines_at_the_same_position_are_reported)
{
    Office& o = office();
    std::string fodt = slurp(source("tests/data/siglines/two-lines.fodt"));
    const std::string paraf = R"(svg:width="1.5752in" svg:height="0.7878in" svg:x="0in")";
    const size_t at = fodt.find(paraf);
    BOOST_TEST_REQUIRE(at != std::string::npos, "two-lines.fodt changed: the paraf's frame was not found");
    fodt.replace(at, paraf.size(), R"(svg:width="2.363in" svg:height="1.1815in" svg:x="3.9366in")");
    testing::Scratch scratch;
    testing::spit(scratch("same-place.fodt"), fodt);
    fs::path file = o.copyIn(scratch("same-place.fodt"), "docs/same-place.fodt");
    Doc d(o, o.loadDocument(file));
    fs::path out = outPath(o, "same-place.pdf");
    auto r = signDoc(o, d.model, out, options(out));
    checkSignedExport(out);
    Probe p = probe(out);
    BOOST_TEST(p.fields.size() == 2u, p.raw);
    BOOST_TEST_REQUIRE(p.field("andi-wijaya") != nullptr, p.raw);
    BOOST_TEST_REQUIRE(p.field("budi-santoso") != nullptr, p.raw);
    BOOST_TEST(near(p.field("andi-wijaya")->rect, p.field("budi-santoso")->rect), p.raw);
    BOOST_TEST(p.field("budi-santoso")->isSigned, p.raw);
    BOOST_TEST(anyWarning(r, "same position"), "warnings:" << warnings(r));
    BOOST_TEST(anyWarning(r, "andi-wijaya"), "warnings:" << warnings(r));
}

// With LibreOffice's UI in Indonesian, the engine's sentences come back in
// Indonesian (the extension's table), and so do refusals.
BOOST_AUTO_TEST_CASE(warnings_and_refusals_in_indonesian)
{
    Office& o = office();
    ConfigValue ui(o, "/org.openoffice.Office.Linguistic/General", "UILocale", css::uno::Any(OUString("id")));
    Doc d(o, o.loadDocument(sample(o, "footer-line.fodt")));
    fs::path out = outPath(o, "footer-id.pdf");
    auto r = signDoc(o, d.model, out, with(options(out), {prop("Field", OUString("hadi-susanto"))}));
    BOOST_TEST(anyWarning(r, "Baris tanda tangan \"hadi-susanto\" muncul di 3 halaman"), "warnings:" << warnings(r));
    BOOST_TEST(anyWarning(r, "di halaman 1."), "warnings:" << warnings(r));
    BOOST_TEST(!anyWarning(r, "repeats"), "an English sentence is left:" << warnings(r));

    fs::path none = outPath(o, "footer-id-none.pdf");
    fs::remove(none);
    try {
        o.signer()->signDocument(d.model, seq(with(options(none), {prop("Field", OUString("camat"))})));
        BOOST_FAIL("a line that does not exist was accepted");
    } catch (const id::bsresign::SigningException& e) {
        BOOST_TEST(str(e.Code) == "FieldNotFound");
        BOOST_TEST(str(e.Message).find("tidak memiliki baris tanda tangan") != std::string::npos, str(e.Message));
    }
    BOOST_TEST(!fs::exists(none));
}

BOOST_AUTO_TEST_SUITE_END()
