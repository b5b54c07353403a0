#include "verify_dialog.hpp"

#include "boundary.hpp"
#include "dialog_util.hpp"
#include "verify_job.hpp"
#include "verify_dialog_texts.hpp" // T::, from uno/texts/verify_dialog.tsv

#include "core/verify_report.hpp"

#include <com/sun/star/awt/PushButtonType.hpp>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/TemplateDescription.hpp>
#include <cppuhelper/implbase1.hxx>

#include <filesystem>
#include <optional>

namespace bsre::ext {

using namespace css;

namespace {

std::string say(const Text& t, bool ind) { return ind ? t.id : t.en; }
std::string say(const Words& w, bool ind) { return ind ? w.id : w.en; }

// The file of a PDF opened in Draw (its model's URL), if that is what the frame shows.
std::optional<OUString> openPdf(const uno::Reference<frame::XFrame>& frame)
{
    if (!frame.is() || !frame->getController().is())
        return std::nullopt;
    uno::Reference<frame::XModel> model = frame->getController()->getModel();
    if (!model.is())
        return std::nullopt;
    const OUString url = model->getURL();
    if (!url.startsWithIgnoreAsciiCase("file:") || !url.endsWithIgnoreAsciiCase(".pdf"))
        return std::nullopt;
    return url;
}

std::optional<OUString> askForPdf(const uno::Reference<uno::XComponentContext>& ctx, bool ind)
{
    auto picker = ui::dialogs::FilePicker::createWithMode(ctx, ui::dialogs::TemplateDescription::FILEOPEN_SIMPLE);
    picker->setTitle(tr(T::choosePdf, ind));
    picker->appendFilter("PDF", "*.pdf");
    if (picker->execute() != ui::dialogs::ExecutableDialogResults::OK || !picker->getSelectedFiles().getLength())
        return std::nullopt;
    return picker->getSelectedFiles()[0];
}

void changesText(const SignatureReport& s, bool ind, std::string& out)
{
    out += "  " + say(T::changes, ind) + ": " +
           (s.coversWholeFile       ? say(T::coversAll, ind)
            : s.modifications.empty() ? say(T::none, ind)
                                      : std::to_string(s.modifications.size())) +
           "\n";
    for (const pdf::Modification& m : s.modifications)
        out += "    " + say(T::revision, ind) + " " + std::to_string(m.revision) + ": " +
               say(m.allowed ? T::allowed : T::notAllowed, ind) + " — " + (ind ? m.whatId : m.what) + "\n";
}

// One signature as lines of text in the UI language.
std::string signatureText(const SignatureReport& s, size_t k, bool ind)
{
    const PortalChecks c = portalChecks(s);
    auto check = [&](const std::string& v) { return say(checkWords(v), ind); };
    std::string out = say(T::signature, ind) + " " + std::to_string(k) + " — " + say(T::field, ind) + " " + s.field +
                      "\n  " + say(verdictWords(s), ind) + "\n";
    out += "  " + say(T::indication, ind) + ": " + s.indication + (s.subIndication.empty() ? "" : " / " + s.subIndication) + "\n";
    out += "  " + say(T::signerCheck, ind) + ": " + check(c.signer) + " — " + s.signer + "\n";
    out += "  " + say(T::integrity, ind) + ": " + check(c.integrity) + "\n";
    out += "  " + say(T::timestamp, ind) + ": " + check(c.timestamp) +
           (s.hasTimestamp ? " — " + s.timestampTime + " (" + s.tsaName + ")" : "") + "\n";
    out += "  " + say(T::ltv, ind) + ": " + check(c.ltv) + "\n";
    out += "  " + say(T::signingTime, ind) + ": " + (s.signingTime.empty() ? "-" : s.signingTime) + "\n";
    out += "  " + say(T::level, ind) + ": " + (s.documentTimestamp ? s.level : "PAdES " + s.level) + "\n";
    changesText(s, ind, out);
    if (!s.problem.empty())
        out += "  " + say(T::detail, ind) + ": " + s.problem + "\n";
    return out;
}

std::string reportText(const VerifyReport& r, bool ind)
{
    std::string out;
    for (size_t i = 0; i < r.signatures.size(); ++i)
        out += (i ? "\n" : "") + signatureText(r.signatures[i], i + 1, ind);
    return out + "\n" + say(T::trustNote, ind) + "\n";
}

// Save report…: a file picker beside the PDF, then the report written whole.
class SaveReport : public cppu::WeakImplHelper1<awt::XActionListener> {
public:
    SaveReport(uno::Reference<uno::XComponentContext> ctx, uno::Reference<frame::XFrame> frame, const VerifyReport& r,
               bool ind)
        : ctx_(std::move(ctx)), frame_(std::move(frame)), report_(r), ind_(ind)
    {
    }
    void SAL_CALL actionPerformed(const awt::ActionEvent&) override
    {
        static const Text title = T::failed;
        atMenuBoundary(ctx_, frame_, [&] { save(); }, &title);
    }
    void SAL_CALL disposing(const lang::EventObject&) override {}

private:
    void save()
    {
        auto picker = ui::dialogs::FilePicker::createWithMode(ctx_, ui::dialogs::TemplateDescription::FILESAVE_SIMPLE);
        picker->appendFilter("PDF", "*.pdf");
        const std::filesystem::path pdf(report_.file);
        picker->setDisplayDirectory(fileUrl(pdf.parent_path().string()));
        picker->setDefaultName(toU(pdf.stem().string() + "-" + say(T::reportName, ind_) + ".pdf"));
        if (picker->execute() != ui::dialogs::ExecutableDialogResults::OK || !picker->getSelectedFiles().getLength())
            return;
        // The picker has asked before replacing a file.
        writeVerifyReport(report_, systemPath(picker->getSelectedFiles()[0]), true);
    }
    uno::Reference<uno::XComponentContext> ctx_;
    uno::Reference<frame::XFrame> frame_;
    const VerifyReport report_;
    const bool ind_;
};

void showVerdict(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame,
                 const VerifyReport& r, bool ind)
{
    DialogBuilder b(ctx, tr(T::title, ind), 330, 250);
    const Text& head = r.signatures.empty() ? T::noSignatures : r.allPassed() ? T::allValid : T::notAllValid;
    b.add("FixedText", "head", 6, 6, 318, 22, {p("Label", tr(head, ind)), p("FontDescriptor", bold()), p("MultiLine", true)});
    const std::string summary = std::filesystem::path(r.file).filename().string() + " — " +
                                std::to_string(r.signatures.size()) + " " + say(T::signatures, ind) + ", " +
                                std::to_string(r.revisions) + " " + say(T::revisions, ind);
    b.add("FixedText", "file", 6, 30, 318, 10, {p("Label", toU(summary)), p("NoLabel", true)});
    b.add("Edit", "details", 6, 44, 318, 180,
          {p("Text", toU(reportText(r, ind))), p("MultiLine", true), p("ReadOnly", true), p("VScroll", true),
           p("HardLineBreaks", true)});
    b.add("Button", "save", 194, 230, 66, 14, {p("Label", tr(T::saveReport, ind))});
    b.add("Button", "close", 264, 230, 60, 14,
          {p("Label", tr(T::close, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_OK)), p("DefaultButton", true)});
    auto dlg = b.create(parentOf(frame));
    control<awt::XButton>(b.controls(), "save")->addActionListener(new SaveReport(ctx, frame, r, ind));
    dlg->execute();
    uno::Reference<lang::XComponent>(dlg, uno::UNO_QUERY_THROW)->dispose();
}

} // namespace

void runVerifyCommand(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame)
{
    const bool ind = uiIndonesian(ctx);
    static const Text title = T::failed;
    atMenuBoundary(
        ctx, frame,
        [&] {
            std::optional<OUString> url = openPdf(frame);
            if (!url)
                url = askForPdf(ctx, ind);
            if (url)
                showVerdict(ctx, frame, verifyInOffice(ctx, *url), ind);
        },
        &title);
}

} // namespace bsre::ext
