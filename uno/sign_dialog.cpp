#include "sign_dialog.hpp"

#include "boundary.hpp"
#include "dialog_parts.hpp"
#include "sign_job.hpp"
#include "signature_lines.hpp"
#include "sign_dialog_texts.hpp" // T::, from uno/texts/sign_dialog.tsv

#include <com/sun/star/awt/FontDescriptor.hpp>
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/awt/FontWeight.hpp>
#include <com/sun/star/awt/PushButtonType.hpp>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XFixedText.hpp>
#include <com/sun/star/awt/XItemListener.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/awt/XTextComponent.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/deployment/PackageInformationProvider.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/system/SystemShellExecute.hpp>
#include <com/sun/star/system/SystemShellExecuteFlags.hpp>
#include <com/sun/star/task/XStatusIndicator.hpp>
#include <com/sun/star/task/XStatusIndicatorFactory.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/TemplateDescription.hpp>
#include <cppuhelper/implbase1.hxx>
#include <rtl/ref.hxx>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>

namespace bsre::ext {

using namespace css;

namespace {

// "2026-11-26T01:43:49+07:00" -> "26-11-2026 01:43:49 +07:00", as on the appearance.
std::string displayTime(const std::string& iso)
{
    if (iso.size() < 19)
        return iso;
    return iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4) + " " + iso.substr(11, 8) + " " +
           iso.substr(19);
}

// A UTC time ("...Z", as a timestamp token gives it) in the zone of
// `zoned` (the signing time, "...+07:00"), so both read alike.
std::string inZoneOf(const std::string& utc, const std::string& zoned)
{
    if (utc.size() < 20 || utc[19] != 'Z' || zoned.size() < 25)
        return utc;
    std::tm tm{};
    if (std::sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec) != 6)
        return utc;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    const std::string off = zoned.substr(zoned.size() - 6); // "+07:00"
    const int minutes = (off[0] == '-' ? -1 : 1) * (std::atoi(off.substr(1, 2).c_str()) * 60 + std::atoi(off.substr(4, 2).c_str()));
    return bsre::isoDate(std::chrono::system_clock::from_time_t(timegm(&tm)), minutes);
}

// The "Signature field" list: the document's Signature Lines (or, for a PDF,
// its empty signature fields), then "New signature". A line or field makes
// the page, position and visible controls meaningless: they are disabled.
class FieldSelection : public cppu::WeakImplHelper1<awt::XItemListener> {
public:
    struct Entry {
        OUString label;
        std::string id; // line id or field name; empty: a new signature
    };
    FieldSelection(std::vector<Entry> entries, std::vector<SignatureLine> lines,
                   uno::Reference<awt::XControlContainer> controls, bool lockVisible)
        : entries_(std::move(entries)), lines_(std::move(lines)), controls_(std::move(controls)),
          lockVisible_(lockVisible)
    {
    }
    // The entry the certificate's holder is asked to sign, if any.
    std::optional<size_t> matchFor(const crypto::CertInfo& cert) const
    {
        if (!lines_.empty())
            return lineForCertificate(lines_, cert);
        // A PDF's fields carry the line ids: "budi-santoso", "budi-santoso-2".
        const std::string want = lineSlug(cert.commonName);
        for (size_t i = 0; !want.empty() && i < entries_.size(); ++i) {
            const std::string& id = entries_[i].id;
            if (id == want || (id.rfind(want + "-", 0) == 0 &&
                               id.find_first_not_of("0123456789", want.size() + 1) == std::string::npos))
                return i;
        }
        return std::nullopt;
    }
    void select(size_t i)
    {
        list()->selectItemPos(static_cast<sal_Int16>(i), true);
        apply(i);
    }
    void certificateChanged(const crypto::CertInfo& cert)
    {
        if (auto i = matchFor(cert))
            select(*i);
    }
    void SAL_CALL itemStateChanged(const awt::ItemEvent& e) override
    {
        if (e.Selected >= 0)
            apply(static_cast<size_t>(e.Selected));
    }
    void SAL_CALL disposing(const lang::EventObject&) override {}

private:
    uno::Reference<awt::XListBox> list() const
    {
        return uno::Reference<awt::XListBox>(controls_->getControl("field"), uno::UNO_QUERY_THROW);
    }
    void enable(const char* name, bool on) const
    {
        uno::Reference<awt::XControl> c = controls_->getControl(OUString::createFromAscii(name));
        if (c.is())
            uno::Reference<beans::XPropertySet>(c->getModel(), uno::UNO_QUERY_THROW)
                ->setPropertyValue("Enabled", uno::Any(on));
    }
    void apply(size_t i) const
    {
        const bool newOne = i >= entries_.size() || entries_[i].id.empty();
        enable("visible", newOne && !lockVisible_);
        enable("page", newOne);
        enable("lposition", newOne);
        enable("position", newOne);
    }

