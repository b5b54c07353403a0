// Internal to core/: the page layout the product's PDF reports share (the
// yearly usage report, the verification report): a cursor that moves down
// A4 pages, headings, and text fitted to a column.
#pragma once

#include "pdf/document.hpp"

#include <string>

namespace bsre::report {

constexpr double kLeft = 50, kRight = 545, kTop = 790, kBottom = 60;

// Where the next line goes; a new page when this one is full.
struct Cursor {
    pdf::TextDocument& doc;
    int page;
    double y = kTop;
    void need(double h);
};

// Text in a column of `width`: shrunk down to 6 pt, then cut with an ellipsis.
void fitted(Cursor& c, double x, double width, double size, std::string text);
// A heading with a rule under it, on a new page when fewer than 40 pt are left.
void heading(Cursor& c, const std::string& text);
// Text that wraps at spaces within the column [x, kRight]; moves the cursor
// down one `step` per line.
void wrapped(Cursor& c, double x, double size, double step, const std::string& text);

} // namespace bsre::report
