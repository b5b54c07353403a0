// Smoke test for pdf/font, pdf/image and pdf/appearance: builds a one-page
// PDF from scratch showing three appearances, for qpdf/poppler to inspect.
//
// Build and run (from the repository root):
//   g++ -std=c++20 -Wall -Wextra -I. tests/appearance_smoke.cpp pdf/appearance.cpp pdf/font.cpp
//       pdf/image.cpp pdf/syntax.cpp common/error.cpp -o /tmp/appearance_smoke
//       $(pkg-config --cflags --libs harfbuzz harfbuzz-subset fontconfig libpng zlib)
//   appearance_smoke [output.pdf]   (run by CTest in the build tree)

#include "common/error.hpp"
#include "pdf/appearance.hpp"
#include "pdf/font.hpp"
#include "pdf/image.hpp"
#include "pdf/syntax.hpp"

#include <png.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

using namespace bsre;
using namespace bsre::pdf;

namespace {

int failures = 0;

void check(bool ok, const std::string& what)
{
    std::cout << (ok ? "ok   " : "FAIL ") << what << '\n';
    if (!ok)
        ++failures;
}

void expectError(Code code, const std::string& what, const std::function<void()>& fn)
{
    try {
        fn();
        check(false, what + " (no error thrown)");
    } catch (const Error& e) {
        check(e.code() == code && !e.indonesian().empty(), what + ": " + e.english());
    }
}

// A transparent-background "logo": blue disc with a soft edge and a red
// stroke, so both the colour and the alpha path are exercised.
void writeTestPng(const std::string& path)
{
    const int w = 160, h = 100;
    std::vector<unsigned char> px(static_cast<size_t>(w) * h * 4, 0);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            unsigned char* p = &px[(static_cast<size_t>(y) * w + x) * 4];
            double d = std::hypot(x - 50.0, y - 50.0);
            if (d < 45) {
                p[0] = 30; p[1] = 80; p[2] = 200;
                p[3] = static_cast<unsigned char>(d < 40 ? 255 : 255 * (45 - d) / 5);
            }
            double curve = 50 + 30 * std::sin(x / 18.0);
            if (std::fabs(y - curve) < 3 && x > 20) {
                p[0] = 210; p[1] = 20; p[2] = 20; p[3] = 255;
            }
        }
    }
    png_image img{};
    img.version = PNG_IMAGE_VERSION;
    img.width = w;
    img.height = h;
    img.format = PNG_FORMAT_RGBA;
    if (!png_image_write_to_file(&img, path.c_str(), 0, px.data(), 0, nullptr)) {
        std::cerr << "cannot write " << path << ": " << img.message << '\n';
        std::exit(2);
    }
}

// Other PNG flavours the loader must normalise: 16-bit linear RGBA, 8-bit grey.
void writeVariantPngs(const std::string& rgba16, const std::string& grey)
{
    png_image img{};
    img.version = PNG_IMAGE_VERSION;
    img.width = 4;
    img.height = 2;
    img.format = PNG_FORMAT_LINEAR_RGB_ALPHA;
    std::vector<png_uint_16> deep(4 * 2 * 4, 65535);
    deep[3] = 0;   // first pixel transparent
    png_image_write_to_file(&img, rgba16.c_str(), 0, deep.data(), 0, nullptr);
    png_image_free(&img);

    img = png_image{};
    img.version = PNG_IMAGE_VERSION;
    img.width = 3;
    img.height = 3;
    img.format = PNG_FORMAT_GRAY;
    std::vector<unsigned char> g(9, 128);
    png_image_write_to_file(&img, grey.c_str(), 0, g.data(), 0, nullptr);
    png_image_free(&img);
}

void writeFile(const std::string& path, const std::string& data)
{
    std::ofstream(path, std::ios::binary) << data;
}

size_t objectBytes(const NewObjects& objs, int from = 0)
{
    size_t total = 0;
    for (const auto& [n, body] : objs.bodies())
        if (n >= from)
            total += std::to_string(n).size() + 7 + body.size() + 8;   // "N 0 obj\n" body "\nendobj\n"
    return total;
}

const std::vector<std::string> kTypical = {
    "Budi Santoso",
    "Ditandatangani secara elektronik",
    "Tanggal: 25-11-2026 13:30:00 +07:00",
    "Alasan: Persetujuan",
};

} // namespace

