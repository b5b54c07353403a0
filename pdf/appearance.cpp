#include "pdf/appearance.hpp"

#include "common/error.hpp"
#include "pdf/font.hpp"
#include "pdf/image.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

namespace bsre::pdf {

namespace {

constexpr double kMinFontSize = 4;
constexpr double kLeading = 1.2;
constexpr double kImageShare = 0.35;
constexpr double kBorderWidth = 0.5;

std::string codePointLabel(char32_t cp)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

// Line breaks and tabs inside a line would only show as .notdef boxes.
std::string flattenControls(const std::string& line)
{
    std::string out = line;
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    return out;
}

std::string rect(double x, double y, double w, double h)
{
    return num(x) + ' ' + num(y) + ' ' + num(w) + ' ' + num(h) + " re";
}

} // namespace

int renderAppearance(const AppearanceStyle& style, double w, double h, NewObjects& objs)
{
    if (!std::isfinite(w) || !std::isfinite(h) || w <= 0 || h <= 0)
        fail(Code::Usage, "The signature box must have a positive width and height.",
             "Kotak tanda tangan harus memiliki lebar dan tinggi yang positif.");
    if (!std::isfinite(style.fontSize) || style.fontSize < 0)
        fail(Code::Usage, "The font size must be a positive number, or 0 to fit the box.",
             "Ukuran fon harus berupa angka positif, atau 0 agar menyesuaikan kotak.");

    const double pad = std::min(3.0, std::min(w, h) * 0.06);

    // Shape first: the font subset (and so the CIDs) is only known once every
    // line has been shaped; content is written after the font objects.
    std::vector<std::string> lines;
    for (const auto& line : style.lines)
        lines.push_back(flattenControls(line));
    const bool hasText = std::any_of(lines.begin(), lines.end(), [](const auto& l) {
        return l.find_first_not_of(' ') != std::string::npos;
    });
    std::optional<EmbeddedFont> font;
    std::vector<ShapedText> shaped;
    if (hasText) {
        font.emplace(findFontFile(style.fontFamily));
        for (const auto& line : lines) {
            shaped.push_back(font->shape(line));
            // A signer's name with silently dropped letters would misstate who signed.
            if (!shaped.back().missing().empty()) {
                std::string cp = codePointLabel(shaped.back().missing().front());
                fail(Code::FontMissing,
                     "The font \"" + style.fontFamily + "\" has no glyph for character " + cp + " in \"" + line
                         + "\". Choose a font that covers this text.",
                     "Fon \"" + style.fontFamily + "\" tidak memiliki glif untuk karakter " + cp + " pada \"" + line
                         + "\". Pilih fon yang mencakup teks ini.");
            }
        }
    }

    int imageObj = 0;
    double imgW = 0, imgH = 0, imgX = pad;
    if (!style.imagePath.empty()) {
        // Shared with the notice band when it shows the same logo.
        int pw = 0, ph = 0;
        imageObj = emitPngFile(style.imagePath, kLogoPixels, objs, &pw, &ph);
        double maxW = hasText ? w * kImageShare - pad : w - 2 * pad;
        double maxH = h - 2 * pad;
        double scale = std::min(maxW / pw, maxH / ph);
        if (scale > 0) {
            imgW = pw * scale;
            imgH = ph * scale;
            if (!hasText)
                imgX = (w - imgW) / 2;
        }
    }

    std::string content;
    std::string fontResource, imageResource;
    if (style.border) {
        // Stroked inside the box so the frame is not cut by the BBox clip.
        content += "q " + num(kBorderWidth) + " w 0.5 G "
            + rect(kBorderWidth / 2, kBorderWidth / 2, w - kBorderWidth, h - kBorderWidth) + " S Q\n";
    }

    if (imageObj && imgW > 0 && imgH > 0) {
        content += "q " + num(imgW) + " 0 0 " + num(imgH) + ' ' + num(imgX) + ' ' + num((h - imgH) / 2)
            + " cm /Im1 Do Q\n";
        imageResource = " /XObject << /Im1 " + ref(imageObj) + " >>";
    }

    if (font) {
        const double textX = imgW > 0 ? 2 * pad + imgW : pad;
        const double textW = w - pad - textX;
        const double textH = h - 2 * pad;
        const double top = h - pad;
        const double ascent = font->ascent() / 1000;
        const double descent = font->descent() / 1000;
        // Height of the block per point of font size: first line's ascent to
        // last line's descent.
        const double heightPerPt = ascent - descent + kLeading * static_cast<double>(lines.size() - 1);
        double longestPerPt = 0;
        for (const auto& s : shaped)
            longestPerPt = std::max(longestPerPt, s.width(1));

        double size = style.fontSize;
        if (size == 0) {
            size = heightPerPt > 0 ? textH / heightPerPt : kMinFontSize;
            if (longestPerPt > 0)
                size = std::min(size, textW / longestPerPt);
            size = std::max(size, kMinFontSize);
        }
        const double slack = 1e-6;
        const bool overflow = textW <= 0 || longestPerPt * size > textW + slack || heightPerPt * size > textH + slack;

        int fontObj = font->emit(objs);
        fontResource = " /Font << /F1 " + ref(fontObj) + " >>";

        if (overflow)
            content += "q " + rect(textX, pad, std::max(0.0, textW), std::max(0.0, textH)) + " W n\n";
        content += "0 g BT /F1 " + num(size) + " Tf\n";
        // Td is relative to the previous line's start; empty lines only move.
        double penX = 0, penY = 0;
        double baseline = top - ascent * size;
        for (const auto& s : shaped) {
            if (!s.empty()) {
                content += num(textX - penX) + ' ' + num(baseline - penY) + " Td " + font->showText(s) + '\n';
                penX = textX;
                penY = baseline;
            }
            baseline -= kLeading * size;
        }
        content += "ET\n";
        if (overflow)
            content += "Q\n";
    }

    return objs.add(streamObject("/Type /XObject /Subtype /Form /BBox [0 0 " + num(w) + ' ' + num(h)
                                     + "] /Resources <<" + fontResource + imageResource + " >>",
                                 content, true));
}

} // namespace bsre::pdf
