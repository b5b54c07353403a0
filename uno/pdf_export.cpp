#include "pdf_export.hpp"

#include "common/step_times.hpp"

#include "pdf/reader.hpp"
#include "pdf/stamp.hpp"

#include "common/error.hpp"

#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XToolkitExperimental.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/style/XStyle.hpp>
#include <com/sun/star/style/XStyleFamiliesSupplier.hpp>
#include <com/sun/star/util/XCloseable.hpp>

#include <algorithm>

namespace bsre::ext {

using namespace css;

namespace {

// Band top above the page's lower edge (pdf/notice.hpp defaults: 10 + 40 + 4 pt)
// plus 2 mm, in 1/100 mm as page styles count.
constexpr sal_Int32 kNoticeRoom = static_cast<sal_Int32>((10 + 40 + 4) / 72.0 * 2540) + 200;

bool isWriterOrCalc(const uno::Reference<frame::XModel>& m)
{
    uno::Reference<lang::XServiceInfo> si(m, uno::UNO_QUERY);
    return si.is() && (si->supportsService("com.sun.star.text.TextDocument") ||
                       si->supportsService("com.sun.star.sheet.SpreadsheetDocument"));
}

uno::Reference<container::XNameAccess> pageStyles(const uno::Reference<frame::XModel>& m)
{
    uno::Reference<style::XStyleFamiliesSupplier> fam(m, uno::UNO_QUERY);
    if (!fam.is())
        return {};
    return uno::Reference<container::XNameAccess>(fam->getStyleFamilies()->getByName("PageStyles"), uno::UNO_QUERY);
}

sal_Int32 bottomMargin(const uno::Reference<beans::XPropertySet>& ps)
{
    sal_Int32 bottom = 0;
    ps->getPropertyValue("BottomMargin") >>= bottom;
    return bottom;
}

// The exported PDF has nothing printed where the band goes, on any page.
bool bandIsFree(const std::string& pdfPath)
{
    try {
        auto reader = pdf::Reader::open(pdfPath);
        return pdf::pagesReachingBand(pdf::NoticeRequest{}, *reader).empty();
    } catch (const Error&) {
        return false; // unreadable here: the careful way
    }
}

// Only the page styles the document uses (and the styles that follow them)
// are read: reading a property of a page style Writer has not created yet
// (an unused built-in one, e.g. "First Page") creates it in the document and
// can set the document's modified flag. The person's document must not change.
bool needsRoomForNotice(const uno::Reference<frame::XModel>& m)
{
    if (!isWriterOrCalc(m))
        return false;
    const uno::Reference<container::XNameAccess> styles = pageStyles(m);
    if (!styles.is())
        return false;
    std::vector<OUString> used;
    for (const OUString& name : styles->getElementNames()) {
        uno::Reference<style::XStyle> st(styles->getByName(name), uno::UNO_QUERY);
        if (st.is() && st->isInUse())
            used.push_back(name);
    }
    for (size_t i = 0; i < used.size(); ++i) {
        uno::Reference<beans::XPropertySet> ps(styles->getByName(used[i]), uno::UNO_QUERY);
        if (!ps.is())
            continue;
        if (bottomMargin(ps) < kNoticeRoom)
            return true;
        OUString follow; // Writer: the style of the pages after this one
        if (ps->getPropertySetInfo()->hasPropertyByName("FollowStyle"))
            ps->getPropertyValue("FollowStyle") >>= follow;
        if (!follow.isEmpty() && styles->hasByName(follow) &&
            std::find(used.begin(), used.end(), follow) == used.end())
            used.push_back(follow);
    }
    return false;
}

// Only on the working copy, so every page style may be read and changed
// (creating an unused one there does no harm).
void enlargeBottomMargins(const uno::Reference<frame::XModel>& m)
{
    const uno::Reference<container::XNameAccess> styles = pageStyles(m);
    if (!styles.is())
        return;
    for (const OUString& name : styles->getElementNames()) {
        uno::Reference<beans::XPropertySet> ps(styles->getByName(name), uno::UNO_QUERY);
        if (ps.is() && bottomMargin(ps) < kNoticeRoom)
            ps->setPropertyValue("BottomMargin", uno::Any(kNoticeRoom));
    }
}

// Lets LibreOffice finish what it does on idle (a hidden document's layout)
// before its shapes are read or it is exported.
void settle(const uno::Reference<uno::XComponentContext>& ctx)
{
    try {
        uno::Reference<awt::XToolkitExperimental> tk(awt::Toolkit::create(ctx), uno::UNO_QUERY);
        if (tk.is())
            tk->processEventsToIdle();
    } catch (const uno::Exception&) {
    }
}

void storeAs(const uno::Reference<frame::XModel>& model, const std::string& path, const char* filter)
{
    uno::Reference<frame::XStorable>(model, uno::UNO_QUERY_THROW)
        ->storeToURL(fileUrl(path),
                     seq<beans::PropertyValue>({prop("FilterName", uno::Any(OUString::createFromAscii(filter)))}));
}

uno::Reference<frame::XModel> loadHidden(const uno::Reference<uno::XComponentContext>& ctx, const std::string& path)
{
    uno::Reference<frame::XComponentLoader> loader(frame::Desktop::create(ctx), uno::UNO_QUERY_THROW);
    uno::Reference<frame::XModel> model(
        loader->loadComponentFromURL(fileUrl(path), "_blank", 0, seq<beans::PropertyValue>({prop("Hidden", uno::Any(true))})),
        uno::UNO_QUERY_THROW);
    settle(ctx);
    return model;
}

// A hidden copy of the document to change freely (room for the notice,
// Signature Lines marked); closed whatever happens.
struct WorkingCopy {
    uno::Reference<frame::XModel> model;
    void open(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XModel>& original,
              const std::string& dir)
    {
        uno::Reference<lang::XServiceInfo> si(original, uno::UNO_QUERY_THROW);
        // Impress first: a presentation is a drawing document too.
        const char* ext = ".odt";
        const char* filter = "writer8";
        if (si->supportsService("com.sun.star.sheet.SpreadsheetDocument"))
            ext = ".ods", filter = "calc8";
        else if (si->supportsService("com.sun.star.presentation.PresentationDocument"))
            ext = ".odp", filter = "impress8";
        else if (si->supportsService("com.sun.star.drawing.DrawingDocument"))
            ext = ".odg", filter = "draw8";
        const std::string path = dir + "/working" + ext;
        storeAs(original, path, filter);
        model = loadHidden(ctx, path);
    }
    // Writer: store the changed copy and load it afresh, so the export lays
    // out frames from the file rather than from an in-memory layout that, for
    // frames just inserted next to a removed graphic, was sometimes stale.
    void reloadWriter(const uno::Reference<uno::XComponentContext>& ctx, const std::string& dir)
    {
        uno::Reference<lang::XServiceInfo> si(model, uno::UNO_QUERY);
        if (!si.is() || !si->supportsService("com.sun.star.text.TextDocument"))
            return;
        const std::string path = dir + "/marked.odt";
        storeAs(model, path, "writer8");
        close();
        model = loadHidden(ctx, path);
    }
    void close()
    {
        if (uno::Reference<util::XCloseable> c{model, uno::UNO_QUERY}; c.is())
            c->close(true);
        model.clear();
    }
    ~WorkingCopy()
    {
        try {
            close();
        } catch (const uno::Exception&) {
        }
    }
};

bool isCalc(const uno::Reference<frame::XModel>& m)
{
    uno::Reference<lang::XServiceInfo> si(m, uno::UNO_QUERY);
    return si.is() && si->supportsService("com.sun.star.sheet.SpreadsheetDocument");
}

uno::Sequence<beans::PropertyValue> exportArguments(const ExportPlan& plan, bool calc)
{
    std::vector<beans::PropertyValue> data = {
        // Encryption or a signature of LibreOffice's own would break ours.
        prop("EncryptFile", uno::Any(false)),
        prop("RestrictPermissions", uno::Any(false)),
        prop("SignPDF", uno::Any(false)),
    };
    if (plan.pdfA) // 2 = PDF/A-2b
        data.push_back(prop("SelectPdfVersion", uno::Any(sal_Int32(2))));
    if (!plan.lines.empty() && calc) // Calc's markers are form fields
        data.push_back(prop("ExportFormFields", uno::Any(true)));
    uno::Sequence<beans::PropertyValue> filterData(data.data(), static_cast<sal_Int32>(data.size()));
    return seq<beans::PropertyValue>({prop("FilterName", uno::Any(OUString::createFromAscii(plan.filter))),
                                      prop("FilterData", uno::Any(filterData)), prop("Overwrite", uno::Any(true))});
}

// The working copy gets the changes (a larger bottom margin in Writer and
// Calc; each line's graphic becomes a marker the export places); the
// person's document stays as it is. Returns the lines as marked.
std::vector<SignatureLine> prepareCopy(const uno::Reference<uno::XComponentContext>& ctx, WorkingCopy& copy,
                                       const uno::Reference<frame::XModel>& model, bool makeRoom, bool lines,
                                       const std::string& dir, const ProgressFn& progress)
{
    progressStep(progress,
                 makeRoom ? Text{"Making room for the notice…", "Menyiapkan ruang untuk keterangan…"}
                          : Text{"Preparing the signature lines…", "Menyiapkan baris tanda tangan…"},
                 5);
    copy.open(ctx, model, dir);
    if (makeRoom)
        enlargeBottomMargins(copy.model);
    std::vector<SignatureLine> marked;
    if (lines) {
        marked = markSignatureLines(copy.model);
        copy.reloadWriter(ctx, dir);
    }
    return marked;
}

void requireSameLines(const std::vector<SignatureLine>& marked, const std::vector<SignatureLine>& declared)
{
    const bool same = marked.size() == declared.size() &&
                      std::equal(marked.begin(), marked.end(), declared.begin(),
                                 [](const SignatureLine& a, const SignatureLine& b) { return a.id == b.id; });
    if (!same)
        fail(Code::ExportFailed,
             "The working copy has " + std::to_string(marked.size()) + " signature line(s), the document " +
                 std::to_string(declared.size()) + "; nothing was written.",
             "Salinan kerja memiliki " + std::to_string(marked.size()) + " baris tanda tangan, dokumennya " +
                 std::to_string(declared.size()) + "; tidak ada yang ditulis.");
}

} // namespace

std::vector<SignatureLine> exportForSigning(const uno::Reference<uno::XComponentContext>& ctx,
                                            const uno::Reference<frame::XModel>& model, const ExportPlan& plan,
                                            const std::string& dir, const std::string& pdfPath,
                                            const ProgressFn& progress)
{
    std::vector<SignatureLine> marked;
    try {
        const uno::Sequence<beans::PropertyValue> args = exportArguments(plan, isCalc(model));
        uno::Reference<frame::XModel> source = model;
        WorkingCopy copy;
        bool makeRoom = plan.notice && !plan.roomByScaling && needsRoomForNotice(model);
        if (makeRoom && plan.lines.empty()) {
            // A margin narrower than the band's room is no reason for a working
            // copy when nothing is printed there: export, and look.
            {
                StepTimer step("export.pdf");
                uno::Reference<frame::XStorable>(model, uno::UNO_QUERY_THROW)->storeToURL(fileUrl(pdfPath), args);
            }
            StepTimer step("export.band-check");
            makeRoom = !bandIsFree(pdfPath);
            if (!makeRoom)
                return marked;
        }
        if (makeRoom || !plan.lines.empty()) {
            StepTimer step("export.working-copy");
            marked = prepareCopy(ctx, copy, model, makeRoom, !plan.lines.empty(), dir, progress);
            source = copy.model;
        }
        StepTimer step("export.pdf");
        uno::Reference<frame::XStorable>(source, uno::UNO_QUERY_THROW)->storeToURL(fileUrl(pdfPath), args);
    } catch (const uno::Exception& e) {
        fail(Code::ExportFailed,
             "Exporting the document to PDF failed (" + fromU(e.Message) + "); the document was not changed.",
             "Ekspor dokumen ke PDF gagal (" + fromU(e.Message) + "); dokumen tidak diubah.");
    }
    requireSameLines(marked, plan.lines);
    return marked;
}

const char* pdfFilterFor(const uno::Reference<frame::XModel>& model)
{
    uno::Reference<lang::XServiceInfo> si(model, uno::UNO_QUERY);
    if (!si.is())
        return nullptr;
    if (si->supportsService("com.sun.star.text.WebDocument"))
        return "writer_web_pdf_Export";
    if (si->supportsService("com.sun.star.text.TextDocument") || si->supportsService("com.sun.star.text.GlobalDocument"))
        return "writer_pdf_Export";
    if (si->supportsService("com.sun.star.sheet.SpreadsheetDocument"))
        return "calc_pdf_Export";
    if (si->supportsService("com.sun.star.presentation.PresentationDocument"))
        return "impress_pdf_Export";
    if (si->supportsService("com.sun.star.drawing.DrawingDocument"))
        return "draw_pdf_Export";
    return nullptr;
}


} // namespace bsre::ext