    std::vector<Entry> entries_;
    std::vector<SignatureLine> lines_;
    uno::Reference<awt::XControlContainer> controls_;
    bool lockVisible_;
};

class BrowseOutput : public cppu::WeakImplHelper1<awt::XActionListener> {
public:
    BrowseOutput(uno::Reference<uno::XComponentContext> ctx, uno::Reference<awt::XTextComponent> field)
        : ctx_(std::move(ctx)), field_(std::move(field))
    {
    }
    void SAL_CALL actionPerformed(const awt::ActionEvent&) override
    {
        auto picker = ui::dialogs::FilePicker::createWithMode(ctx_, ui::dialogs::TemplateDescription::FILESAVE_SIMPLE);
        picker->appendFilter("PDF", "*.pdf");
        std::filesystem::path current(fromU(field_->getText()));
        picker->setDisplayDirectory(fileUrl(current.parent_path().string()));
        picker->setDefaultName(toU(current.filename().string()));
        if (picker->execute() == ui::dialogs::ExecutableDialogResults::OK && picker->getSelectedFiles().getLength())
            field_->setText(toU(systemPath(picker->getSelectedFiles()[0])));
    }
    void SAL_CALL disposing(const lang::EventObject&) override {}

private:
    uno::Reference<uno::XComponentContext> ctx_;
    uno::Reference<awt::XTextComponent> field_;
};

