#include "batch_dialog.hpp"

#include "batch_job.hpp"
#include "boundary.hpp"
#include "dialog_parts.hpp"
#include "sign_dialog.hpp"
#include "batch_dialog_texts.hpp" // T::, from uno/texts/batch_dialog.tsv
#include "sign_dialog_texts.hpp"  // T::, from uno/texts/sign_dialog.tsv

#include <com/sun/star/awt/PushButtonType.hpp>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/awt/XTextComponent.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/system/SystemShellExecute.hpp>
#include <com/sun/star/system/SystemShellExecuteFlags.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/FolderPicker.hpp>
#include <com/sun/star/ui/dialogs/TemplateDescription.hpp>
#include <cppuhelper/implbase1.hxx>
#include <rtl/ref.hxx>

#include <algorithm>
#include <filesystem>
#include <memory>

namespace bsre::ext {

using namespace css;
namespace fs = std::filesystem;
namespace dialogs = ui::dialogs;

namespace {

using Files = std::vector<OUString>;

std::string fileName(const OUString& url) { return fs::path(systemPath(url)).filename().string(); }

void disposeDialog(const uno::Reference<awt::XDialog>& dlg)
{
    uno::Reference<lang::XComponent>(dlg, uno::UNO_QUERY_THROW)->dispose();
}

// A folder chosen with LibreOffice's folder picker (empty: cancelled).
OUString pickFolder(const uno::Reference<uno::XComponentContext>& ctx, const Text& title, const OUString& start, bool ind)
{
    auto picker = dialogs::FolderPicker::create(ctx);
    picker->setTitle(tr(title, ind));
    if (!start.isEmpty())
        picker->setDisplayDirectory(start);
    return picker->execute() == dialogs::ExecutableDialogResults::OK ? picker->getDirectory() : OUString();
}

// "Add files…", "Add folder…" and "Remove" beside the list of files, and "…"
// beside the output folder; the list shows each file's path.
class FileButtons : public cppu::WeakImplHelper1<awt::XActionListener> {
public:
    FileButtons(uno::Reference<uno::XComponentContext> ctx, std::shared_ptr<Files> files, const SignJob& job,
                uno::Reference<awt::XControlContainer> c, bool ind)
        : ctx_(std::move(ctx)), files_(std::move(files)), job_(job), c_(std::move(c)), ind_(ind)
    {
        show();
    }
    void SAL_CALL actionPerformed(const awt::ActionEvent& e) override
    {
        if (e.ActionCommand == "addfiles")
            add(pickFiles());
        else if (e.ActionCommand == "addfolder") {
            if (OUString folder = pickFolder(ctx_, T::chooseFolder, {}, ind_); !folder.isEmpty())
                add({folder});
        } else if (e.ActionCommand == "remove")
            remove();
        else if (e.ActionCommand == "browse") {
            auto field = control<awt::XTextComponent>(c_, "outfolder");
            if (OUString folder = pickFolder(ctx_, T::outputFolder, fileUrl(fromU(field->getText())), ind_); !folder.isEmpty())
                field->setText(toU(systemPath(folder)));
        }
    }
    void SAL_CALL disposing(const lang::EventObject&) override {}

private:
    Files pickFiles() const
    {
        auto picker = dialogs::FilePicker::createWithMode(ctx_, dialogs::TemplateDescription::FILEOPEN_SIMPLE);
        picker->setTitle(tr(T::chooseFiles, ind_));
        picker->setMultiSelectionMode(true);
        picker->appendFilter(tr(T::supportedFiles, ind_), toU(supportedPattern()));
        if (picker->execute() != dialogs::ExecutableDialogResults::OK)
            return {};
        const uno::Sequence<OUString> chosen = picker->getSelectedFiles();
        return Files(chosen.begin(), chosen.end());
    }
    void add(const Files& more)
    {
        Files all = *files_;
        all.insert(all.end(), more.begin(), more.end());
        *files_ = expandInputs(all, job_);
        show();
    }
    void remove()
    {
        const uno::Sequence<sal_Int16> chosen = control<awt::XListBox>(c_, "files")->getSelectedItemsPos();
        Files kept;
        for (size_t i = 0; i < files_->size(); ++i)
            if (std::find(chosen.begin(), chosen.end(), static_cast<sal_Int16>(i)) == chosen.end())
                kept.push_back((*files_)[i]);
        *files_ = kept;
        show();
    }
    void show() const
    {
        auto list = control<awt::XListBox>(c_, "files");
        list->removeItems(0, list->getItemCount());
        uno::Sequence<OUString> paths(static_cast<sal_Int32>(files_->size()));
        for (size_t i = 0; i < files_->size(); ++i)
            paths.getArray()[i] = toU(systemPath((*files_)[i]));
        list->addItems(paths, 0);
    }

