// Internal to pdf/: what the appearance (appearance.cpp) and the notice band
// (notice.cpp) draw alike, as content-stream pieces.
#pragma once

#include "pdf/font.hpp"
#include "pdf/syntax.hpp"

#include <string>
#include <vector>

namespace bsre::pdf {

// An image XObject with its size in pixels.
struct ImageObject {
    int obj = 0;
    int width = 0;
    int height = 0;
};

// emitPngFile as a value (defined in image.cpp): one object per (path, size) in an update.
ImageObject emitImageFile(const std::string& path, int maxSide, NewObjects& objs);

// The XObject `resource` drawn w x h points at (x, y).
inline std::string drawImage(const std::string& resource, double w, double h, double x, double y)
{
    return "q " + num(w) + " 0 0 " + num(h) + ' ' + num(x) + ' ' + num(y) + " cm /" + resource + " Do Q\n";
}

// QR modules as filled rectangles (a vector drawing) in a square of `size`
// points, a light margin of two modules included (defined in notice.cpp).
// Usage error when the text is too long to encode.
std::string qrPath(const std::string& text, double size);

// The QR code of `text`, black, in a size x size square at (x, y).
inline std::string drawQr(const std::string& text, double size, double x, double y)
{
    return "q 0 g 1 0 0 1 " + num(x) + ' ' + num(y) + " cm\n" + qrPath(text, size) + "Q\n";
}

enum class EmptyLines { Skip, Show };

// One "dx dy Td <glyphs> Tj" a line, from the first baseline down by `step`;
// Td is relative to the previous line's start (ISO 32000-1 9.4.2), so
// skipped empty lines only move the baseline.
inline std::string showLines(const EmbeddedFont& font, const std::vector<ShapedText>& lines, double x, double baseline,
                             double step, EmptyLines empty)
{
    std::string out;
    double penX = 0, penY = 0;
    for (const auto& s : lines) {
        if (empty == EmptyLines::Show || !s.empty()) {
            out += num(x - penX) + ' ' + num(baseline - penY) + " Td " + font.showText(s) + '\n';
            penX = x;
            penY = baseline;
        }
        baseline -= step;
    }
    return out;
}

// A Form XObject of w x h points; `resources` are the entries inside "<< >>".
inline std::string formXObject(double w, double h, const std::string& resources, const std::string& content)
{
    return streamObject("/Type /XObject /Subtype /Form /BBox [0 0 " + num(w) + ' ' + num(h) + "] /Resources <<"
                            + resources + " >>",
                        content, true);
}

} // namespace bsre::pdf
