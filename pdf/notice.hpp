// The required notice band: logo, the notice text, an optional QR code. What
// to draw (NoticeStyle) is apart from how (renderNotice), as for appearances.
#pragma once

#include "pdf/syntax.hpp"

#include <string>
#include <vector>

namespace bsre::pdf {

struct NoticeStyle {
    std::vector<std::string> paragraphs;  // UTF-8; each is word-wrapped to the band
    std::string logoPath;                 // PNG; empty = no logo
    std::string qrText;                   // empty = no QR code
    std::string fontFamily = "Liberation Sans";
    double fontSize = 7;                  // shrinks (to 5 pt) when the text needs it
    double height = 40;                   // band height, points
    double bottom = 10;                   // from the page's lower edge, points
    double side = 36;                     // left and right margins, points
    double gap = 4;                       // clear space kept above the band, points
};

enum class NoticePages { All, First, Last };

// Form XObject of w x h points; returns its object number.
int renderNotice(const NoticeStyle& style, double w, double h, NewObjects& objs);

} // namespace bsre::pdf
