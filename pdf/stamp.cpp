#include "pdf/stamp.hpp"

#include "common/error.hpp"

#include <cmath>
#include <map>

namespace bsre::pdf {

namespace {

struct BandPlan {
    int index;    // 0-based page
    double scale; // 1: content untouched
    Rect band;
};

std::vector<int> chosenPages(NoticePages which, int n)
{
    if (which == NoticePages::First)
        return {0};
    if (which == NoticePages::Last)
        return {n - 1};
    std::vector<int> all;
    for (int i = 0; i < n; ++i)
        all.push_back(i);
    return all;
}

[[noreturn]] void noRoom(const std::string& pages, bool scalingAllowed)
{
    fail(Code::NoRoomForNotice,
         "The content of page(s) " + pages + " reaches into the bottom band where the BSrE notice goes" +
             (scalingAllowed ? " and cannot be shrunk enough (at most 10%)" : " and scaling is not allowed") +
             "; nothing was written. Enlarge the bottom margin and export again.",
         "Isi halaman " + pages + " mencapai pita bawah tempat keterangan BSrE" +
             (scalingAllowed ? " dan tidak dapat diperkecil cukup (paling banyak 10%)"
                             : " dan penskalaan tidak diizinkan") +
             "; tidak ada yang ditulis. Perbesar margin bawah lalu ekspor ulang.");
}

std::vector<BandPlan> planBands(const NoticeRequest& nr, const Reader& reader)
{
    const DocumentModel& m = reader.model();
    const NoticeStyle& st = nr.style;
    std::vector<BandPlan> plans;
    std::string tooFull;
    const std::vector<int> pages = chosenPages(nr.pages, static_cast<int>(m.pages.size()));
    const std::vector<std::optional<Rect>> content = reader.contentBoxes(pages);
    for (size_t k = 0; k < pages.size(); ++k) {
        const int i = pages[k];
        const Rect& box = m.pages[i].cropBox;
        Rect band{box.x1 + st.side, box.y1 + st.bottom, box.x2 - st.side, box.y1 + st.bottom + st.height};
        const double top = band.y2 + st.gap;
        double scale = 1;
        if (const auto& cb = content[k]; cb && cb->y1 < top - 0.01) {
            // Rounded down to the 4 decimals num() writes, so the matrix and its
            // translation (computed from this value) agree; a thousandth of a
            // point spare for the translation's own rounding: never into the band.
            double s = std::floor((box.y2 - top - 0.001) / (box.y2 - cb->y1) * 1e4) / 1e4;
            if (!nr.allowScaling || s < 1 - nr.maxShrink - 1e-9)
                tooFull += (tooFull.empty() ? "" : ", ") + std::to_string(i + 1);
            else
                scale = s;
        }
        plans.push_back({i, scale, band});
    }
    if (!tooFull.empty())
        noRoom(tooFull, nr.allowScaling);
    return plans;
}

std::string appendToDict(const std::string& dictSyntax, const std::string& entry)
{
    size_t close = dictSyntax.rfind(">>");
    if (close == std::string::npos)
        return "<<" + entry + ">>";
    return dictSyntax.substr(0, close) + " " + entry + dictSyntax.substr(close);
}

// The page's content wrapped in q … Q, followed by the band.
void wrapContents(const Reader& reader, DictSnapshot& page, ObjRef pageRef, int preNum, int postNum)
{
    ObjRef where;
    std::vector<std::string> items = reader.arrayValue(pageRef, "Contents", where);
    if (items.empty())
        if (const std::string* c = page.get("Contents"))
            items.push_back(*c);
    std::string contents = "[" + ref(preNum);
    for (const std::string& it : items)
        contents += " " + it;
    page.set("Contents", contents + " " + ref(postNum) + "]");
}

// The page's resources, inline, with /BsreNotice among its XObjects.
void addBandResource(const Reader& reader, DictSnapshot& page, int pageIndex, int form)
{
    DictSnapshot res = reader.pageResources(pageIndex);
    const std::string entry = "/BsreNotice " + ref(form);
    const std::string* xo = res.get("XObject");
    if (xo && parseRef(*xo).valid())
        res.set("XObject", appendToDict(reader.dict(parseRef(*xo)).serialize(), entry));
    else if (xo)
        res.set("XObject", appendToDict(*xo, entry));
    else
        res.set("XObject", "<<" + entry + ">>");
    page.set("Resources", res.serialize());
}

// The scaling matrix (about the top centre) before the content, the band after it.
std::pair<int, int> wrapperStreams(const BandPlan& p, const Rect& box, int form, NewObjects& objs)
{
    std::string pre = "q\n";
    if (p.scale < 1) {
        const double cx = (box.x1 + box.x2) / 2;
        pre += num(p.scale) + " 0 0 " + num(p.scale) + " " + num(cx * (1 - p.scale)) + " " +
               num(box.y2 * (1 - p.scale)) + " cm\n";
    }
    const std::string post = "\nQ\nq 1 0 0 1 " + num(p.band.x1) + " " + num(p.band.y1) + " cm /BsreNotice Do Q\n";
    // Pages of one size share these two small streams.
    const int preNum = objs.memo("pre:" + pre, [&] { return objs.add(streamObject("", pre, false)); });
    const int postNum =
        objs.memo("post:" + post + std::to_string(form), [&] { return objs.add(streamObject("", post, false)); });
    return {preNum, postNum};
}

} // namespace

std::vector<int> pagesReachingBand(const NoticeRequest& nr, const Reader& reader)
{
    const DocumentModel& m = reader.model();
    std::vector<int> out;
    const std::vector<int> pages = chosenPages(nr.pages, static_cast<int>(m.pages.size()));
    const std::vector<std::optional<Rect>> content = reader.contentBoxes(pages);
    for (size_t k = 0; k < pages.size(); ++k) {
        const Rect& box = m.pages[pages[k]].cropBox;
        const double top = box.y1 + nr.style.bottom + nr.style.height + nr.style.gap;
        if (const auto& cb = content[k]; cb && cb->y1 < top - 0.01)
            out.push_back(pages[k] + 1);
    }
    return out;
}

NoticeStamp stampNotice(const NoticeRequest& nr, const Reader& reader, FormEditor& form, NewObjects& objs)
{
    const DocumentModel& m = reader.model();
    NoticeStamp out;
    std::map<long long, int> formForWidth; // pages of one width share one band
    for (const BandPlan& p : planBands(nr, reader)) {
        const double w = p.band.width(), h = p.band.height();
        const long long key = static_cast<long long>(w * 100);
        if (!formForWidth.count(key))
            formForWidth[key] = renderNotice(nr.style, w, h, objs);
        const int band = formForWidth[key];
        const auto [preNum, postNum] = wrapperStreams(p, m.pages[p.index].cropBox, band, objs);
        if (p.scale < 1)
            out.scaledPages.push_back(p.index + 1);
        const ObjRef pageRef = m.pages[p.index].ref;
        DictSnapshot& page = form.page(pageRef);
        wrapContents(reader, page, pageRef, preNum, postNum);
        addBandResource(reader, page, p.index, band);
        out.stampedPages.push_back(p.index + 1);
    }
    return out;
}

} // namespace bsre::pdf
