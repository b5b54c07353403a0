#include "pdf/notice.hpp"

#include "common/error.hpp"
#include "pdf/draw.hpp"
#include "pdf/font.hpp"
#include "pdf/image.hpp"

#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace bsre::pdf {

namespace {

constexpr double kLeading = 1.2;
constexpr double kMinFont = 5;

struct QrFree {
    void operator()(QRcode* q) const noexcept { QRcode_free(q); }
};

std::vector<std::string> words(const std::string& s)
{
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t') {
            if (!cur.empty())
                out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty())
        out.push_back(cur);
    return out;
}

// Greedy word wrap measured with the shaped widths of the real font.
std::vector<std::string> wrap(EmbeddedFont& font, const std::string& paragraph, double width, double size)
{
    std::vector<std::string> lines;
    std::string line;
    for (const std::string& w : words(paragraph)) {
        std::string candidate = line.empty() ? w : line + " " + w;
        if (!line.empty() && font.measure(candidate, size) > width) {
            lines.push_back(line);
            line = w;
        } else {
            line = candidate;
        }
    }
    if (!line.empty())
        lines.push_back(line);
    return lines;
}

} // namespace

std::string qrPath(const std::string& text, double size)
{
    std::unique_ptr<QRcode, QrFree> qr(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!qr)
        fail(Code::Usage, "The QR code text is too long to encode.", "Teks kode QR terlalu panjang untuk dikodekan.");
    const int n = qr->width;
    const int quiet = 2; // modules of light margin around the code
    const double m = size / (n + 2 * quiet);
    std::string path;
    for (int y = 0; y < n; ++y) {
        int x = 0;
        while (x < n) {
            if (!(qr->data[y * n + x] & 1)) {
                ++x;
                continue;
            }
            int run = x;
            while (run < n && (qr->data[y * n + run] & 1))
                ++run;
            // One rectangle per horizontal run of dark modules; y grows downwards in QR.
            path += num((x + quiet) * m) + ' ' + num(size - (y + quiet + 1) * m) + ' ' + num((run - x) * m) + ' ' +
                    num(m) + " re\n";
            x = run;
        }
    }
    return path + "f\n";
}

namespace {

constexpr double kPad = 2;

// What the band draws at its left and right edges, and the room left for the text.
struct BandEdges {
    std::string content, resources;
    double textX = kPad, textRight = 0;
};

BandEdges drawEdges(const NoticeStyle& style, double w, double h, NewObjects& objs)
{
    BandEdges e;
    e.textRight = w - kPad;
    if (!style.logoPath.empty()) {
        const ImageObject logo = emitImageFile(style.logoPath, kLogoPixels, objs);
        double s = std::min((h - 2 * kPad) / logo.height, (h - 2 * kPad) / logo.width);
        double iw = logo.width * s, ih = logo.height * s;
        e.content += drawImage("Logo", iw, ih, kPad, (h - ih) / 2);
        e.resources += " /XObject << /Logo " + ref(logo.obj) + " >>";
        e.textX = kPad + iw + 6;
    }
    if (!style.qrText.empty()) {
        double qs = h - 2 * kPad;
        e.content += drawQr(style.qrText, qs, w - kPad - qs, kPad);
        e.textRight = w - kPad - qs - 6;
    }
    return e;
}

// The paragraphs wrapped to the width, at the style's size or smaller (not
// below 5 pt) until they fit the height.
struct WrappedText {
    std::vector<std::string> lines;
    double size;
};

WrappedText wrapToFit(EmbeddedFont& font, const NoticeStyle& style, double width, double height)
{
    WrappedText t{{}, style.fontSize};
    for (;;) {
        t.lines.clear();
        for (const std::string& p : style.paragraphs)
            for (auto& l : wrap(font, p, width, t.size))
                t.lines.push_back(l);
        double blockH = t.size * (font.ascent() - font.descent()) / 1000 + kLeading * t.size * (t.lines.size() - 1);
        if (blockH <= height || t.size <= kMinFont)
            break;
        t.size = std::max(kMinFont, t.size - 0.25);
    }
    return t;
}

std::vector<ShapedText> shapeAll(EmbeddedFont& font, const std::vector<std::string>& lines)
{
    std::vector<ShapedText> shaped;
    for (const auto& l : lines) {
        shaped.push_back(font.shape(l));
        if (!shaped.back().missing().empty())
            fail(Code::FontMissing, "The notice font cannot draw every character of the notice text.",
                 "Fon keterangan tidak dapat menampilkan semua karakter teks keterangan.");
    }
    return shaped;
}

// The lines as one vertically centred block.
std::string textBlock(const EmbeddedFont& font, const std::vector<ShapedText>& lines, double x, double size, double h)
{
    const double ascent = font.ascent() / 1000 * size;
    const double blockH = ascent - font.descent() / 1000 * size + kLeading * size * (lines.size() - 1);
    const double baseline = (h + blockH) / 2 - ascent;
    return "0.15 g BT /F1 " + num(size) + " Tf\n" + showLines(font, lines, x, baseline, kLeading * size, EmptyLines::Show)
        + "ET\n";
}

// A hairline above the band separates it from the page's own content.
std::string hairline(double w, double h)
{
    return "q 0.4 w 0.6 G 0 " + num(h - 0.2) + " m " + num(w) + ' ' + num(h - 0.2) + " l S Q\n";
}

} // namespace

int renderNotice(const NoticeStyle& style, double w, double h, NewObjects& objs)
{
    if (w <= 0 || h <= 0)
        fail(Code::Usage, "The notice band does not fit on the page.", "Pita keterangan tidak muat di halaman.");
    const BandEdges edges = drawEdges(style, w, h, objs);

    EmbeddedFont font(findFontFile(style.fontFamily));
    const WrappedText text = wrapToFit(font, style, edges.textRight - edges.textX, h - 2 * kPad);
    const std::vector<ShapedText> shaped = shapeAll(font, text.lines);
    const std::string resources = edges.resources + " /Font << /F1 " + ref(font.emit(objs)) + " >>";
    const std::string content = edges.content + textBlock(font, shaped, edges.textX, text.size, h) + hairline(w, h);
    return objs.add(formXObject(w, h, resources, content));
}

} // namespace bsre::pdf
