#include "pdf/notice.hpp"

#include "common/error.hpp"
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
        if (!line.empty() && font.shape(candidate).width(size) > width) {
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

int renderNotice(const NoticeStyle& style, double w, double h, NewObjects& objs)
{
    if (w <= 0 || h <= 0)
        fail(Code::Usage, "The notice band does not fit on the page.", "Pita keterangan tidak muat di halaman.");
    const double pad = 2;
    std::string content, resources;

    double textX = pad;
    if (!style.logoPath.empty()) {
        int pw = 0, ph = 0;
        const int obj = emitPngFile(style.logoPath, kLogoPixels, objs, &pw, &ph);
        double s = std::min((h - 2 * pad) / ph, (h - 2 * pad) / pw);
        double iw = pw * s, ih = ph * s;
        content += "q " + num(iw) + " 0 0 " + num(ih) + ' ' + num(pad) + ' ' + num((h - ih) / 2) + " cm /Logo Do Q\n";
        resources += " /XObject << /Logo " + ref(obj) + " >>";
        textX = pad + iw + 6;
    }
    double textRight = w - pad;
    if (!style.qrText.empty()) {
        double qs = h - 2 * pad;
        content += "q 0 g 1 0 0 1 " + num(w - pad - qs) + ' ' + num(pad) + " cm\n" + qrPath(style.qrText, qs) + "Q\n";
        textRight = w - pad - qs - 6;
    }

    EmbeddedFont font(findFontFile(style.fontFamily));
    const double textW = textRight - textX;
    double size = style.fontSize;
    std::vector<std::string> lines;
    for (;;) {
        lines.clear();
        for (const std::string& p : style.paragraphs)
            for (auto& l : wrap(font, p, textW, size))
                lines.push_back(l);
        double blockH = size * (font.ascent() - font.descent()) / 1000 + kLeading * size * (lines.size() - 1);
        if (blockH <= h - 2 * pad || size <= kMinFont)
            break;
        size = std::max(kMinFont, size - 0.25);
    }
    std::vector<ShapedText> shaped;
    for (const auto& l : lines) {
        shaped.push_back(font.shape(l));
        if (!shaped.back().missing().empty())
            fail(Code::FontMissing, "The notice font cannot draw every character of the notice text.",
                 "Fon keterangan tidak dapat menampilkan semua karakter teks keterangan.");
    }
    const int fontObj = font.emit(objs);
    resources += " /Font << /F1 " + ref(fontObj) + " >>";

    // Vertically centred block.
    const double ascent = font.ascent() / 1000 * size;
    const double blockH = ascent - font.descent() / 1000 * size + kLeading * size * (lines.size() - 1);
    double baseline = (h + blockH) / 2 - ascent;
    content += "0.15 g BT /F1 " + num(size) + " Tf\n";
    double penX = 0, penY = 0;
    for (const auto& s : shaped) {
        content += num(textX - penX) + ' ' + num(baseline - penY) + " Td " + font.showText(s) + '\n';
        penX = textX;
        penY = baseline;
        baseline -= kLeading * size;
    }
    content += "ET\n";
    // A hairline above the band separates it from the page's own content.
    content += "q 0.4 w 0.6 G 0 " + num(h - 0.2) + " m " + num(w) + ' ' + num(h - 0.2) + " l S Q\n";

    return objs.add(streamObject("/Type /XObject /Subtype /Form /BBox [0 0 " + num(w) + ' ' + num(h) +
                                     "] /Resources <<" + resources + " >>",
                                 content, true));
}

} // namespace bsre::pdf
