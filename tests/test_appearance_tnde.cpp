// The signature block of tata naskah dinas elektronik (issue 11): with
// `--appearance tnde` the visible signature shows, where the wet signature
// was, a QR code to the verification page, "Ditandatangani secara elektronik
// oleh:", the title (jabatan) and the signer's name. Every word is checked in
// place with pdftotext -bbox (inside the rectangle less its padding, right of
// the QR code, none cut or dropped), the QR code is read back with zbarimg
// from a render of the block, and every output goes through the validators
// of checkSignedOutput. Usage errors name the option in both languages.
#define BOOST_TEST_MODULE appearance_tnde
#include "support.hpp"

#include <regex>
#include <sstream>

using namespace testing;

namespace {

const std::string kHeader = "Ditandatangani secara elektronik oleh:";
const std::string kShortTitle = "Kepala Bagian Tata Usaha";
const std::string kLongTitle = "Kepala Biro Perencanaan, Keuangan, dan Barang Milik Negara Kementerian Contoh";
const std::string kSigner = "Budi Santoso"; // officer-rsa of the test PKI
const std::string kDefaultUrl = "https://tte.komdigi.go.id/verifyPDF";

// A signature rectangle in points, PDF user space (origin at the lower left).
struct Box {
    double x, y, w, h;
};
const Box kBox{340, 120, 200, 70};
const double kPad = 3; // the appearance's padding (pdf/appearance.cpp) for boxes at least 50 pt high

std::string rectOption(const Box& b)
{
    std::ostringstream o;
    o << "--page 1 --rect " << b.x << ',' << b.y << ',' << b.w << ',' << b.h;
    return o.str();
}

struct Word {
    std::string text;
    double x1, y1, x2, y2; // PDF user space
};

// The words pdftotext -bbox finds on page 1 within 15 pt of the box, in reading order.
std::vector<Word> wordsNear(const std::string& pdf, const Box& b)
{
    Run bbox = run("pdftotext -bbox -f 1 -l 1 " + q(pdf) + " -");
    BOOST_TEST_REQUIRE(bbox.status == 0, bbox.output);
    const double pageH = std::stod(bbox.output.substr(bbox.output.find("height=\"") + 8));
    const std::regex wordRe(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
    std::vector<Word> out;
    for (auto it = std::sregex_iterator(bbox.output.begin(), bbox.output.end(), wordRe); it != std::sregex_iterator();
         ++it) {
        const Word w{(*it)[5], std::stod((*it)[1]), pageH - std::stod((*it)[4]), std::stod((*it)[3]),
                     pageH - std::stod((*it)[2])};
        if (w.x2 > b.x - 15 && w.x1 < b.x + b.w + 15 && w.y2 > b.y - 15 && w.y1 < b.y + b.h + 15)
            out.push_back(w);
    }
    return out;
}

std::vector<std::string> split(const std::string& s)
{
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

// Exactly the words of `text`, in order (none dropped, none cut, nothing
// else), each inside the box less its padding and right of `left`.
void expectWordsInside(const std::string& pdf, const Box& b, const std::string& text, double left)
{
    const std::vector<Word> words = wordsNear(pdf, b);
    std::vector<std::string> found;
    for (const Word& w : words) {
        found.push_back(w.text);
        BOOST_TEST((w.x1 >= left && w.x2 <= b.x + b.w - kPad && w.y1 >= b.y + kPad && w.y2 <= b.y + b.h - kPad),
                   "\"" << w.text << "\" [" << w.x1 << " " << w.y1 << " " << w.x2 << " " << w.y2
                        << "] leaves the room for the text");
    }
    const std::vector<std::string> expected = split(text);
    BOOST_TEST(found == expected, boost::test_tools::per_element());
}

// What zbarimg reads in a 150 dpi render of the box (and a few points
// around it): one line per code found; empty when there is none.
std::string qrCodesIn(const std::string& pdf, const Box& b, const Scratch& s, const std::string& name)
{
    const double k = 150.0 / 72;
    Run info = run("pdfinfo " + q(pdf));
    std::smatch m;
    BOOST_TEST_REQUIRE(std::regex_search(info.output, m, std::regex(R"(Page size:\s+[\d.]+ x ([\d.]+))")), info.output);
    const double pageH = std::stod(m[1]);
    std::ostringstream crop;
    crop << " -x " << int((b.x - 4) * k) << " -y " << int((pageH - b.y - b.h - 4) * k) << " -W " << int((b.w + 8) * k)
         << " -H " << int((b.h + 8) * k);
    Run r = run("pdftoppm -r 150 -png -singlefile -f 1 -l 1" + crop.str() + " " + q(pdf) + " " + q(s(name)));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    BOOST_TEST_REQUIRE(run("command -v zbarimg").status == 0,
                       "zbarimg (Debian package zbar-tools, scripts/install-deps.sh) reads the QR codes");
    // Status 4: no code found. zbarimg's complaints about D-Bus go to stderr, not here.
    Run z = run("{ zbarimg --quiet --raw " + q(s(name + ".png")) + " 2>/dev/null; }");
    BOOST_TEST_REQUIRE((z.status == 0 || z.status == 4), z.output);
    return z.output;
}

// `bsre-sign sign` on the test PKI's database with these arguments.
Run signWith(const std::string& args)
{
    return run("SOFTHSM2_CONF=" + q(pki("softhsm2.conf")) + " " + q(tool()) + " sign --nssdb " + q(pki("nssdb")) +
               " --cert officer-rsa " + args);
}

std::string sha256Upper(const std::string& path)
{
    Run r = run("sha256sum " + q(path) + " | cut -c1-64 | tr a-f A-F");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    return r.output.substr(0, 64);
}

// The QR code's square: as tall as the box less its padding.
double rightOfQr(const Box& b) { return b.x + kPad + (b.h - 2 * kPad); }

} // namespace

BOOST_AUTO_TEST_SUITE(tnde_specimen)

BOOST_AUTO_TEST_CASE(every_word_of_the_specimen_stays_inside_its_rectangle_right_of_the_qr_code)
{
    Scratch s;
    for (const std::string& title : {kShortTitle, kLongTitle}) {
        Run r = sign(pdfs("letter.pdf"), s("tnde.pdf"),
                     "--cert officer-rsa --overwrite --appearance tnde " + rectOption(kBox) + " --title " + q(title));
        BOOST_TEST_REQUIRE(r.status == 0, r.output);
        checkSignedOutput(pdfs("letter.pdf"), s("tnde.pdf"), 1);
        expectWordsInside(s("tnde.pdf"), kBox, kHeader + " " + title + " " + kSigner, rightOfQr(kBox));
        // The text reads as written: the header whole, the title whole (wrapped lines joined).
        Run text = run("pdftotext -f 1 -l 1 " + q(s("tnde.pdf")) + " -");
        BOOST_TEST(collapse(text.output).find(kHeader + " " + title + " " + kSigner) != std::string::npos,
                   text.output);
        BOOST_TEST(qrCodesIn(s("tnde.pdf"), kBox, s, "block") == kDefaultUrl + "\n");
    }
}

// Each file of a batch gets its own address: {file} and {sha256} are of that input.
BOOST_AUTO_TEST_CASE(the_qr_code_follows_the_qr_url_template_for_each_file_of_a_batch)
{
    Scratch s;
    fs::create_directories(s("in"));
    fs::copy_file(pdfs("letter.pdf"), s("in/surat-a.pdf"));
    fs::copy_file(pdfs("letter-objstm.pdf"), s("in/surat-b.pdf"));
    const std::string templ = "https://verifikasi.contoh.go.id/cek?berkas={file}&sha256={sha256}";
    Run r = signWith("--appearance tnde " + rectOption(kBox) + " --title " + q(kShortTitle) + " --qr-url " +
                     q(templ) + " " + q(s("in/surat-a.pdf")) + " " + q(s("in/surat-b.pdf")) + " -O " + q(s("out")));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    for (const std::string name : {"surat-a", "surat-b"}) {
        const std::string in = s("in/" + name + ".pdf"), out = s("out/" + name + "_signed.pdf");
        checkSignedOutput(in, out, 1);
        const std::string url =
            "https://verifikasi.contoh.go.id/cek?berkas=" + name + ".pdf&sha256=" + sha256Upper(in);
        BOOST_TEST(qrCodesIn(out, kBox, s, name) == url + "\n");
    }
}

// In an existing field (the form's own rectangle), with the notice band:
// the band's QR code and the specimen's say the same address.
BOOST_AUTO_TEST_CASE(an_existing_field_takes_the_specimen_beside_the_notice_band)
{
    Scratch s;
    const Box field{350, 100, 200, 60}; // tests/fixtures/make-pdfs.sh: Penandatangan
    const std::string url = "https://verifikasi.contoh.go.id/{file}";
    Run r = sign(pdfs("empty-field.pdf"), s("out.pdf"),
                 "--cert officer-rsa --field Penandatangan --appearance tnde --title " + q(kShortTitle) +
                     " --notice --qr-url " + q(url));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("empty-field.pdf"), s("out.pdf"), 1);
    expectWordsInside(s("out.pdf"), field, kHeader + " " + kShortTitle + " " + kSigner, rightOfQr(field));
    BOOST_TEST(qrCodesIn(s("out.pdf"), field, s, "field") == "https://verifikasi.contoh.go.id/empty-field.pdf\n");
    const Box page{0, 0, 595, 842};
    BOOST_TEST(qrCodesIn(s("out.pdf"), page, s, "page") ==
               "https://verifikasi.contoh.go.id/empty-field.pdf\nhttps://verifikasi.contoh.go.id/empty-field.pdf\n");
}

// A box the text cannot fit even wrapped at the smallest size: refused,
// nothing written, rather than a cut word in an official letter.
BOOST_AUTO_TEST_CASE(a_box_too_small_for_the_specimen_is_refused_not_cut)
{
    Scratch s;
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"),
                 "--cert officer-rsa --appearance tnde --page 1 --rect 340,120,90,24 --title " + q(kLongTitle));
    BOOST_TEST(r.status == 2, r.output);
    BOOST_TEST(r.output.find("is too small for its text") != std::string::npos, r.output);
    BOOST_TEST(r.output.find("terlalu kecil untuk teksnya") != std::string::npos, r.output);
    BOOST_TEST(!fs::exists(s("out.pdf")));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(standard_block)

// The default style keeps its look and now shows --title under the name; no QR code.
BOOST_AUTO_TEST_CASE(the_title_goes_under_the_name_and_no_qr_code_is_drawn)
{
    Scratch s;
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"),
                 "--cert officer-rsa " + rectOption(kBox) + " --title " + q(kShortTitle) + " --reason Persetujuan");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("letter.pdf"), s("out.pdf"), 1);
    const std::vector<Word> words = wordsNear(s("out.pdf"), kBox);
    std::string text;
    for (const Word& w : words)
        text += (text.empty() ? "" : " ") + w.text;
    BOOST_TEST(text.rfind(kSigner + " " + kShortTitle + " Ditandatangani secara elektronik Waktu:", 0) == 0, text);
    BOOST_TEST(text.find("oleh:") == std::string::npos, text);
    BOOST_TEST(qrCodesIn(s("out.pdf"), kBox, s, "block").empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(usage_errors)

struct Misuse {
    std::string options, en, id;
};

// Exit 2, the sentence in English and Indonesian, nothing written.
void expectUsageError(const Misuse& m, bool batch)
{
    Scratch s;
    const std::string files = batch ? q(pdfs("letter.pdf")) + " " + q(pdfs("letter-objstm.pdf")) + " -O " + q(s("outdir"))
                                    : q(pdfs("letter.pdf")) + " -o " + q(s("out.pdf"));
    Run r = signWith(m.options + " " + files);
    BOOST_TEST(r.status == 2, m.options << ": " << r.output);
    BOOST_TEST(r.output.find(m.en) != std::string::npos, m.options << ": " << r.output);
    BOOST_TEST(r.output.find(m.id) != std::string::npos, m.options << ": " << r.output);
    BOOST_TEST(!fs::exists(s("out.pdf")));
    BOOST_TEST(!fs::exists(s("outdir")));
}

const Misuse kMisuses[] = {
    {"--title Kepala", "--title needs a visible signature", "--title memerlukan tanda tangan yang terlihat"},
    {"--invisible --title Kepala", "--title needs a visible signature",
     "--title memerlukan tanda tangan yang terlihat"},
    {"--invisible --appearance tnde", "--appearance tnde needs a visible signature",
     "--appearance tnde memerlukan tanda tangan yang terlihat"},
    {"--appearance tnde", "--appearance tnde needs a visible signature",
     "--appearance tnde memerlukan tanda tangan yang terlihat"},
    {"--appearance fancy --page 1 --rect 340,120,200,70", "--appearance must be standard, tnde or image",
     "--appearance harus standard, tnde atau image"},
    {"--appearance image --page 1 --rect 340,120,200,70", "--appearance image needs --image PNG",
     "--appearance image memerlukan --image PNG"},
    {"--appearance tnde --page 1 --rect 340,120,200,70 --image /dev/null", "--image is not drawn in the tnde specimen",
     "--image tidak ditampilkan pada spesimen tnde"},
    {"--qr-url https://x.example --page 1 --rect 340,120,200,70", "--qr-url needs --notice or --appearance tnde",
     "--qr-url memerlukan --notice atau --appearance tnde"},
};

BOOST_AUTO_TEST_CASE(a_title_or_a_specimen_without_a_visible_signature_is_refused)
{
    for (const Misuse& m : kMisuses)
        expectUsageError(m, false);
}

BOOST_AUTO_TEST_CASE(the_batch_form_refuses_the_same)
{
    for (const Misuse& m : kMisuses)
        expectUsageError(m, true);
}

BOOST_AUTO_TEST_SUITE_END()
