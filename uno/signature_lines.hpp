// LibreOffice Signature Lines (Insert ▸ Signature Line) and where they land in
// the exported PDF.
//
// LibreOffice's PDF export cannot say where a shape ends up, so the working
// copy is marked before export: each line's graphic is removed and an empty,
// invisible object takes its exact place, carrying a marker the PDF export
// writes out with the object's laid-out rectangle:
//   Writer          a borderless, transparent text frame with HyperLinkURL
//                   "bsre-sigline:<id>"  -> /Link annotation, /A /URI
//   Impress, Draw   an unfilled, unstroked rectangle, OnClick = DOCUMENT,
//                   Bookmark "bsre-sigline:<id>" -> /Link annotation, /A /URI
//   Calc            a borderless text-field control named "bsre-sigline:<id>"
//                   -> /Widget, /FT /Tx, /T (Calc exports no link for shapes)
// The engine reads the markers' /Rect and page, and removes them in the update
// that adds the signature fields (see docs in the report of issue 5).
//
// Draw shapes inside headers and footers are repeated by Writer's layout as
// "virtual" objects; in LibreOffice 7.4 reading a graphic property (Graphic,
// SignatureLine*) through such a copy's UNO shape crashes soffice, and the
// draw page's index access skips shapes when copies exist. Writer lines are
// therefore found by walking the text (body, tables, frames, headers and
// footers of the page styles in use), which yields the real shapes in document
// order; only page-anchored shapes come from the draw page's enumeration.
#pragma once

#include "uno_util.hpp"

#include <com/sun/star/frame/XModel.hpp>

#include <string>
#include <utility>
#include <vector>

namespace bsre::ext {

// Every marker starts with this: a link's /URI or a Calc widget's /T.
inline constexpr const char* kSignatureLineMarker = "bsre-sigline:";

enum class MarkerKind {
    LinkUri,    // /Annot /Subtype /Link, /A << /S /URI /URI (marker) >>
    WidgetName, // /Annot /Subtype /Widget (also the field), /T (marker)
};

struct SignatureLine {
    // Stable unique name for the PDF field: a slug of the suggested name
    // ("budi-santoso"), else of the title, else "signature-line"; "-2", "-3"…
    // when it repeats. Only [a-z0-9-], so it is safe in a URI and as /T.
    std::string id;
    std::string suggestedName, suggestedTitle, suggestedEmail;
    std::string signatureLineId; // LibreOffice's SignatureLineId (a GUID), may be empty or shared by copies
    bool inHeaderOrFooter = false; // repeated on every page: one field, on the first page where it appears
    std::string marker;            // kSignatureLineMarker + id
    MarkerKind markerKind = MarkerKind::LinkUri;
};

// The document's lines in document order, without changing anything (for the
// dialog). Writer: body (tables and frames in place), then page-anchored
// lines, then headers and footers. Calc: sheet by sheet, top to bottom.
// Impress/Draw: page by page.
std::vector<SignatureLine> listSignatureLines(const css::uno::Reference<css::frame::XModel>& model);

// Find the lines in a (working-copy) model and mark them so the PDF export
// reveals where they land; also removes their graphic. Returns them in
// document order, with the same ids listSignatureLines gives for the
// original document. Throws css::uno::Exception when the model refuses a change.
std::vector<SignatureLine> markSignatureLines(const css::uno::Reference<css::frame::XModel>& workingCopy);

// After export: the marker positions found in the PDF (1-based page, rect in
// points, PDF user space of that page).
struct LinePlacement {
    std::string id;
    int page;
    double x1, y1, x2, y2;
};

// The slug an id is made of: "Budi Santoso" -> "budi-santoso" (also how a
// PDF's line field is matched with a certificate's name in the dialog).
std::string lineSlug(const std::string& text);

// The line id a marker names ("bsre-sigline:budi-santoso" -> "budi-santoso"),
// or empty when the string is not a marker.
std::string lineIdFromMarker(const std::string& uriOrFieldName);

// One placement per id: a line in a header or footer yields a marker on every
// page; the first page is kept. Ordered by page, then top to bottom, then left
// to right (the order signers usually go in).
std::vector<LinePlacement> firstPlacements(std::vector<LinePlacement> found);

// Pairs of ids whose rectangles overlap on the same page by more than
// `tolerance` points each way (two lines at the same position, or a copy
// pasted over the original): two signature fields must not share a place.
std::vector<std::pair<std::string, std::string>> overlappingPlacements(const std::vector<LinePlacement>& placements,
                                                                       double tolerance = 1.0);

} // namespace bsre::ext
