// Visible signature appearance: what to draw (style) apart from how it is
// drawn into a Form XObject.
#pragma once

#include "pdf/syntax.hpp"

#include <string>
#include <vector>

namespace bsre::pdf {

struct AppearanceStyle {
    std::vector<std::string> lines;       // UTF-8 text lines, first is the signer's name
    std::string imagePath;                // optional PNG shown at the left
    std::string fontFamily = "Liberation Sans";
    double fontSize = 0;                  // 0 = fit automatically to the box
    bool border = true;                   // thin grey frame
};

// Renders into a Form XObject of w x h points (fonts and image objects
// included) and returns its object number. Layout: the image at the left,
// aspect kept, at most 35% of the width (centred in the whole box if there
// is no text);
// text lines top-aligned on the right, leading 1.2, sized so the longest line
// fits the width and all lines the height (at least 4 pt; clipped beyond).
// Throws Error with Code::Usage (bad size), FontMissing (no font, or a
// character the font cannot draw) or ImageInvalid.
int renderAppearance(const AppearanceStyle& style, double w, double h, NewObjects& objs);

} // namespace bsre::pdf