int main(int argc, char** argv)
{
    const std::string out = argc > 1 ? argv[1] : "appearance-smoke.pdf";
    // Scratch files live beside the output, never in a shared /tmp.
    const std::string stem = out.substr(0, out.rfind('.'));
    const std::string pngPath = stem + "-logo.png";
    writeTestPng(pngPath);
    writeVariantPngs(stem + "-16.png", stem + "-grey.png");

    // --- images ---------------------------------------------------------
    RasterImage logo = loadPng(pngPath);
    check(logo.width == 160 && logo.height == 100 && logo.rgb.size() == 160u * 100 * 3
              && logo.alpha.size() == 160u * 100,
          "RGBA PNG loads as RGB + alpha");
    RasterImage deep = loadPng(stem + "-16.png");
    check(deep.width == 4 && deep.alpha.size() == 8 && static_cast<unsigned char>(deep.alpha[0]) == 0
              && static_cast<unsigned char>(deep.alpha[1]) == 255 && static_cast<unsigned char>(deep.rgb[3]) == 255,
          "16-bit RGBA PNG is reduced to 8 bits");
    RasterImage grey = loadPng(stem + "-grey.png");
    check(grey.width == 3 && grey.alpha.empty() && grey.rgb.size() == 27
              && grey.rgb[0] == grey.rgb[1] && grey.rgb[1] == grey.rgb[2],
          "opaque grey PNG becomes RGB without alpha");
    writeFile(stem + "-bad.png", "this is not a PNG file at all");
    expectError(Code::ImageInvalid, "garbage file rejected", [&] { loadPng(stem + "-bad.png"); });
    {
        std::ifstream in(pngPath, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        writeFile(stem + "-truncated.png", bytes.substr(0, bytes.size() / 2));
    }
    expectError(Code::ImageInvalid, "truncated PNG rejected", [&] { loadPng(stem + "-truncated.png"); });
    expectError(Code::ImageInvalid, "missing file rejected", [] { loadPng("/nonexistent/x.png"); });

    // --- font API misuse and metrics -------------------------------------
    const std::string fontPath = findFontFile();
    std::cout << "font file: " << fontPath << '\n';
    expectError(Code::FontMissing, "non-TrueType file rejected", [] { EmbeddedFont f("/etc/hostname"); });
    {
        EmbeddedFont a(fontPath), b(fontPath);
        ShapedText ta = a.shape("Budi");
        expectError(Code::Internal, "showText before emit", [&] { (void)a.showText(ta); });
        NewObjects scratch(1);
        (void)a.emit(scratch);
        expectError(Code::Internal, "shape after emit", [&] { a.shape("x"); });
        expectError(Code::Internal, "emit twice", [&] { (void)a.emit(scratch); });
        expectError(Code::Internal, "text from another font", [&] { (void)b.showText(ta); });
        EmbeddedFont moved = std::move(a);
        check(moved.showText(ta).find("Tj") != std::string::npos, "moved font still draws its text: " + moved.showText(ta));
        check(moved.ascent() > 800 && moved.descent() < -150, "ascent/descent plausible");
        ShapedText missing = b.shape("Budi \xE4\xB8\xAD");   // U+4E2D, not in Liberation Sans
        check(missing.missing().size() == 1 && missing.missing()[0] == 0x4E2D, "uncovered character reported");
        ShapedText kerned = b.shape("AVATAR Tanggal");
        NewObjects scratch2(1);
        (void)b.emit(scratch2);
        std::string op = b.showText(kerned);
        check(op.find("TJ") != std::string::npos, "kerning produces TJ: " + op);
    }
    {
        // What wrapping measures is what is drawn, and measuring adds nothing to the subset.
        EmbeddedFont f(fontPath), g(fontPath);
        bool same = true;
        for (const std::string t : {"AVATAR Tanggal", "Ñoño Ölçü e\xCC\x81", "Budi  Santoso ", ""}) {
            const double measured = f.measure(t, 9.5);
            same = same && measured == g.shape(t).width(9.5) && f.measure(t, 9.5) == measured;
        }
        check(same, "measure() gives the shaped width");
        (void)f.shape("Budi");
        (void)g.shape("Budi");
        (void)g.measure("Budi", 7);
        NewObjects fo(1), go(1);
        (void)f.emit(fo);
        (void)g.emit(go);
        check(fo.bodies() != go.bodies(), "the font that shaped more text embeds more glyphs");
        EmbeddedFont h(fontPath);
        (void)h.shape("Budi");
        NewObjects ho(1);
        (void)h.emit(ho);
        check(fo.bodies() == ho.bodies(), "measured text is not embedded: " + std::to_string(objectBytes(fo))
                                              + " bytes, as for the shaped text alone");
    }

    // --- sizes -------------------------------------------------------------
    {
        EmbeddedFont f(fontPath);
        for (const auto& l : kTypical)
            f.shape(l);
        NewObjects objs(100);
        (void)f.emit(objs);
        std::cout << "typical font objects: " << objectBytes(objs) << " bytes in " << objs.bodies().size()
                  << " objects\n";
        for (const auto& [n, body] : objs.bodies())
            std::cout << "  obj " << n << ": " << body.size() << " bytes  " << body.substr(0, body.find('\n')).substr(0, 90)
                      << '\n';
    }
    {
        AppearanceStyle st;
        st.lines = kTypical;
        NewObjects a(100), b(100);
        renderAppearance(st, 200, 60, a);
        renderAppearance(st, 200, 60, b);
        check(a.bodies() == b.bodies(), "output is deterministic");
        std::cout << "typical appearance without image: " << objectBytes(a) << " bytes\n";
        st.imagePath = pngPath;
        NewObjects c(100);
        renderAppearance(st, 200, 60, c);
        std::cout << "typical appearance with 160x100 RGBA logo: " << objectBytes(c) << " bytes\n";
    }
    expectError(Code::FontMissing, "appearance with uncovered character", [] {
        AppearanceStyle st;
        st.lines = {"\xE4\xB8\xAD\xE6\x96\x87"};
        NewObjects o(1);
        renderAppearance(st, 100, 40, o);
    });
    expectError(Code::Usage, "specimen text that does not fit even wrapped at 4 pt", [] {
        AppearanceStyle st;
        st.lines = {"Ditandatangani secara elektronik oleh:", "Kepala Biro Perencanaan dan Keuangan", "Budi Santoso"};
        st.qrText = "https://tte.komdigi.go.id/verifyPDF";
        st.clipOverflow = false;
        NewObjects o(1);
        renderAppearance(st, 90, 24, o);
    });
    expectError(Code::Usage, "zero-size box", [] {
        NewObjects o(1);
        renderAppearance(AppearanceStyle{}, 0, 40, o);
    });

    // --- the PDF -------------------------------------------------------------
    // 1 catalog, 2 pages, 3 page, 4 page content; appearances from 5 on.
    NewObjects objs(5);
    AppearanceStyle typical;
    typical.lines = kTypical;
    typical.imagePath = pngPath;
    int fm1 = renderAppearance(typical, 220, 70, objs);

    AppearanceStyle intl;
    intl.lines = {"Ñoño Ölçü", "Tanggal: 24 November 2026 13:30:00 +07:00", "Lokasi: Yogyakarta"};
    int fm2 = renderAppearance(intl, 260, 50, objs);

    AppearanceStyle imageOnly;
    imageOnly.imagePath = pngPath;
    imageOnly.border = false;
    int fm3 = renderAppearance(imageOnly, 90, 60, objs);

    AppearanceStyle tiny;   // forced to the 4 pt minimum and clipped
    tiny.lines = {"Siti Nurhaliza binti Abdullah", "Ditandatangani secara elektronik"};
    int fm4 = renderAppearance(tiny, 40, 12, objs);

    std::string pageContent = "q 1 0 0 1 50 700 cm /Fm1 Do Q\n"
                              "q 1 0 0 1 50 600 cm /Fm2 Do Q\n"
                              "q 1 0 0 1 350 700 cm /Fm3 Do Q\n"
                              "q 1 0 0 1 350 600 cm /Fm4 Do Q\n";
    std::vector<std::string> bodies(5);
    bodies[1] = "<< /Type /Catalog /Pages 2 0 R >>";
    bodies[2] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
    bodies[3] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Fm1 "
        + ref(fm1) + " /Fm2 " + ref(fm2) + " /Fm3 " + ref(fm3) + " /Fm4 " + ref(fm4)
        + " >> >> /Contents 4 0 R >>";
    bodies[4] = streamObject("", pageContent, true);
    for (const auto& [n, body] : objs.bodies()) {
        if (n >= static_cast<int>(bodies.size()))
            bodies.resize(n + 1);
        bodies[n] = body;
    }

    std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets(bodies.size(), 0);
    for (size_t n = 1; n < bodies.size(); ++n) {
        offsets[n] = pdf.size();
        pdf += std::to_string(n) + " 0 obj\n" + bodies[n] + "\nendobj\n";
    }
    size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(bodies.size()) + "\n0000000000 65535 f\r\n";
    for (size_t n = 1; n < bodies.size(); ++n) {
        char entry[21];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", offsets[n]);
        pdf.append(entry, 20);
    }
    pdf += "trailer\n<< /Size " + std::to_string(bodies.size()) + " /Root 1 0 R >>\nstartxref\n"
        + std::to_string(xref) + "\n%%EOF\n";
    writeFile(out, pdf);
    std::cout << "wrote " << out << " (" << pdf.size() << " bytes)\n";

    std::cout << (failures ? "FAILED: " + std::to_string(failures) + "\n" : std::string("all checks passed\n"));
    return failures ? 1 : 0;
}