// The result: file, signer, time, validity; "Open PDF" opens it.
void showResult(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame,
                const JobResult& r, const Settings& settings, bool ind, bool showFields)
{
    DialogBuilder b(ctx, tr(T::resultTitle, ind), 300, 150);
    b.add("ImageControl", "logo", 6, 6, 36, 36, {p("ImageURL", logoUrl(ctx, settings)), p("ScaleImage", true), p("Border", sal_Int16(0))});
    b.add("FixedText", "head", 48, 8, 226, 12, {p("Label", tr(T::resultTitle, ind)), p("FontDescriptor", bold())});
    int y = 26;
    auto row = [&](const Text& label, const OUString& value, int lines = 1) {
        b.add("FixedText", (std::string("l") + std::to_string(y)).c_str(), 48, y, 84, 10, {p("Label", tr(label, ind))});
        // NoLabel: a value is not a mnemonic label for the next control.
        b.add("FixedText", (std::string("v") + std::to_string(y)).c_str(), 134, y, 160, 10 * lines,
              {p("Label", value), p("MultiLine", true), p("NoLabel", true)});
        y += 10 * lines + 2;
    };
    const std::string file = systemPath(r.outputUrl);
    row(T::file, toU(file), file.size() > 46 ? 2 : 1);
    row(T::signer, toU(r.signerName));
    if (showFields && !r.fieldName.empty())
        row(T::field, toU(r.fieldName));
    if (showFields && !r.emptyFields.empty()) {
        std::string names;
        for (const std::string& f : r.emptyFields)
            names += (names.empty() ? "" : ", ") + f;
        row(T::stillEmpty, toU(names), names.size() > 40 ? 2 : 1);
    }
    row(T::time, toU(displayTime(r.signingTime)));
    row(T::level, toU("PAdES " + r.level));
    if (!r.timestampTime.empty())
        row(T::timestamp, toU(displayTime(inZoneOf(r.timestampTime, r.signingTime)) + " (" + r.tsaName + ")"), r.tsaName.size() > 20 ? 2 : 1);
    row(T::ltv, r.ltvMaterial ? toU(r.ltvSummary) : tr(T::ltvNone, ind));
    std::string v = r.verified ? (ind ? T::valid.id : T::valid.en) : "";
    int rows = 1;
    for (const std::string& w : r.warnings) {
        v += (v.empty() ? "" : "\n") + w;
        rows += std::max<int>(2, static_cast<int>(w.size() / 44 + 1)); // about 44 characters a row
    }
    row(T::validity, toU(v), rows);
    y += 4;
    b.add("Button", "open", 170, y, 60, 14,
          {p("Label", tr(T::openPdf, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_OK)), p("DefaultButton", true)});
    b.add("Button", "close", 234, y, 60, 14,
          {p("Label", tr(T::close, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_CANCEL))});
    auto dlg = b.create(parentOf(frame));
    uno::Reference<beans::XPropertySet>(uno::Reference<awt::XControl>(dlg, uno::UNO_QUERY_THROW)->getModel(),
                                        uno::UNO_QUERY_THROW)
        ->setPropertyValue("Height", uno::Any(sal_Int32(y + 20)));
    if (dlg->execute() == 1) {
        try {
            auto shell = system::SystemShellExecute::create(ctx);
            shell->execute(r.outputUrl, {}, system::SystemShellExecuteFlags::URIS_ONLY);
        } catch (const uno::Exception&) {
        }
    }
    uno::Reference<lang::XComponent>(dlg, uno::UNO_QUERY_THROW)->dispose();
}

void showError(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame,
               const OUString& message, const Settings& settings, bool ind, const OUString& title = {})
{
    DialogBuilder b(ctx, title.isEmpty() ? tr(T::failed, ind) : title, 240, 80);
    b.add("ImageControl", "logo", 6, 6, 30, 30, {p("ImageURL", logoUrl(ctx, settings)), p("ScaleImage", true), p("Border", sal_Int16(0))});
    b.add("FixedText", "msg", 42, 8, 192, 48, {p("Label", message), p("MultiLine", true)});
    b.add("Button", "close", 174, 60, 60, 14,
          {p("Label", tr(T::close, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_OK)), p("DefaultButton", true)});
    auto dlg = b.create(parentOf(frame));
    dlg->execute();
    uno::Reference<lang::XComponent>(dlg, uno::UNO_QUERY_THROW)->dispose();
}

// One run of the menu command: the sign dialog until a signature is made or
// the person cancels, then the result. A failure keeps the dialog open with
// its sentence (wrong PIN and tries left, ...); an existing output is
// replaced only after asking.

// The name in LibreOffice's user data (Tools ▸ Options ▸ User Data): the
// officer's, shown in a BSrE account's visible block (its certificate is
// known only after the service signed).
std::string profileName(const uno::Reference<uno::XComponentContext>& ctx)
{
    try {
        uno::Reference<lang::XMultiServiceFactory> provider(
            ctx->getServiceManager()->createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx),
            uno::UNO_QUERY_THROW);
        beans::NamedValue path("nodepath", uno::Any(OUString("/org.openoffice.UserProfile/Data")));
        uno::Sequence<uno::Any> args(1);
        args.getArray()[0] <<= path;
        uno::Reference<container::XNameAccess> data(
            provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", args),
            uno::UNO_QUERY_THROW);
        OUString given, family;
        data->getByName("givenname") >>= given;
        data->getByName("sn") >>= family;
        return fromU((given + " " + family).trim());
    } catch (const uno::Exception&) {
        return {};
    }
}

