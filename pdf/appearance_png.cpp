// The appearance as pixels, for a signer that draws it itself (BSrE's
// signing service takes the image of the visible signature as a PNG): the
// same Form XObject as on the desk, on a page of its own size, rendered by
// the same Splash renderer as the verification report's page images.
#include "pdf/appearance.hpp"

#include "pdf/image.hpp"
#include "pdf/reader.hpp"
#include "pdf/syntax.hpp"

#include <cstdio>
#include <memory>

namespace bsre::pdf {

namespace {

// A whole file of objects 1..n-1 with a cross-reference table (ISO 32000-1
// 7.5.4: entries of exactly 20 bytes). Objects never set are written as null.
std::string wholeFile(const NewObjects& objs)
{
    std::string out = "%PDF-1.7\n";
    std::vector<size_t> offsets;
    for (int n = 1; n < objs.nextFree(); ++n) {
        offsets.push_back(out.size());
        auto it = objs.bodies().find(n);
        out += std::to_string(n) + " 0 obj\n" + (it == objs.bodies().end() ? std::string("null") : it->second) +
               "\nendobj\n";
    }
    const size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objs.nextFree()) + "\n0000000000 65535 f\r\n";
    for (size_t off : offsets) {
        char entry[24];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", off);
        out += entry;
    }
    out += "trailer\n<< /Size " + std::to_string(objs.nextFree()) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return out;
}

} // namespace

std::string appearancePng(const AppearanceStyle& style, double w, double h, double dpi)
{
    NewObjects objs(4);
    const int ap = renderAppearance(style, w, h, objs);
    const int content = objs.add(streamObject("", "q /Ap Do Q", false));
    objs.set(1, "<< /Type /Catalog /Pages 2 0 R >>");
    objs.set(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    objs.set(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + num(w) + " " + num(h) +
                    "] /Resources << /XObject << /Ap " + ref(ap) + " >> >> /Contents " + ref(content) + " >>");
    auto file = std::make_shared<const std::string>(wholeFile(objs));
    auto reader = Reader::openBytes(file, "appearance");
    return encodePng(reader->render(0, dpi));
}

} // namespace bsre::pdf
