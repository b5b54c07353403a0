#include "signature_lines.hpp"

#include <com/sun/star/awt/Point.hpp>
#include <com/sun/star/awt/Size.hpp>
#include <com/sun/star/awt/XControlModel.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/beans/XPropertySetInfo.hpp>
#include <com/sun/star/container/XContentEnumerationAccess.hpp>
#include <com/sun/star/container/XEnumeration.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/drawing/FillStyle.hpp>
#include <com/sun/star/drawing/LineStyle.hpp>
#include <com/sun/star/drawing/XControlShape.hpp>
#include <com/sun/star/drawing/XDrawPageSupplier.hpp>
#include <com/sun/star/drawing/XDrawPagesSupplier.hpp>
#include <com/sun/star/drawing/XShape.hpp>
#include <com/sun/star/drawing/XShapes.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/presentation/ClickAction.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/style/XStyle.hpp>
#include <com/sun/star/style/XStyleFamiliesSupplier.hpp>
#include <com/sun/star/table/BorderLine2.hpp>
#include <com/sun/star/text/SizeType.hpp>
#include <com/sun/star/text/TextContentAnchorType.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/text/XTextContent.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/text/XTextFrame.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/text/XTextTable.hpp>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

namespace bsre::ext {

using namespace css;

namespace {

using uno::Reference;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;

enum class App { Writer, Calc, Draw, Other };

App appOf(const Reference<frame::XModel>& m)
{
    Reference<lang::XServiceInfo> si(m, UNO_QUERY);
    if (!si.is())
        return App::Other;
    if (si->supportsService("com.sun.star.text.TextDocument") || si->supportsService("com.sun.star.text.GlobalDocument"))
        return App::Writer;
    if (si->supportsService("com.sun.star.sheet.SpreadsheetDocument"))
        return App::Calc;
    if (si->supportsService("com.sun.star.presentation.PresentationDocument") ||
        si->supportsService("com.sun.star.drawing.DrawingDocument"))
        return App::Draw;
    return App::Other;
}

// Writer documents and Calc sheets offer their shapes only through
// XDrawPageSupplier, which the SDK marks deprecated.
Reference<drawing::XShapes> drawPageOf(const Reference<uno::XInterface>& supplier)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    Reference<drawing::XDrawPageSupplier> dps(supplier, UNO_QUERY);
    return dps.is() ? Reference<drawing::XShapes>(dps->getDrawPage(), UNO_QUERY) : Reference<drawing::XShapes>();
#pragma GCC diagnostic pop
}

bool isA(const Reference<uno::XInterface>& x, const char* service)
{
    Reference<lang::XServiceInfo> si(x, UNO_QUERY);
    return si.is() && si->supportsService(OUString::createFromAscii(service));
}

bool has(const Reference<beans::XPropertySet>& ps, const char* name)
{
    Reference<beans::XPropertySetInfo> info = ps->getPropertySetInfo();
    return info.is() && info->hasPropertyByName(OUString::createFromAscii(name));
}

template <class T>
T value(const Reference<beans::XPropertySet>& ps, const char* name, T fallback = T())
{
    if (!has(ps, name))
        return fallback;
    T v = fallback;
    ps->getPropertyValue(OUString::createFromAscii(name)) >>= v;
    return v;
}

// Only call on real shapes (see the header): the property lives in SdrGrafObj.
bool isSignatureLine(const Reference<beans::XPropertySet>& ps)
{
    return ps.is() && value<bool>(ps, "IsSignatureLine");
}

// One line as found: its shape and what the text walk knew about it.
struct Found {
    Reference<beans::XPropertySet> shape;
    bool headerFooter = false;
    Reference<drawing::XShapes> container; // Calc, Impress, Draw: the page or group it sits in
};

// --- Writer: walk the text -------------------------------------------------

struct WriterWalk {
    std::vector<Found> found;
    // Objects met, by normalised XInterface; the references keep them alive so
    // that no address is reused while walking.
    std::map<uno::XInterface*, Reference<uno::XInterface>> seen;
    std::map<uno::XInterface*, bool> frames; // text frames met (also in seen), in a header/footer?

    bool firstTime(const Reference<uno::XInterface>& x)
    {
        Reference<uno::XInterface> norm(x, UNO_QUERY);
        return norm.is() && seen.emplace(norm.get(), norm).second;
    }

