#include "core/report_layout.hpp"

namespace bsre::report {

void Cursor::need(double h)
{
    if (y - h < kBottom) {
        page = doc.addPage();
        y = kTop;
    }
}

void fitted(Cursor& c, double x, double width, double size, std::string t)
{
    while (size > 6 && c.doc.width(t, size) > width)
        size -= 0.5;
    while (t.size() > 1 && c.doc.width(t, size) > width) {
        t.pop_back();
        while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80)
            t.pop_back(); // a whole UTF-8 sequence
        t += "…";
        if (c.doc.width(t, size) <= width)
            break;
        t.erase(t.size() - 3);
    }
    c.doc.text(c.page, x, c.y, size, t);
}

void heading(Cursor& c, const std::string& text)
{
    c.need(40);
    c.y -= 22;
    c.doc.text(c.page, kLeft, c.y, 11, text);
    c.y -= 4;
    c.doc.line(c.page, kLeft, c.y, kRight, c.y, 0.5);
    c.y -= 14;
}

void wrapped(Cursor& c, double x, double size, double step, const std::string& text)
{
    const double width = kRight - x;
    std::string line;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find(' ', pos);
        if (end == std::string::npos)
            end = text.size();
        const std::string word = text.substr(pos, end - pos);
        const std::string tried = line.empty() ? word : line + " " + word;
        if (!line.empty() && c.doc.width(tried, size) > width) {
            c.need(step);
            fitted(c, x, width, size, line);
            c.y -= step;
            line = word;
        } else {
            line = tried;
        }
        pos = end + 1;
    }
    if (!line.empty()) {
        c.need(step);
        fitted(c, x, width, size, line);
        c.y -= step;
    }
}

} // namespace bsre::report