    uno::Reference<uno::XComponentContext> ctx_;
    std::shared_ptr<Files> files_;
    const SignJob& job_;
    uno::Reference<awt::XControlContainer> c_;
    bool ind_;
};

// The result: how many were signed, then each file with its output or the
// sentence why it was not signed; "Open folder" opens where the PDFs went.
void showBatchResult(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame,
                     const std::vector<FileOutcome>& outcomes, const OUString& folder, const Settings& settings, bool ind)
{
    size_t signedCount = 0;
    std::string text;
    for (const FileOutcome& f : outcomes) {
        signedCount += f.result ? 1 : 0;
        text += (f.result ? "✓ " : "✗ ") + fileName(f.inputUrl) + "\n    ";
        text += f.result ? fromU(tr(T::signedTo, ind)) + " " + systemPath(f.result->outputUrl)
                         : fromU(tr(T::notSigned, ind)) + " " + fromU(f.message);
        for (const std::string& w : f.result ? f.result->warnings : std::vector<std::string>{})
            text += "\n    ⚠ " + w;
        text += "\n";
    }
    const OUString summary = toU(std::to_string(signedCount) + " ") + tr(T::of, ind) +
                             toU(" " + std::to_string(outcomes.size()) + " ") + tr(T::filesSigned, ind);
    // The list grows with the files (about 9 units a line), then scrolls.
    const int height = std::clamp(static_cast<int>(std::count(text.begin(), text.end(), '\n')) * 9 + 8, 60, 150);
    DialogBuilder b(ctx, tr(T::batchResultTitle, ind), 300, height + 72);
    addDialogHeader(b, logoUrl(ctx, settings), tr(T::batchResultTitle, ind), summary, 300)
        ->setPropertyValue("NoLabel", uno::Any(true)); // "3 of 4 ..." is no mnemonic label
    b.add("Edit", "list", 6, 46, 288, height,
          {p("Text", toU(text)), p("MultiLine", true), p("ReadOnly", true), p("VScroll", true)});
    b.add("Button", "open", 170, height + 52, 60, 14,
          {p("Label", tr(T::openFolder, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_OK)),
           p("Enabled", signedCount > 0 && !folder.isEmpty())});
    b.add("Button", "close", 234, height + 52, 60, 14,
          {p("Label", tr(T::close, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_CANCEL)),
           p("DefaultButton", true)});
    auto dlg = b.create(parentOf(frame));
    if (dlg->execute() == 1) {
        try {
            system::SystemShellExecute::create(ctx)->execute(folder, {}, system::SystemShellExecuteFlags::URIS_ONLY);
        } catch (const uno::Exception&) {
        }
    }
    disposeDialog(dlg);
}

// One run of the menu command: the dialog until the batch starts (a wrong
// PIN or a locked option keeps it open with its sentence) or the person
// cancels, then every file with the status bar, then the result.
class BatchCommand {
public:
    BatchCommand(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame)
        : ctx_(ctx), frame_(frame), ind_(uiIndonesian(ctx)), settings_(readSettings(ctx)), batch_(ctx, settings_)
    {
    }
    void run(const Files& initial);

private:
    void addFileList(DialogBuilder& b) const;
    void addOutput(DialogBuilder& b, int y) const;
    BatchOptions optionsFrom(const uno::Reference<awt::XControlContainer>& c, sal_Int16 cert) const;
    bool start(BatchOptions& o, const uno::Reference<awt::XControlContainer>& c);
    std::vector<FileOutcome> signAll();
    OUString resultFolder(const BatchOptions& o, const std::vector<FileOutcome>& outcomes) const;
    void say(const uno::Reference<awt::XControlContainer>& c, const OUString& message) const
    {
        control<awt::XFixedText>(c, "error")->setText(message);
    }