    // Objects anchored at a paragraph (content enumeration of the paragraph)
    // or at/as a character (content enumeration of a "Frame" portion).
    void contents(const Reference<container::XContentEnumerationAccess>& ca, bool hf)
    {
        if (!ca.is())
            return;
        Reference<container::XEnumeration> e = ca->createContentEnumeration("com.sun.star.text.TextContent");
        while (e.is() && e->hasMoreElements()) {
            Reference<uno::XInterface> c(e->nextElement(), UNO_QUERY);
            if (!firstTime(c))
                continue;
            Reference<lang::XServiceInfo> si(c, UNO_QUERY);
            if (si.is() && si->supportsService("com.sun.star.text.TextFrame")) {
                Reference<text::XTextFrame> frame(c, UNO_QUERY);
                frames[c.get()] = hf;
                if (frame.is())
                    text(frame->getText(), hf);
                continue;
            }
            Reference<beans::XPropertySet> ps(c, UNO_QUERY);
            if (isSignatureLine(ps))
                found.push_back({ps, hf, {}});
        }
    }

    void text(const Reference<text::XText>& t, bool hf)
    {
        Reference<container::XEnumerationAccess> ea(t, UNO_QUERY);
        if (!ea.is())
            return;
        Reference<container::XEnumeration> paras = ea->createEnumeration();
        while (paras.is() && paras->hasMoreElements()) {
            Reference<uno::XInterface> p(paras->nextElement(), UNO_QUERY);
            if (Reference<text::XTextTable> table{p, UNO_QUERY}; table.is()) {
                for (const OUString& cell : table->getCellNames())
                    text(Reference<text::XText>(table->getCellByName(cell), UNO_QUERY), hf);
                continue;
            }
            contents(Reference<container::XContentEnumerationAccess>(p, UNO_QUERY), hf);
            Reference<container::XEnumerationAccess> portions(p, UNO_QUERY);
            if (!portions.is())
                continue;
            Reference<container::XEnumeration> pe = portions->createEnumeration();
            while (pe.is() && pe->hasMoreElements()) {
                Reference<beans::XPropertySet> portion(pe->nextElement(), UNO_QUERY);
                if (portion.is() && value<OUString>(portion, "TextPortionType") == "Frame")
                    contents(Reference<container::XContentEnumerationAccess>(portion, UNO_QUERY), hf);
            }
        }
    }
};

// Headers and footers of the page styles in use; left and first-page texts
// are the same object as the right one while shared.
void walkHeadersFooters(const Reference<frame::XModel>& model, WriterWalk& w)
{
    Reference<style::XStyleFamiliesSupplier> fam(model, UNO_QUERY);
    Reference<container::XNameAccess> styles;
    if (fam.is())
        fam->getStyleFamilies()->getByName("PageStyles") >>= styles;
    if (!styles.is())
        return;
    std::map<uno::XInterface*, Reference<uno::XInterface>> texts; // kept alive: no address reuse
    for (const OUString& name : styles->getElementNames()) {
        Reference<beans::XPropertySet> ps(styles->getByName(name), UNO_QUERY);
        Reference<style::XStyle> st(ps, UNO_QUERY);
        if (!ps.is() || (st.is() && !st->isInUse()))
            continue;
        for (const char* part : {"Header", "Footer"}) {
            if (!value<bool>(ps, (std::string(part) + "IsOn").c_str()))
                continue;
            for (const char* which : {"Text", "TextLeft", "TextFirst"}) {
                Reference<text::XText> t = value<Reference<text::XText>>(ps, (std::string(part) + which).c_str());
                Reference<uno::XInterface> norm(t, UNO_QUERY);
                if (norm.is() && texts.emplace(norm.get(), norm).second)
                    w.text(t, true);
            }
        }
    }
}

std::vector<Found> findWriter(const Reference<frame::XModel>& model)
{
    WriterWalk body;
    body.text(Reference<text::XTextDocument>(model, UNO_QUERY_THROW)->getText(), false);
    WriterWalk hf;
    hf.seen = body.seen;
    walkHeadersFooters(model, hf);

    // Shapes anchored to the page or to a frame are in no paragraph. They come
    // from the draw page's enumeration (its index access skips shapes when
    // header/footer copies exist). AnchorType and AnchorFrame are answered by
    // Writer's frame format, so they are safe to ask of any shape; the
    // SignatureLine* properties only of shapes that cannot be copies: anchored
    // to the page, or to a frame met in the body. (A line anchored to a frame
    // inside a header or footer is not found.)
    std::vector<Found> inFrames;
    std::vector<std::pair<sal_Int16, Found>> paged;
    Reference<container::XEnumerationAccess> shapes(drawPageOf(model), UNO_QUERY);
    Reference<container::XEnumeration> e = shapes.is() ? shapes->createEnumeration() : nullptr;
    while (e.is() && e->hasMoreElements()) {
        Reference<beans::XPropertySet> ps(e->nextElement(), UNO_QUERY);
        if (!ps.is() || !has(ps, "AnchorType") || !isA(ps, "com.sun.star.drawing.GraphicObjectShape"))
            continue;
        text::TextContentAnchorType anchor = text::TextContentAnchorType_AT_PARAGRAPH;
        ps->getPropertyValue("AnchorType") >>= anchor;
        if (anchor == text::TextContentAnchorType_AT_PAGE) {
            if (body.firstTime(ps) && isSignatureLine(ps))
                paged.push_back({value<sal_Int16>(ps, "AnchorPageNo"), Found{ps, false, {}}});
        } else if (anchor == text::TextContentAnchorType_AT_FRAME) {
            Reference<uno::XInterface> frame(value<Reference<text::XTextFrame>>(ps, "AnchorFrame"), UNO_QUERY);
            auto known = frame.is() ? body.frames.find(frame.get()) : body.frames.end();
            if (known != body.frames.end() && body.firstTime(ps) && isSignatureLine(ps))
                inFrames.push_back(Found{ps, false, {}});
        }
    }
    std::stable_sort(paged.begin(), paged.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

    std::vector<Found> all = std::move(body.found);
    all.insert(all.end(), inFrames.begin(), inFrames.end());
    for (auto& p : paged)
        all.push_back(p.second);
    all.insert(all.end(), hf.found.begin(), hf.found.end());
    return all;
}

// --- Calc, Impress, Draw: the draw pages -----------------------------------

void shapesOf(const Reference<drawing::XShapes>& group, std::vector<Found>& out)
{
    std::vector<std::pair<std::pair<sal_Int32, sal_Int32>, Found>> here;
    for (sal_Int32 i = 0, n = group->getCount(); i < n; ++i) {
        Reference<drawing::XShape> shape(group->getByIndex(i), UNO_QUERY);
        if (!shape.is())
            continue;
        if (isA(shape, "com.sun.star.drawing.GroupShape")) {
            // A line grouped with other shapes: marked in place like any other.
            shapesOf(Reference<drawing::XShapes>(shape, UNO_QUERY), out);
            continue;
        }
        Reference<beans::XPropertySet> ps(shape, UNO_QUERY);
        if (isA(shape, "com.sun.star.drawing.GraphicObjectShape") && isSignatureLine(ps)) {
            awt::Point pos = shape->getPosition();
            here.push_back({{pos.Y, pos.X}, Found{ps, false, group}});
        }
    }
    std::stable_sort(here.begin(), here.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& h : here)
        out.push_back(h.second);
}

std::vector<Found> findOnPages(const Reference<frame::XModel>& model, App app)
{
    std::vector<Found> out;
    Reference<container::XIndexAccess> pages;
    if (app == App::Calc) {
        Reference<sheet::XSpreadsheetDocument> doc(model, UNO_QUERY_THROW);
        pages.set(doc->getSheets(), UNO_QUERY);
    } else {
        Reference<drawing::XDrawPagesSupplier> dps(model, UNO_QUERY_THROW);
        pages.set(dps->getDrawPages(), UNO_QUERY);
    }
    for (sal_Int32 i = 0, n = pages.is() ? pages->getCount() : 0; i < n; ++i) {
        Reference<uno::XInterface> item(pages->getByIndex(i), UNO_QUERY);
        Reference<drawing::XShapes> page = app == App::Calc ? drawPageOf(item) : Reference<drawing::XShapes>(item, UNO_QUERY);
        if (page.is())
            shapesOf(page, out);
    }
    return out;
}

std::vector<Found> find(const Reference<frame::XModel>& model)
{
    switch (appOf(model)) {
    case App::Writer:
        return findWriter(model);
    case App::Calc:
        return findOnPages(model, App::Calc);
    case App::Draw:
        return findOnPages(model, App::Draw);
    default:
        return {};
    }
}

// --- ids ---------------------------------------------------------------------

std::string slug(const std::string& s)
{
    std::string out;
    for (unsigned char c : s) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<unsigned char>(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out += static_cast<char>(c);
        else if (!out.empty() && out.back() != '-')
            out += '-';
        if (out.size() >= 40)
            break;
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

std::vector<SignatureLine> describe(const std::vector<Found>& found, MarkerKind kind)
{
    std::vector<SignatureLine> lines;
    std::set<std::string> taken;
    for (const Found& f : found) {
        SignatureLine l;
        l.suggestedName = fromU(value<OUString>(f.shape, "SignatureLineSuggestedSignerName"));
        l.suggestedTitle = fromU(value<OUString>(f.shape, "SignatureLineSuggestedSignerTitle"));
        l.suggestedEmail = fromU(value<OUString>(f.shape, "SignatureLineSuggestedSignerEmail"));
        l.signatureLineId = fromU(value<OUString>(f.shape, "SignatureLineId"));
        l.inHeaderOrFooter = f.headerFooter;
        std::string base = slug(l.suggestedName);
        if (base.empty())
            base = slug(l.suggestedTitle);
        if (base.empty())
            base = "signature-line";
        l.id = base;
        for (int n = 2; taken.count(l.id); ++n)
            l.id = base + "-" + std::to_string(n);
        taken.insert(l.id);
        l.marker = kSignatureLineMarker + l.id;
        l.markerKind = kind;
        lines.push_back(std::move(l));
    }
    return lines;
}

MarkerKind kindFor(App app) { return app == App::Calc ? MarkerKind::WidgetName : MarkerKind::LinkUri; }

// --- marking -------------------------------------------------------------------

// Everything that places a Writer object and shapes the text around it; the
// frame takes the shape's place exactly (measured: within 0.06 pt).
const char* const kPlacement[] = {
    "HoriOrient", "HoriOrientRelation", "HoriOrientPosition", "PageToggle",
    "VertOrient", "VertOrientRelation", "VertOrientPosition",
    "Surround", "SurroundAnchorOnly", "SurroundContour", "ContourOutside", "Opaque",
    "LeftMargin", "RightMargin", "TopMargin", "BottomMargin",
    "IsFollowingTextFlow", "AllowOverlap", "WrapInfluenceOnPosition",
};

void copyPlacement(const Reference<beans::XPropertySet>& from, const Reference<beans::XPropertySet>& to)
{
    for (const char* name : kPlacement)
        if (has(from, name) && has(to, name)) {
            try {
                to->setPropertyValue(OUString::createFromAscii(name), from->getPropertyValue(OUString::createFromAscii(name)));
            } catch (const uno::Exception&) {
                // a value the frame does not take (e.g. contour wrap) changes no position
            }
        }
}

void markWriter(const Reference<frame::XModel>& model, const Found& f, const SignatureLine& line)
{
    Reference<lang::XMultiServiceFactory> factory(model, UNO_QUERY_THROW);
    Reference<drawing::XShape> shape(f.shape, UNO_QUERY_THROW);
    const awt::Size size = shape->getSize();
    text::TextContentAnchorType anchor = text::TextContentAnchorType_AT_PARAGRAPH;
    f.shape->getPropertyValue("AnchorType") >>= anchor;

    Reference<beans::XPropertySet> frame(factory->createInstance("com.sun.star.text.TextFrame"), UNO_QUERY_THROW);
    frame->setPropertyValue("AnchorType", uno::Any(anchor));
    copyPlacement(f.shape, frame);
    frame->setPropertyValue("SizeType", uno::Any(text::SizeType::FIX));
    frame->setPropertyValue("WidthType", uno::Any(text::SizeType::FIX));
    frame->setPropertyValue("FrameIsAutomaticHeight", uno::Any(false));
    const table::BorderLine2 none;
    for (const char* b : {"LeftBorder", "RightBorder", "TopBorder", "BottomBorder"})
        frame->setPropertyValue(OUString::createFromAscii(b), uno::Any(none));
    for (const char* d : {"LeftBorderDistance", "RightBorderDistance", "TopBorderDistance", "BottomBorderDistance"})
        frame->setPropertyValue(OUString::createFromAscii(d), uno::Any(sal_Int32(0)));
    frame->setPropertyValue("BackTransparent", uno::Any(true));
    frame->setPropertyValue("FillStyle", uno::Any(drawing::FillStyle_NONE));
    frame->setPropertyValue("HyperLinkURL", uno::Any(toU(line.marker)));
    Reference<container::XNamed>(frame, UNO_QUERY_THROW)->setName(toU("bsre-sigline-" + line.id));
    Reference<drawing::XShape>(frame, UNO_QUERY_THROW)->setSize(size);

    Reference<text::XTextContent> content(frame, UNO_QUERY_THROW);
    if (anchor == text::TextContentAnchorType_AT_PAGE) {
        // Inserted anywhere, then moved to the page: the orientation goes last,
        // as a change of anchor resets it.
        Reference<text::XText> body = Reference<text::XTextDocument>(model, UNO_QUERY_THROW)->getText();
        body->insertTextContent(body->getStart(), content, false);
        frame->setPropertyValue("AnchorType", uno::Any(anchor));
        frame->setPropertyValue("AnchorPageNo", f.shape->getPropertyValue("AnchorPageNo"));
        copyPlacement(f.shape, frame);
    } else if (anchor == text::TextContentAnchorType_AT_FRAME) {
        // Into the anchoring frame's text, then anchored to the frame itself.
        Reference<text::XTextFrame> anchorFrame = value<Reference<text::XTextFrame>>(f.shape, "AnchorFrame");
        if (!anchorFrame.is())
            throw uno::RuntimeException("A signature line anchored to a frame has no frame.");
        Reference<text::XText> inside = anchorFrame->getText();
        inside->insertTextContent(inside->getStart(), content, false);
        frame->setPropertyValue("AnchorType", uno::Any(anchor));
        copyPlacement(f.shape, frame);
    } else {
        // At the shape's own anchor; as a character, before the shape's own
        // character, which goes with the shape below.
        Reference<text::XTextRange> at = Reference<text::XTextContent>(f.shape, UNO_QUERY_THROW)->getAnchor();
        at->getText()->insertTextContent(at, content, false);
        // Insertion may reset the orientation of a frame set up while
        // detached (seen now and then for paragraph anchors): set it again.
        copyPlacement(f.shape, frame);
    }
    Reference<drawing::XShape>(frame, UNO_QUERY_THROW)->setSize(size);

    Reference<drawing::XShapes> page = drawPageOf(model);
    if (!page.is())
        throw uno::RuntimeException("The document's draw page is not available.");
    page->remove(shape);
}

void markDraw(const Reference<frame::XModel>& model, const Found& f, const SignatureLine& line)
{
    Reference<lang::XMultiServiceFactory> factory(model, UNO_QUERY_THROW);
    Reference<drawing::XShape> shape(f.shape, UNO_QUERY_THROW);
    Reference<drawing::XShape> rect(factory->createInstance("com.sun.star.drawing.RectangleShape"), UNO_QUERY_THROW);
    f.container->add(rect);
    rect->setPosition(shape->getPosition());
    rect->setSize(shape->getSize());
    Reference<beans::XPropertySet> ps(rect, UNO_QUERY_THROW);
    ps->setPropertyValue("FillStyle", uno::Any(drawing::FillStyle_NONE));
    ps->setPropertyValue("LineStyle", uno::Any(drawing::LineStyle_NONE));
    ps->setPropertyValue("OnClick", uno::Any(presentation::ClickAction_DOCUMENT));
    ps->setPropertyValue("Bookmark", uno::Any(toU(line.marker)));
    f.container->remove(shape);
}

void markCalc(const Reference<frame::XModel>& model, const Found& f, const SignatureLine& line)
{
    Reference<lang::XMultiServiceFactory> factory(model, UNO_QUERY_THROW);
    Reference<drawing::XShape> shape(f.shape, UNO_QUERY_THROW);
    Reference<beans::XPropertySet> field(factory->createInstance("com.sun.star.form.component.TextField"), UNO_QUERY_THROW);
    field->setPropertyValue("Name", uno::Any(toU(line.marker)));
    field->setPropertyValue("Border", uno::Any(sal_Int16(0))); // with a border the widget is inset by 2 pt
    field->setPropertyValue("ReadOnly", uno::Any(true));
    Reference<drawing::XControlShape> control(factory->createInstance("com.sun.star.drawing.ControlShape"), UNO_QUERY_THROW);
    control->setControl(Reference<awt::XControlModel>(field, UNO_QUERY_THROW));
    f.container->add(Reference<drawing::XShape>(control, UNO_QUERY_THROW));
    control->setSize(shape->getSize());
    control->setPosition(shape->getPosition());
    f.container->remove(shape);
}

} // namespace

std::vector<SignatureLine> listSignatureLines(const uno::Reference<frame::XModel>& model)
{
    if (!model.is())
        return {};
    return describe(find(model), kindFor(appOf(model)));
}

std::vector<SignatureLine> markSignatureLines(const uno::Reference<frame::XModel>& workingCopy)
{
    if (!workingCopy.is())
        return {};
    const App app = appOf(workingCopy);
    // A shape's orientation properties in Writer are kept in step with its
    // laid-out position; on a freshly loaded, hidden copy that layout may not
    // be finished (seen under load), so lay it out fully before reading them.
    if (app == App::Writer)
        if (Reference<text::XTextDocument> doc{workingCopy, UNO_QUERY}; doc.is())
            doc->reformat();
    std::vector<Found> found = find(workingCopy);
    std::vector<SignatureLine> lines = describe(found, kindFor(app));
    for (size_t i = 0; i < found.size(); ++i) {
        if (app == App::Writer)
            markWriter(workingCopy, found[i], lines[i]);
        else if (app == App::Calc)
            markCalc(workingCopy, found[i], lines[i]);
        else
            markDraw(workingCopy, found[i], lines[i]);
    }
    // Writer lays frames out lazily; a frame placed while the line's graphic
    // still stood next to it kept a stale position now and then (about one
    // export in three). A full reformat before the export settles them.
    if (app == App::Writer)
        if (Reference<text::XTextDocument> doc{workingCopy, UNO_QUERY}; doc.is())
            doc->reformat();
    return lines;
}

std::string lineSlug(const std::string& text) { return slug(text); }

std::string lineIdFromMarker(const std::string& s)
{
    const size_t n = std::strlen(kSignatureLineMarker);
    if (s.size() <= n || s.compare(0, n, kSignatureLineMarker) != 0)
        return {};
    return s.substr(n);
}

std::vector<LinePlacement> firstPlacements(std::vector<LinePlacement> found)
{
    std::stable_sort(found.begin(), found.end(), [](const LinePlacement& a, const LinePlacement& b) {
        if (a.page != b.page)
            return a.page < b.page;
        const double ta = std::max(a.y1, a.y2), tb = std::max(b.y1, b.y2);
        if (ta != tb)
            return ta > tb; // PDF y grows upwards: higher top first
        return std::min(a.x1, a.x2) < std::min(b.x1, b.x2);
    });
    std::set<std::string> seen;
    std::vector<LinePlacement> out;
    for (LinePlacement& p : found)
        if (seen.insert(p.id).second)
            out.push_back(std::move(p));
    return out;
}

std::vector<std::pair<std::string, std::string>> overlappingPlacements(const std::vector<LinePlacement>& placements,
                                                                       double tolerance)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (size_t i = 0; i < placements.size(); ++i)
        for (size_t j = i + 1; j < placements.size(); ++j) {
            const LinePlacement& a = placements[i];
            const LinePlacement& b = placements[j];
            if (a.page != b.page || a.id == b.id)
                continue;
            const double w = std::min(std::max(a.x1, a.x2), std::max(b.x1, b.x2)) -
                             std::max(std::min(a.x1, a.x2), std::min(b.x1, b.x2));
            const double h = std::min(std::max(a.y1, a.y2), std::max(b.y1, b.y2)) -
                             std::max(std::min(a.y1, a.y2), std::min(b.y1, b.y2));
            if (w > tolerance && h > tolerance)
                out.emplace_back(a.id, b.id);
        }
    return out;
}

} // namespace bsre::ext
