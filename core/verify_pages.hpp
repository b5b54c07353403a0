// Where a later revision changed what a page shows: the page as signed and
// the page now, both rendered, and the regions where their pixels differ.
// For the verification report (an officer sees the change, not only reads it).
#pragma once

#include "core/verify.hpp"
#include "pdf/image.hpp"

#include <string>
#include <vector>

namespace bsre {

struct PixelBox {
    int x = 0, y = 0, w = 0, h = 0; // in the pixels of `now`, rows from the top
};

struct PageComparison {
    int signature = 0;       // index into VerifyReport::signatures
    int page = 0;            // 0-based
    pdf::RasterImage signedPage, now; // an empty image: the page did not exist then (or does not now)
    double signedWidth = 0, signedHeight = 0, nowWidth = 0, nowHeight = 0; // points
    bool geometryChanged = false; // the page's size changed: the whole page counts as changed
    std::vector<PixelBox> regions;
};

// For each signature whose later revisions made a change it does not allow,
// each page (up to `maxPages` per signature) that looks different now from
// how it looked in the signed revision. `bytes` is the whole file.
std::vector<PageComparison> comparePages(const std::string& bytes, const VerifyReport& report, int maxPages = 12);

// The regions where two renders of one size differ, as boxes of whole
// `cell`-pixel squares, neighbouring cells joined (exposed for tests).
std::vector<PixelBox> differingRegions(const pdf::RasterImage& a, const pdf::RasterImage& b, int cell = 8);

} // namespace bsre