    uno::Reference<uno::XComponentContext> ctx_;
    uno::Reference<frame::XFrame> frame_;
    const bool ind_;
    const Settings settings_;
    BatchJob batch_;
    const DialogLocks locks_{settings_};
    std::vector<crypto::CertInfo> certs_;
    std::shared_ptr<Files> files_ = std::make_shared<Files>();
};

void BatchCommand::run(const Files& initial)
{
    certs_ = batch_.certificates(); // a failure: uno/boundary.cpp shows it
    if (certs_.empty()) {
        showFailure(ctx_, frame_, tr(T::noCerts, ind_), ind_);
        return;
    }
    DialogBuilder b(ctx_, tr(T::batchTitle, ind_), 300, 334);
    addDialogHeader(b, logoUrl(ctx_, settings_), tr(T::batchTitle, ind_), tr(T::batchIntro, ind_), 300);
    addFileList(b);
    int y = addCertificateChoice(b, certs_, firstUsable(certs_), 110, 36, ind_); // four rows
    y = addReasonAndLocation(b, y, settings_, locks_, ind_) + 2;
    addPlacement(b, y, settings_, locks_, true, ind_);
    addOutput(b, y + 36);
    auto dlg = b.create(parentOf(frame_));
    auto c = b.controls();
    *files_ = expandInputs(initial, batch_.job());
    rtl::Reference<FileButtons> buttons(new FileButtons(ctx_, files_, batch_.job(), c, ind_));
    for (const char* name : {"addfiles", "addfolder", "remove", "browse"}) { // the command: the button's name
        control<awt::XButton>(c, name)->setActionCommand(OUString::createFromAscii(name));
        control<awt::XButton>(c, name)->addActionListener(buttons.get());
    }
    control<awt::XListBox>(c, "certs")->addItemListener(
        new CertSelection(certs_, control<awt::XFixedText>(c, "certinfo"), ind_));

    bool started = false;
    while (!started && dlg->execute() == 1) {
        const sal_Int16 sel = control<awt::XListBox>(c, "certs")->getSelectedItemPos();
        if (files_->empty())
            say(c, tr(T::noFiles, ind_));
        else if (sel < 0 || !certs_[sel].usable)
            say(c, tr(T::chooseUsable, ind_));
        else if (BatchOptions o = optionsFrom(c, sel); (started = start(o, c))) {
            disposeDialog(dlg);
            const std::vector<FileOutcome> outcomes = signAll();
            showBatchResult(ctx_, frame_, outcomes, resultFolder(o, outcomes), settings_, ind_);
            return;
        }
    }
    disposeDialog(dlg);
}

void BatchCommand::addFileList(DialogBuilder& b) const
{
    b.add("FixedText", "lfiles", 6, 46, 224, 10, {p("Label", tr(T::files, ind_))});
    b.add("ListBox", "files", 6, 56, 224, 50, {p("MultiSelection", true)});
    const struct {
        const char* name;
        const Text& label;
    } buttons[] = {{"addfiles", T::addFiles}, {"addfolder", T::addFolder}, {"remove", T::removeFiles}};
    int y = 56;
    for (const auto& button : buttons) {
        b.add("Button", button.name, 236, y, 58, 14, {p("Label", tr(button.label, ind_))});
        y += 18;
    }
}

void BatchCommand::addOutput(DialogBuilder& b, int y) const
{
    b.add("FixedText", "loutfolder", 6, y, 62, 10, {p("Label", tr(T::outputFolder, ind_))});
    b.add("Edit", "outfolder", 70, y - 2, 206, 12, {p("ReadOnly", locks_.output)});
    b.add("Button", "browse", 280, y - 2, 14, 12, {p("Label", toU("…")), p("Enabled", !locks_.output)});
    b.add("FixedText", "besideeach", 70, y + 12, 224, 10, {p("Label", tr(T::besideEach, ind_)), p("NoLabel", true)});
    b.add("FixedText", "error", 6, y + 26, 136, 20,
          {p("Label", OUString()), p("MultiLine", true), p("TextColor", sal_Int32(0xC00000))});
    b.add("Button", "sign", 146, y + 30, 84, 14,
          {p("Label", tr(T::signAll, ind_)), p("PushButtonType", sal_Int16(awt::PushButtonType_OK)),
           p("DefaultButton", true)});
    b.add("Button", "cancel", 234, y + 30, 60, 14,
          {p("Label", tr(T::cancel, ind_)), p("PushButtonType", sal_Int16(awt::PushButtonType_CANCEL))});
}

BatchOptions BatchCommand::optionsFrom(const uno::Reference<awt::XControlContainer>& c, sal_Int16 cert) const
{
    BatchOptions o;
    o.job.certificate = certs_[cert].fingerprint;
    o.job.newSignature = false; // a document's Signature Line for the holder is signed, as signDocument does
    readSignatureControls(c, locks_, true, o.job);
    if (const std::string folder = fromU(control<awt::XTextComponent>(c, "outfolder")->getText());
        !locks_.output && !folder.empty())
        o.outputFolder = fileUrl(folder);
    return o;
}

// Existing outputs are replaced only after asking; then the one login. A
// failure stays in the dialog with its sentence.
bool BatchCommand::start(BatchOptions& o, const uno::Reference<awt::XControlContainer>& c)
{
    size_t existing = 0;
    std::string first;
    for (const std::string& out : batch_.outputsFor(*files_, o.outputFolder)) {
        const bool isInput = std::find(files_->begin(), files_->end(), fileUrl(out)) != files_->end();
        if (!isInput && fs::exists(out) && existing++ == 0)
            first = out;
    }
    if (existing > 0) {
        if (locks_.output || !confirmReplace(ctx_, frame_, toU(std::to_string(existing) + " ") + tr(T::existAsk, ind_) +
                                                               "\n" + toU(first), ind_))
            return false;
        o.job.overwrite = true;
    }
    try {
        batch_.begin(o, batchPin(o.job, [this](const std::string& token) { return askBatchPin(ctx_, frame_, token, ind_); }));
        return true;
    } catch (...) {
        say(c, currentFailure(ind_).message + " " + tr(T::filesUnchanged, ind_));
        return false;
    }
}

std::vector<FileOutcome> BatchCommand::signAll()
{
    StatusBar bar(frame_, T::batchTitle, ind_);
    return batch_.run(*files_, [&](const BatchStep& at, const Text& step, int percent) {
        const std::string where = std::to_string(at.index + 1) + "/" + std::to_string(at.total) + " " + at.fileName;
        bar.show(toU(where + " — ") + tr(step, ind_),
                 static_cast<int>((at.index * 100 + static_cast<size_t>(percent)) / std::max<size_t>(at.total, 1)));
    });
}

// The output folder asked for, else the folder of the first signed PDF.
OUString BatchCommand::resultFolder(const BatchOptions& o, const std::vector<FileOutcome>& outcomes) const
{
    if (!o.outputFolder.isEmpty())
        return o.outputFolder;
    for (const FileOutcome& f : outcomes)
        if (f.result)
            return fileUrl(fs::path(systemPath(f.result->outputUrl)).parent_path().string());
    return {};
}

// A Files argument: a sequence of strings, Basic's Array(...) of strings, or one string.
Files filesArgument(const uno::Any& v)
{
    uno::Sequence<OUString> urls;
    uno::Sequence<uno::Any> items;
    OUString one;
    if (v >>= urls)
        return Files(urls.begin(), urls.end());
    Files out;
    if (v >>= items) {
        for (const uno::Any& item : items)
            if (item >>= one)
                out.push_back(one);
    } else if (v >>= one)
        out.push_back(one);
    return out;
}

// The Files argument, else the frame's saved document of a supported kind.
Files initialFiles(const uno::Reference<frame::XFrame>& frame, const uno::Sequence<beans::PropertyValue>& args)
{
    for (const beans::PropertyValue& a : args)
        if (a.Name == "Files")
            return filesArgument(a.Value);
    if (!frame.is() || !frame->getController().is() || !frame->getController()->getModel().is())
        return {};
    const OUString url = frame->getController()->getModel()->getURL();
    if (url.startsWithIgnoreAsciiCase("file:") && isSupportedFile(systemPath(url)))
        return {url};
    return {};
}

} // namespace

std::optional<std::string> askBatchPin(const uno::Reference<uno::XComponentContext>& ctx,
                                       const uno::Reference<frame::XFrame>& frame, const std::string& token, bool ind)
{
    DialogBuilder b(ctx, tr(T::pinTitle, ind), 220, 84);
    b.add("FixedText", "msg", 6, 6, 208, 30, {p("Label", tr(T::pinAsk, ind) + "\n" + toU(token)), p("MultiLine", true)});
    b.add("FixedText", "lpin", 6, 42, 40, 10, {p("Label", tr(T::pin, ind))});
    b.add("Edit", "pin", 48, 40, 100, 12, {p("EchoChar", sal_Int16('*'))});
    b.add("Button", "ok", 90, 64, 60, 14,
          {p("Label", tr(T::ok, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_OK)), p("DefaultButton", true)});
    b.add("Button", "cancel", 154, 64, 60, 14,
          {p("Label", tr(T::cancel, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_CANCEL))});
    auto dlg = b.create(parentOf(frame));
    std::optional<std::string> pin;
    if (dlg->execute() == 1)
        pin = fromU(control<awt::XTextComponent>(b.controls(), "pin")->getText());
    disposeDialog(dlg);
    return pin;
}

void runBatchCommand(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame,
                     const uno::Sequence<beans::PropertyValue>& args)
{
    BatchCommand(ctx, frame).run(initialFiles(frame, args));
}

} // namespace bsre::ext