class SignCommand {
public:
    SignCommand(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame)
        : ctx_(ctx), frame_(frame), ind_(uiIndonesian(ctx)), settings_(readSettings(ctx)), job_(ctx, settings_)
    {
        if (frame.is() && frame->getController().is())
            model_ = frame->getController()->getModel();
        pdfInput_ = SignJob::isPdfImport(model_);
    }
    void run();

private:
    void readFields();
    void addHeader(DialogBuilder& b) const;
    void addCertificates(DialogBuilder& b);
    void addSignature(DialogBuilder& b) const;
    void addOutput(DialogBuilder& b) const;
    rtl::Reference<FieldSelection> wire(const uno::Reference<awt::XControlContainer>& c);
    JobOptions optionsFrom(const uno::Reference<awt::XControlContainer>& c, sal_Int16 cert) const;
    std::optional<JobResult> attempt(JobOptions o, const uno::Reference<awt::XControlContainer>& c);
    JobResult runJob(const JobOptions& o, const ProgressFn& progress);
    void showFailureIn(const uno::Reference<awt::XControlContainer>& c, const OUString& message) const;
    const crypto::CertInfo& preselected() const { return certs_[std::max<sal_Int16>(firstUsable_, 0)]; }

    uno::Reference<uno::XComponentContext> ctx_;
    uno::Reference<frame::XFrame> frame_;
    const bool ind_;
    const Settings settings_;
    SignJob job_;
    uno::Reference<frame::XModel> model_;
    bool pdfInput_ = false;
    std::vector<crypto::CertInfo> certs_;
    sal_Int16 firstUsable_ = -1;
    std::vector<SignatureLine> sigLines_;
    std::vector<FieldSelection::Entry> fieldEntries_;
    bool alreadySigned_ = false; // a PDF with signatures gets no notice (it would break them)
    // Keys IT locked: their controls are read-only and their options are not passed.
    const DialogLocks locks_{settings_};
};

void SignCommand::run()
{
    certs_ = job_.certificates(); // a failure: uno/boundary.cpp shows it
    if (bsreAccountOffered(settings_))
        certs_.push_back(bsreAccountEntry(settings_, ind_));
    if (certs_.empty()) {
        showError(ctx_, frame_, tr(T::noCerts, ind_), settings_, ind_);
        return;
    }
    firstUsable_ = firstUsable(certs_);
    readFields();

    DialogBuilder b(ctx_, tr(T::title, ind_), 300, 284);
    addHeader(b);
    addCertificates(b);
    addSignature(b);
    addOutput(b);
    auto dlg = b.create(parentOf(frame_));
    auto c = b.controls();
    rtl::Reference<FieldSelection> fields = wire(c);

    std::optional<JobResult> result;
    while (!result && dlg->execute() == 1) {
        const sal_Int16 sel = control<awt::XListBox>(c, "certs")->getSelectedItemPos();
        if (sel < 0 || !certs_[sel].usable)
            control<awt::XFixedText>(c, "error")->setText(tr(T::chooseUsable, ind_));
        else if (isBsreAccount(certs_[sel]) && control<awt::XTextComponent>(c, "bsreid")->getText().trim().isEmpty())
            control<awt::XFixedText>(c, "error")->setText(tr(T::bsreIdMissing, ind_));
        else
            result = attempt(optionsFrom(c, sel), c);
    }
    uno::Reference<lang::XComponent>(dlg, uno::UNO_QUERY_THROW)->dispose();
    if (result)
        showResult(ctx_, frame_, *result, settings_, ind_, fieldEntries_.size() > 1);
}

