#include "pdf/document.hpp"

#include "common/error.hpp"
#include "pdf/syntax.hpp"

#include <cstdio>

namespace bsre::pdf {

namespace {

struct TextOp {
    int page;
    double x, y, size;
    ShapedText shaped;
};

struct Page {
    double width, height;
    std::string graphics; // boxes, lines and images, drawn before the text
    std::vector<size_t> texts;
    std::vector<size_t> images;
};

std::string xrefTable(const std::vector<size_t>& offsets)
{
    std::string x = "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f\r\n";
    char entry[24];
    for (size_t off : offsets) {
        std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", off);
        x += entry;
    }
    return x;
}

} // namespace

struct TextDocument::Impl {
    EmbeddedFont font;
    std::vector<Page> pages;
    std::vector<TextOp> texts;
    std::vector<RasterImage> images;
};

TextDocument::TextDocument(const std::string& fontFamily)
    : impl_(std::make_unique<Impl>(Impl{EmbeddedFont(findFontFile(fontFamily)), {}, {}, {}}))
{
}

TextDocument::~TextDocument() = default;

TextDocument::Impl& TextDocument::self() { return *impl_; }

int TextDocument::addPage(double width, double height)
{
    self().pages.push_back({width, height, {}, {}, {}});
    return static_cast<int>(self().pages.size()) - 1;
}

double TextDocument::width(const std::string& utf8, double size) { return self().font.shape(utf8).width(size); }

double TextDocument::text(int page, double x, double y, double size, const std::string& utf8, bool alignRight)
{
    ShapedText shaped = self().font.shape(utf8);
    const double w = shaped.width(size);
    self().texts.push_back({page, alignRight ? x - w : x, y, size, std::move(shaped)});
    self().pages.at(static_cast<size_t>(page)).texts.push_back(self().texts.size() - 1);
    return w;
}

void TextDocument::box(int page, double x, double y, double w, double h, double gray)
{
    self().pages.at(static_cast<size_t>(page)).graphics +=
        num(gray) + " g " + num(x) + " " + num(y) + " " + num(w) + " " + num(h) + " re f\n";
}

void TextDocument::line(int page, double x1, double y1, double x2, double y2, double lineWidth)
{
    self().pages.at(static_cast<size_t>(page)).graphics += "0 G " + num(lineWidth) + " w " + num(x1) + " " + num(y1) +
                                                          " m " + num(x2) + " " + num(y2) + " l S\n";
}

void TextDocument::frame(int page, double x, double y, double w, double h, double r, double g, double b,
                         double lineWidth)
{
    self().pages.at(static_cast<size_t>(page)).graphics += num(r) + " " + num(g) + " " + num(b) + " RG " +
                                                          num(lineWidth) + " w " + num(x) + " " + num(y) + " " +
                                                          num(w) + " " + num(h) + " re S\n";
}

void TextDocument::image(int page, double x, double y, double w, double h, RasterImage pixels)
{
    Page& p = self().pages.at(static_cast<size_t>(page));
    self().images.push_back(std::move(pixels));
    p.images.push_back(self().images.size() - 1);
    p.graphics += "q " + num(w) + " 0 0 " + num(h) + " " + num(x) + " " + num(y) + " cm /Im" +
                  std::to_string(self().images.size() - 1) + " Do Q\n";
}

std::string TextDocument::finish(const std::string& title, const std::string& id)
{
    Impl& d = self();
    if (d.pages.empty())
        addPage();
    NewObjects objs(1);
    const int catalog = objs.reserve(), pagesNum = objs.reserve(), info = objs.reserve();
    const int font = d.font.emit(objs);
    std::string kids;
    for (const Page& p : d.pages) {
        std::string content = p.graphics + "0 g\n";
        for (size_t t : p.texts) {
            const TextOp& op = d.texts[t];
            content += "BT /F1 " + num(op.size) + " Tf " + num(op.x) + " " + num(op.y) + " Td " +
                       d.font.showText(op.shaped) + " ET\n";
        }
        const int c = objs.add(streamObject("", content, true));
        std::string xobjects;
        for (size_t k : p.images)
            xobjects += " /Im" + std::to_string(k) + " " + ref(emitImage(d.images[k], objs));
        const int page = objs.add("<< /Type /Page /Parent " + ref(pagesNum) + " /MediaBox [0 0 " + num(p.width) + " " +
                                  num(p.height) + "] /Resources << /Font << /F1 " + ref(font) + " >>" +
                                  (xobjects.empty() ? "" : " /XObject <<" + xobjects + " >>") + " >> /Contents " +
                                  ref(c) + " >>");
        kids += (kids.empty() ? "" : " ") + ref(page);
    }
    objs.set(pagesNum, "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(d.pages.size()) + " >>");
    objs.set(catalog, "<< /Type /Catalog /Pages " + ref(pagesNum) + " >>");
    objs.set(info, "<< /Title " + textString(title) + " /Producer (BSrE Sign) >>");
    std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    for (const auto& [n, body] : objs.bodies()) {
        offsets.push_back(out.size());
        out += std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
    }
    const size_t xref = out.size();
    const std::string fileId = hexString(id.substr(0, 16));
    out += xrefTable(offsets) + "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root " + ref(catalog) +
           " /Info " + ref(info) + " /ID [" + fileId + " " + fileId + "] >>\nstartxref\n" + std::to_string(xref) +
           "\n%%EOF\n";
    return out;
}

} // namespace bsre::pdf
