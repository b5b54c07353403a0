#include "core/verify_pages.hpp"

#include "common/error.hpp"
#include "pdf/reader.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>
#include <tuple>

namespace bsre {

namespace {

constexpr int kMaxSide = 900;       // pixels: enough to read a letter, small in the report
constexpr int kColourTolerance = 24; // per channel, for anti-aliased edges

bool cellDiffers(const pdf::RasterImage& a, const pdf::RasterImage& b, int cx, int cy, int cell)
{
    const int x1 = std::min(a.width, (cx + 1) * cell), y1 = std::min(a.height, (cy + 1) * cell);
    for (int y = cy * cell; y < y1; ++y)
        for (int x = cx * cell; x < x1; ++x) {
            const size_t at = (static_cast<size_t>(y) * static_cast<size_t>(a.width) + static_cast<size_t>(x)) * 3;
            for (size_t k = 0; k < 3; ++k)
                if (std::abs(static_cast<unsigned char>(a.rgb[at + k]) - static_cast<unsigned char>(b.rgb[at + k])) >
                    kColourTolerance)
                    return true;
        }
    return false;
}

// One connected group of differing cells (8-neighbours), as a box of cells.
PixelBox floodCells(std::vector<char>& marked, int cols, int rows, int start)
{
    int minX = start % cols, maxX = minX, minY = start / cols, maxY = minY;
    std::vector<int> todo{start};
    marked[static_cast<size_t>(start)] = 0;
    while (!todo.empty()) {
        const int at = todo.back();
        todo.pop_back();
        const int cx = at % cols, cy = at / cols;
        minX = std::min(minX, cx), maxX = std::max(maxX, cx), minY = std::min(minY, cy), maxY = std::max(maxY, cy);
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                const int nx = cx + dx, ny = cy + dy;
                if (nx < 0 || ny < 0 || nx >= cols || ny >= rows || !marked[static_cast<size_t>(ny * cols + nx)])
                    continue;
                marked[static_cast<size_t>(ny * cols + nx)] = 0;
                todo.push_back(ny * cols + nx);
            }
    }
    return {minX, minY, maxX - minX + 1, maxY - minY + 1};
}

// The page rendered so that both revisions share one scale.
double dpiFor(double widthPt, double heightPt)
{
    const double side = std::max({widthPt, heightPt, 1.0});
    return std::min(72.0, kMaxSide * 72.0 / side);
}

std::optional<PageComparison> comparePage(const pdf::Reader& before, const pdf::Reader& now, int page)
{
    PageComparison c;
    c.page = page;
    const bool was = page < static_cast<int>(before.model().pages.size());
    const bool is = page < static_cast<int>(now.model().pages.size());
    if (was)
        std::tie(c.signedWidth, c.signedHeight) = before.pageSize(page);
    if (is)
        std::tie(c.nowWidth, c.nowHeight) = now.pageSize(page);
    const double dpi = dpiFor(std::max(c.signedWidth, c.nowWidth), std::max(c.signedHeight, c.nowHeight));
    if (was)
        c.signedPage = before.render(page, dpi);
    if (is)
        c.now = now.render(page, dpi);
    const pdf::RasterImage& shown = is ? c.now : c.signedPage;
    c.geometryChanged = !was || !is || c.signedPage.width != c.now.width || c.signedPage.height != c.now.height;
    if (c.geometryChanged)
        c.regions.push_back({0, 0, shown.width, shown.height});
    else
        c.regions = differingRegions(c.signedPage, c.now);
    if (c.regions.empty())
        return std::nullopt;
    return c;
}

} // namespace

std::vector<PixelBox> differingRegions(const pdf::RasterImage& a, const pdf::RasterImage& b, int cell)
{
    std::vector<PixelBox> out;
    if (a.width != b.width || a.height != b.height || a.rgb.size() != b.rgb.size() || cell <= 0)
        return out;
    const int cols = (a.width + cell - 1) / cell, rows = (a.height + cell - 1) / cell;
    std::vector<char> marked(static_cast<size_t>(cols) * static_cast<size_t>(rows), 0);
    for (int cy = 0; cy < rows; ++cy)
        for (int cx = 0; cx < cols; ++cx)
            marked[static_cast<size_t>(cy * cols + cx)] = cellDiffers(a, b, cx, cy, cell);
    for (int k = 0; k < cols * rows; ++k)
        if (marked[static_cast<size_t>(k)]) {
            PixelBox box = floodCells(marked, cols, rows, k);
            box = {box.x * cell, box.y * cell, std::min(box.w * cell, a.width - box.x * cell),
                   std::min(box.h * cell, a.height - box.y * cell)};
            out.push_back(box);
        }
    return out;
}

std::vector<PageComparison> comparePages(const std::string& bytes, const VerifyReport& report, int maxPages)
{
    std::vector<PageComparison> out;
    auto now = pdf::Reader::openBytes(std::make_shared<const std::string>(bytes), report.file);
    for (size_t i = 0; i < report.signatures.size(); ++i) {
        const SignatureReport& s = report.signatures[i];
        if (s.modificationsAllowed() || !s.signedBytes || s.signedBytes > bytes.size())
            continue;
        std::unique_ptr<pdf::Reader> before;
        try {
            before = pdf::Reader::openBytes(std::make_shared<const std::string>(bytes.substr(0, s.signedBytes)),
                                            report.file);
        } catch (const Error&) {
            continue; // the report says the revision cannot be read; nothing to draw
        }
        const int pages = static_cast<int>(std::max(before->model().pages.size(), now->model().pages.size()));
        for (int p = 0, shown = 0; p < pages && shown < maxPages; ++p)
            if (auto c = comparePage(*before, *now, p)) {
                c->signature = static_cast<int>(i);
                out.push_back(std::move(*c));
                ++shown;
            }
    }
    return out;
}

} // namespace bsre
