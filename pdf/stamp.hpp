// The notice band stamped onto pages, in the update of the first signature:
// each page's /Contents gets a "q" stream before and a "Q … Do" stream after
// the original ones, its resources the band's Form XObject.
#pragma once

#include "pdf/form.hpp"
#include "pdf/notice.hpp"

#include <vector>

namespace bsre::pdf {

struct NoticeRequest {
    NoticeStyle style;
    NoticePages pages = NoticePages::All;
    bool allowScaling = true;
    double maxShrink = 0.10; // content may be scaled down by at most 10%
};

struct NoticeStamp {
    std::vector<int> stampedPages; // 1-based
    std::vector<int> scaledPages;  // 1-based: content scaled down to make room
};

// Content reaching into the band is scaled down about the top centre of the
// page (at most maxShrink); otherwise NoRoomForNotice names the pages and
// nothing is stamped.
NoticeStamp stampNotice(const NoticeRequest& request, const Reader& reader, FormEditor& form, NewObjects& objs);

// The 1-based pages (of those the request names) whose content reaches into
// the band's room: an exported document that has none needs no working copy.
std::vector<int> pagesReachingBand(const NoticeRequest& request, const Reader& reader);

} // namespace bsre::pdf