// The document's Signature Lines, or the PDF's empty signature fields, then
// "New signature".
void SignCommand::readFields()
{
    try {
        if (pdfInput_) {
            const PdfSignatureState state = pdfSignatureState(systemPath(model_->getURL()));
            alreadySigned_ = state.signatures > 0;
            for (const std::string& f : state.emptyFields)
                fieldEntries_.push_back({toU(f), f});
        } else if (model_.is()) {
            sigLines_ = listSignatureLines(model_);
            for (const SignatureLine& l : sigLines_) {
                std::string label = l.suggestedName;
                if (!l.suggestedTitle.empty())
                    label += (label.empty() ? "" : " — ") + l.suggestedTitle;
                if (label.empty())
                    label = l.id;
                if (l.inHeaderOrFooter)
                    label += std::string(" (") + (ind_ ? T::footerLine.id : T::footerLine.en) + ")";
                fieldEntries_.push_back({toU(label), l.id});
            }
        }
    } catch (const uno::Exception&) {
        // Unreadable lines: the job reports it when signing.
    }
    fieldEntries_.push_back({tr(T::newSignature, ind_), {}});
}

void SignCommand::addHeader(DialogBuilder& b) const
{
    addDialogHeader(b, logoUrl(ctx_, settings_), tr(T::title, ind_), tr(pdfInput_ ? T::introPdf : T::intro, ind_), 300);
}

// With a BSrE account offered, the list is shorter by a row for its NIK or e-mail.
void SignCommand::addCertificates(DialogBuilder& b)
{
    const bool account = bsreAccountOffered(settings_);
    const int y = addCertificateChoice(b, certs_, firstUsable_, 46, account ? 36 : 50, ind_);
    if (account)
        addBsreAccountRow(b, y, isBsreAccount(preselected()), ind_);
}

// Reason, location, the signature field (a line or a PDF's empty field, else
// a new one), visible on which page and corner, the notice band.
void SignCommand::addSignature(DialogBuilder& b) const
{
    addReasonAndLocation(b, 164, settings_, locks_, ind_);
    uno::Sequence<OUString> fieldNames(static_cast<sal_Int32>(fieldEntries_.size()));
    for (size_t i = 0; i < fieldEntries_.size(); ++i)
        fieldNames.getArray()[i] = fieldEntries_[i].label;
    b.add("FixedText", "lfield", 6, 196, 62, 10, {p("Label", tr(T::field, ind_))});
    b.add("ListBox", "field", 70, 194, 224, 12,
          {p("StringItemList", fieldNames), p("Dropdown", true), p("SelectedItems", seq<sal_Int16>({0})),
           p("Enabled", fieldEntries_.size() > 1)});
    addPlacement(b, 214, settings_, locks_, !alreadySigned_, ind_);
}

void SignCommand::addOutput(DialogBuilder& b) const
{
    const std::string source = model_.is() ? systemPath(model_->getURL()) : std::string();
    b.add("FixedText", "loutput", 6, 248, 62, 10, {p("Label", tr(T::output, ind_))});
    b.add("Edit", "output", 70, 246, 206, 12,
          {p("Text", toU(source.empty() ? std::string() : job_.defaultOutput(source))), p("ReadOnly", locks_.output)});
    b.add("Button", "browse", 280, 246, 14, 12, {p("Label", toU("…")), p("Enabled", !locks_.output)});
    b.add("FixedText", "error", 6, 262, 160, 20,
          {p("Label", OUString()), p("MultiLine", true), p("TextColor", sal_Int32(0xC00000))});
    b.add("Button", "sign", 170, 266, 60, 14,
          {p("Label", tr(T::sign, ind_)), p("PushButtonType", sal_Int16(awt::PushButtonType_OK)), p("DefaultButton", true)});
    b.add("Button", "cancel", 234, 266, 60, 14,
          {p("Label", tr(T::cancel, ind_)), p("PushButtonType", sal_Int16(awt::PushButtonType_CANCEL))});
}

