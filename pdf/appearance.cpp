#include "pdf/appearance.hpp"

#include "common/error.hpp"
#include "pdf/draw.hpp"
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
constexpr int kSpecimenPixels = 1600;
constexpr double kQrShare = 0.4;
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

void requireDrawable(const AppearanceStyle& style, double w, double h)
{
    if (!std::isfinite(w) || !std::isfinite(h) || w <= 0 || h <= 0)
        fail(Code::Usage, "The signature box must have a positive width and height.",
             "Kotak tanda tangan harus memiliki lebar dan tinggi yang positif.");
    if (!std::isfinite(style.fontSize) || style.fontSize < 0)
        fail(Code::Usage, "The font size must be a positive number, or 0 to fit the box.",
             "Ukuran fon harus berupa angka positif, atau 0 agar menyesuaikan kotak.");
}

// The style's lines shaped with its font; no font at all when there is no text.
struct ShapedLines {
    std::optional<EmbeddedFont> font;
    std::vector<std::string> texts; // the lines as drawn (wrapped when they had to be)
    std::vector<ShapedText> lines;
};

// Shape first: the font subset (and so the CIDs) is only known once every
// line has been shaped; content is written after the font objects.
ShapedLines shapeLines(const AppearanceStyle& style)
{
    std::vector<std::string> lines;
    for (const auto& line : style.lines)
        lines.push_back(flattenControls(line));
    ShapedLines out;
    if (std::none_of(lines.begin(), lines.end(), [](const auto& l) { return l.find_first_not_of(' ') != std::string::npos; }))
        return out;
    out.font.emplace(findFontFile(style.fontFamily));
    out.texts = lines;
    for (const auto& line : lines) {
        out.lines.push_back(out.font->shape(line));
        // A signer's name with silently dropped letters would misstate who signed.
        if (!out.lines.back().missing().empty()) {
            std::string cp = codePointLabel(out.lines.back().missing().front());
            fail(Code::FontMissing,
                 "The font \"" + style.fontFamily + "\" has no glyph for character " + cp + " in \"" + line
                     + "\". Choose a font that covers this text.",
                 "Fon \"" + style.fontFamily + "\" tidak memiliki glif untuk karakter " + cp + " pada \"" + line
                     + "\". Pilih fon yang mencakup teks ini.");
        }
    }
    return out;
}

// Where the image goes: at the left, or centred in the whole box when there
// is no text; zero size when there is no image or no room for it.
struct ImageBox {
    int obj = 0;
    double x = 0, w = 0, h = 0;
    bool drawn() const { return obj && w > 0 && h > 0; }
};

ImageBox placeImage(const std::string& path, double w, double h, double pad, bool hasText, NewObjects& objs)
{
    ImageBox box{0, pad, 0, 0};
    if (path.empty())
        return box;
    // Shared with the notice band when it shows the same logo.
    // An image alone is the whole block (a specimen image): kept sharp.
    const ImageObject image = emitImageFile(path, hasText ? kLogoPixels : kSpecimenPixels, objs);
    box.obj = image.obj;
    double maxW = hasText ? w * kImageShare - pad : w - 2 * pad;
    double maxH = h - 2 * pad;
    double scale = std::min(maxW / image.width, maxH / image.height);
    if (scale > 0) {
        box.w = image.width * scale;
        box.h = image.height * scale;
        if (!hasText)
            box.x = (w - box.w) / 2;
    }
    return box;
}

// What is drawn at the left: the QR code (a square as tall as the box
// allows) or the image; its box gives the text its room.
struct LeftPart {
    ImageBox box;
    std::string content, resources;
};

LeftPart leftPart(const AppearanceStyle& style, double w, double h, double pad, bool hasText, NewObjects& objs)
{
    LeftPart left;
    if (!style.qrText.empty()) {
        const double side = std::min(h - 2 * pad, hasText ? w * kQrShare : w - 2 * pad);
        left.box = {0, hasText ? pad : (w - side) / 2, side, side};
        left.content = drawQr(style.qrText, side, left.box.x, (h - side) / 2);
        return left;
    }
    left.box = placeImage(style.imagePath, w, h, pad, hasText, objs);
    if (left.box.drawn()) {
        left.content = drawImage("Im1", left.box.w, left.box.h, left.box.x, (h - left.box.h) / 2);
        left.resources = " /XObject << /Im1 " + ref(left.box.obj) + " >>";
    }
    return left;
}

// The room for the text, right of the image.
struct TextBox {
    double x, w, h, top;
};

// The text keeps clear of the frame by kTextMargin more than the image does
// (glyph ink may reach past its advance; a line touching the frame reads as cut).
constexpr double kTextMargin = 2;

TextBox textBox(const ImageBox& image, double w, double h, double pad)
{
    const double x = image.w > 0 ? 2 * pad + image.w : pad + kTextMargin;
    return {x, w - pad - kTextMargin - x, h - 2 * pad, h - pad};
}

// The font size (the style's, or the largest that fits, at least 4 pt) and
// whether the text must be clipped to its box.
struct TextFit {
    double size;
    bool overflow;
};

