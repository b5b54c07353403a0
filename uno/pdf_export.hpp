// LibreOffice's PDF export for signing. The person's document is never
// changed: when the notice needs room or Signature Lines must be marked, a
// hidden working copy is changed and exported instead.
#pragma once

#include "signature_lines.hpp"
#include "uno_util.hpp"

#include <com/sun/star/frame/XModel.hpp>

#include <string>
#include <vector>

namespace bsre::ext {

// The export filter for this kind of document; nullptr when it has none.
const char* pdfFilterFor(const css::uno::Reference<css::frame::XModel>& model);

struct ExportPlan {
    const char* filter = nullptr;
    bool pdfA = true;
    bool notice = false;                // room is made for the band where the page styles need it
    // The engine shrinks content (at most 10 %, about the top centre) where
    // the band needs room: the export is the document as laid out, page for
    // page, with no working copy. Off: a working copy with a larger bottom
    // margin where the exported pages have content in the band.
    bool roomByScaling = false;
    std::vector<SignatureLine> lines;   // the document's lines, marked in the working copy
};

// Exports `model` to `pdfPath`, using `dir` for the working copy. Returns the
// lines as marked (the same as plan.lines, else ExportFailed); ExportFailed
// too when LibreOffice refuses a step.
std::vector<SignatureLine> exportForSigning(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                                            const css::uno::Reference<css::frame::XModel>& model,
                                            const ExportPlan& plan, const std::string& dir,
                                            const std::string& pdfPath, const ProgressFn& progress);

} // namespace bsre::ext