// Listeners: the field choice enables page and position, the certificate
// choice shows its details and its holder's line, "…" picks the output.
rtl::Reference<FieldSelection> SignCommand::wire(const uno::Reference<awt::XControlContainer>& c)
{
    rtl::Reference<FieldSelection> fieldChoice(new FieldSelection(fieldEntries_, sigLines_, c, locks_.visible));
    control<awt::XListBox>(c, "field")->addItemListener(fieldChoice.get());
    // Pre-selected: the line of the first usable certificate's holder, else
    // the first line or field (the order signers usually go in).
    std::optional<size_t> first;
    if (fieldEntries_.size() > 1)
        first = 0;
    if (auto m = fieldChoice->matchFor(preselected()))
        first = m;
    fieldChoice->select(first.value_or(0));
    control<awt::XListBox>(c, "certs")->addItemListener(
        new CertSelection(certs_, control<awt::XFixedText>(c, "certinfo"), ind_,
                          [fieldChoice, c, ind = ind_](const crypto::CertInfo& cert) {
                              fieldChoice->certificateChanged(cert);
                              enableBsreAccountRow(c, isBsreAccount(cert), ind);
                          }));
    control<awt::XButton>(c, "browse")->addActionListener(
        new BrowseOutput(ctx_, control<awt::XTextComponent>(c, "output")));
    return fieldChoice;
}

// What the person entered; a locked key's control is not read, so its
// setting applies.
JobOptions SignCommand::optionsFrom(const uno::Reference<awt::XControlContainer>& c, sal_Int16 cert) const
{
    JobOptions o;
    o.certificate = certs_[cert].fingerprint;
    readSignatureControls(c, locks_, !alreadySigned_, o);
    if (isBsreAccount(certs_[cert])) {
        o.certificate.clear();
        o.bsreAccount = fromU(control<awt::XTextComponent>(c, "bsreid")->getText().trim());
        o.oneTimeCode = modelValue<sal_Int16>(c, "bsreotp", "State", 0) == 1;
        o.signerName = profileName(ctx_);
    }
    const sal_Int16 chosenField = control<awt::XListBox>(c, "field")->getSelectedItemPos();
    if (chosenField >= 0 && chosenField < static_cast<sal_Int16>(fieldEntries_.size()) &&
        !fieldEntries_[chosenField].id.empty())
        o.field = fieldEntries_[chosenField].id;
    else
        o.newSignature = true; // "New signature": the lines (if any) stay empty fields
    if (!locks_.output) {
        const std::string out = fromU(control<awt::XTextComponent>(c, "output")->getText());
        if (!out.empty())
            o.outputUrl = fileUrl(out);
    }
    return o;
}

std::optional<JobResult> SignCommand::attempt(JobOptions o, const uno::Reference<awt::XControlContainer>& c)
{
    StatusBar bar(frame_, T::title, ind_);
    try {
        return runJob(o, bar.progress());
    } catch (...) {
        const Failure f = currentFailure(ind_);
        const bool replace = f.code == Code::OutputExists && !locks_.output &&
                             confirmReplace(ctx_, frame_, tr(T::overwriteAsk, ind_) + "\n" + control<awt::XTextComponent>(c, "output")->getText(), ind_);
        if (!replace) {
            showFailureIn(c, f.message);
            return std::nullopt;
        }
    }
    o.overwrite = true;
    try {
        return runJob(o, bar.progress());
    } catch (...) {
        showFailureIn(c, currentFailure(ind_).message);
        return std::nullopt;
    }
}

JobResult SignCommand::runJob(const JobOptions& o, const ProgressFn& progress)
{
    return pdfInput_ ? job_.signPdf(model_->getURL(), o, progress) : job_.signDocument(model_, o, progress);
}

void SignCommand::showFailureIn(const uno::Reference<awt::XControlContainer>& c, const OUString& message) const
{
    control<awt::XFixedText>(c, "error")->setText(message + " " + tr(T::unchanged, ind_));
}

} // namespace

void showFailure(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame,
                 const OUString& message, bool indonesian, const OUString& title)
{
    showError(ctx, frame, message, readSettings(ctx), indonesian, title);
}

void runSignCommand(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame)
{
    SignCommand(ctx, frame).run();
}

} // namespace bsre::ext