// `widths`: each line's width at 1 pt.
TextFit fitText(double styleSize, const EmbeddedFont& font, const std::vector<double>& widths, const TextBox& box)
{
    // Height of the block per point of font size: first line's ascent to
    // last line's descent.
    const double heightPerPt = font.ascent() / 1000 - font.descent() / 1000
        + kLeading * static_cast<double>(widths.size() - 1);
    double longestPerPt = 0;
    for (double w : widths)
        longestPerPt = std::max(longestPerPt, w);

    double size = styleSize;
    if (size == 0) {
        size = heightPerPt > 0 ? box.h / heightPerPt : kMinFontSize;
        if (longestPerPt > 0)
            size = std::min(size, box.w / longestPerPt);
        size = std::max(size, kMinFontSize);
    }
    const double slack = 1e-6;
    return {size, box.w <= 0 || longestPerPt * size > box.w + slack || heightPerPt * size > box.h + slack};
}

// Below this size a line is wrapped at its spaces rather than shrunk further.
constexpr double kWrapBelow = 7;

// `text` broken at spaces into lines no wider than `width` at `size`; a word
// wider than the line stays whole on a line of its own (never cut).
std::vector<std::string> wrapped(EmbeddedFont& font, const std::string& text, double size, double width)
{
    std::vector<std::string> out;
    std::string line;
    size_t at = 0;
    while (at <= text.size()) {
        size_t end = text.find(' ', at);
        if (end == std::string::npos)
            end = text.size();
        const std::string word = text.substr(at, end - at);
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && font.measure(candidate, size) > width) {
            out.push_back(line);
            line = word;
        } else {
            line = candidate;
        }
        at = end + 1;
    }
    out.push_back(line);
    return out;
}

// When the one-line fit is too small to read, the largest size at which the
// wrapped lines fit the box (if any is larger); the lines are reshaped.
TextFit wrapToFit(ShapedLines& text, const TextBox& box, TextFit fit)
{
    if (fit.size >= kWrapBelow || box.w <= 0)
        return fit;
    // Text that overflows at the floor is tried wrapped at the floor too.
    for (double size = 10; fit.overflow ? size >= fit.size : size > fit.size; size -= 0.5) {
        std::vector<std::string> lines;
        for (const std::string& t : text.texts)
            for (std::string& l : wrapped(*text.font, t, size, box.w))
                lines.push_back(std::move(l));
        // Measured, not shaped: only the lines drawn go into the subset.
        std::vector<double> widths;
        for (const std::string& l : lines)
            widths.push_back(text.font->measure(l, 1));
        const TextFit f = fitText(size, *text.font, widths, box);
        if (!f.overflow) {
            text.lines.clear();
            for (const std::string& l : lines)
                text.lines.push_back(text.font->shape(l));
            text.texts = std::move(lines);
            return f;
        }
    }
    return fit;
}

// The text lines top-aligned (or centred) in their box, clipped to it when they overflow.
std::string textBlock(const EmbeddedFont& font, const std::vector<ShapedText>& lines, const TextBox& box,
                      const TextFit& fit, double pad, bool centre)
{
    std::string content;
    if (fit.overflow)
        content += "q " + rect(box.x, pad, std::max(0.0, box.w), std::max(0.0, box.h)) + " W n\n";
    content += "0 g BT /F1 " + num(fit.size) + " Tf\n";
    const double blockH = (font.ascent() - font.descent()) / 1000 * fit.size
        + kLeading * fit.size * static_cast<double>(lines.size() - 1);
    const double top = centre && !fit.overflow ? box.top - (box.h - blockH) / 2 : box.top;
    const double baseline = top - font.ascent() / 1000 * fit.size;
    content += showLines(font, lines, box.x, baseline, kLeading * fit.size, EmptyLines::Skip);
    content += "ET\n";
    if (fit.overflow)
        content += "Q\n";
    return content;
}

// Stroked inside the box so the frame is not cut by the BBox clip.
std::string border(double w, double h)
{
    return "q " + num(kBorderWidth) + " w 0.5 G "
        + rect(kBorderWidth / 2, kBorderWidth / 2, w - kBorderWidth, h - kBorderWidth) + " S Q\n";
}

[[noreturn]] void refuseOverflow(double w, double h)
{
    const std::string box = num(w) + " x " + num(h) + " pt";
    fail(Code::Usage,
         "The signature box (" + box + ") is too small for its text, even at 4 pt with the lines wrapped: make the "
             "box larger or the title shorter.",
         "Kotak tanda tangan (" + box + ") terlalu kecil untuk teksnya, meskipun dengan fon 4 pt dan teks dipecah "
             "ke beberapa baris: perbesar kotak atau persingkat jabatan.");
}

} // namespace

int renderAppearance(const AppearanceStyle& style, double w, double h, NewObjects& objs)
{
    requireDrawable(style, w, h);
    const double pad = std::min(3.0, std::min(w, h) * 0.06);
    ShapedLines text = shapeLines(style);
    const LeftPart left = leftPart(style, w, h, pad, text.font.has_value(), objs);

    std::string content = (style.border ? border(w, h) : "") + left.content;
    std::string fontResource;
    if (text.font) {
        const TextBox box = textBox(left.box, w, h, pad);
        std::vector<double> widths;
        for (const ShapedText& l : text.lines)
            widths.push_back(l.width(1));
        TextFit fit = fitText(style.fontSize, *text.font, widths, box);
        if (style.fontSize == 0)
            fit = wrapToFit(text, box, fit);
        if (fit.overflow && !style.clipOverflow)
            refuseOverflow(w, h);
        fontResource = " /Font << /F1 " + ref(text.font->emit(objs)) + " >>";
        content += textBlock(*text.font, text.lines, box, fit, pad, style.centreText);
    }
    return objs.add(formXObject(w, h, fontResource + left.resources, content));
}

} // namespace bsre::pdf
