// A new PDF of text, lines, boxes and images on a few pages, for the reports
// the product writes (the yearly usage report, the verification report). One embedded subset font, as
// in appearances: every text is shaped when it is added, the font is emitted
// once at the end, then the pages. Output is deterministic for the same calls.
#pragma once

#include "pdf/font.hpp"
#include "pdf/image.hpp"

#include <string>
#include <vector>

namespace bsre::pdf {

class TextDocument {
public:
    // Throws FontMissing when the family has no embeddable TrueType font.
    explicit TextDocument(const std::string& fontFamily = "Liberation Sans");
    ~TextDocument();
    TextDocument(const TextDocument&) = delete;
    TextDocument& operator=(const TextDocument&) = delete;

    // A4 portrait by default; returns the page's index.
    int addPage(double width = 595.28, double height = 841.89);
    // Text with its baseline starting at (x, y) (ending there when
    // `alignRight`); returns its width in points.
    double text(int page, double x, double y, double size, const std::string& utf8, bool alignRight = false);
    double width(const std::string& utf8, double size);
    // A filled rectangle, gray 0 (black) to 1 (white).
    void box(int page, double x, double y, double w, double h, double gray);
    void line(int page, double x1, double y1, double x2, double y2, double lineWidth = 0.5);
    // A rectangle's outline in an RGB colour (components 0 to 1).
    void frame(int page, double x, double y, double w, double h, double r, double g, double b, double lineWidth = 1);
    // A raster image drawn w x h points with its lower left corner at (x, y).
    void image(int page, double x, double y, double w, double h, RasterImage pixels);

    // The whole file (PDF 1.7, cross-reference table, /Info /Title and /ID
    // from `id`, which should identify the content, e.g. its hash).
    std::string finish(const std::string& title, const std::string& id);

private:
    struct Impl;
    Impl& self();
    std::unique_ptr<Impl> impl_;
};

} // namespace bsre::pdf
