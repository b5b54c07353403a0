// Visible signature appearance: what to draw (style) apart from how it is
// drawn into a Form XObject.
#pragma once

#include "pdf/syntax.hpp"

#include <string>
#include <vector>

namespace bsre::pdf {

struct AppearanceStyle {
    std::vector<std::string> lines;       // UTF-8 text lines, top to bottom
    std::string imagePath;                // optional PNG shown at the left
    std::string qrText;                   // a QR code at the left instead of the image (empty: none)
    std::string fontFamily = "Liberation Sans";
    double fontSize = 0;                  // 0 = fit automatically to the box
    bool border = true;                   // thin grey frame
    bool centreText = false;              // the text block centred vertically (else top-aligned)
    // Text that does not fit even wrapped at 4 pt: clipped to its box (true),
    // or refused (false: a specimen never shows a cut word).
    bool clipOverflow = true;
};

// Renders into a Form XObject of w x h points (fonts and image objects
// included) and returns its object number. Layout: the image at the left,
// aspect kept, at most 35% of the width (centred in the whole box if there
// is no text), or the QR code there, a square as tall as the box allows (at
// most 40% of the width);
// text lines on the right (top-aligned, or centred), leading 1.2, sized so the longest line
// fits the width and all lines the height; below 7 pt the lines are wrapped
// at spaces instead when that gives a larger size (at least 4 pt; clipped
// beyond, or refused without clipOverflow).
// Throws Error with Code::Usage (bad size, or text that does not fit without
// clipOverflow), FontMissing (no font, or a character the font cannot draw)
// or ImageInvalid.
int renderAppearance(const AppearanceStyle& style, double w, double h, NewObjects& objs);

// The same appearance as a PNG of w x h points at `dpi`, on white (for a
// signer that draws the image itself: BSrE's signing service). Throws as
// renderAppearance does.
std::string appearancePng(const AppearanceStyle& style, double w, double h, double dpi = 200);

} // namespace bsre::pdf
