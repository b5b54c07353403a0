#include "sign_dialog.hpp"

#include "boundary.hpp"
#include "dialog_util.hpp"
#include "sign_job.hpp"
#include "signature_lines.hpp"

#include <com/sun/star/awt/FontDescriptor.hpp>
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

namespace T {
const Text title{"Sign with BSrE", "Tandatangani dengan BSrE"};
const Text intro{"The document is exported to PDF and signed; the document itself is not changed.",
                 "Dokumen diekspor ke PDF lalu ditandatangani; dokumennya sendiri tidak diubah."};
const Text introPdf{"This PDF is signed as it is; the original file is not changed.",
                    "PDF ini ditandatangani apa adanya; berkas aslinya tidak diubah."};
const Text certificate{"Certificate:", "Sertifikat:"};
const Text pin{"PIN:", "PIN:"};
const Text pinHint{"Leave empty when the certificate database has no password.",
                   "Kosongkan bila basis data sertifikat tidak memakai kata sandi."};
const Text reason{"Reason:", "Alasan:"};
const Text location{"Location:", "Lokasi:"};
const Text visible{"Visible signature on page", "Tanda tangan terlihat di halaman"};
const Text notice{"BSrE notice band", "Pita keterangan BSrE"};
const Text position{"Position:", "Posisi:"};
const Text corners[4] = {{"bottom right", "kanan bawah"}, {"bottom left", "kiri bawah"},
                         {"top right", "kanan atas"}, {"top left", "kiri atas"}};
const char* cornerIds[4] = {"BottomRight", "BottomLeft", "TopRight", "TopLeft"};
const Text output{"Output file:", "Berkas keluaran:"};
const Text field{"Signature field:", "Kolom tanda tangan:"};
const Text newSignature{"New signature (page/position below)", "Tanda tangan baru (halaman/posisi di bawah)"};
const Text footerLine{"header/footer", "kepala/kaki halaman"};
const Text stillEmpty{"Still to sign:", "Belum ditandatangani:"};
const Text sign{"Sign", "Tandatangani"};
const Text cancel{"Cancel", "Batal"};
const Text close{"Close", "Tutup"};
const Text openPdf{"Open PDF", "Buka PDF"};
const Text validUntil{"valid until", "berlaku sampai"};
const Text issuer{"Issuer:", "Penerbit:"};
const Text token{"Token:", "Token:"};
const Text notUsable{"cannot sign", "tidak dapat menandatangani"};
const Text chooseUsable{"Choose a certificate that can sign.", "Pilih sertifikat yang dapat menandatangani."};
const Text noCerts{"No certificate was found in LibreOffice's certificate database (Tools ▸ Options ▸ Security ▸ Certificate Path) or on a connected token.",
                   "Tidak ada sertifikat di basis data sertifikat LibreOffice (Alat ▸ Opsi ▸ Keamanan ▸ Jalur Sertifikat) maupun di token yang terhubung."};
const Text resultTitle{"Signed with BSrE", "Ditandatangani dengan BSrE"};
const Text file{"File:", "Berkas:"};
const Text signer{"Signer:", "Penanda tangan:"};
const Text time{"Signing time:", "Waktu penandatanganan:"};
const Text validity{"Verification:", "Verifikasi:"};
const Text valid{"valid: integrity intact, certificate trusted", "sah: integritas utuh, sertifikat dipercaya"};
const Text level{"Level:", "Level:"};
const Text timestamp{"Timestamp:", "Stempel waktu:"};
const Text ltv{"LTV data:", "Data LTV:"};
const Text ltvNone{"none", "tidak ada"};
const Text failed{"Signing failed", "Penandatanganan gagal"};
const Text unchanged{"The document was not changed.", "Dokumen tidak diubah."};
const Text overwriteTitle{"Replace the file?", "Timpa berkas?"};
const Text overwriteAsk{"The output file already exists. Replace it with the signed PDF?",
                        "Berkas keluaran sudah ada. Ganti dengan PDF yang ditandatangani?"};
const Text replace{"Replace", "Timpa"};
} // namespace T

std::string shortDate(const std::string& iso) { return iso.substr(0, 10); }

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

// One short line per certificate; the token and the reason go in the
// details below the list.
OUString certLine(const crypto::CertInfo& c, bool ind)
{
    if (!c.usable)
        return toU("✗ " + c.commonName + " — " + (ind ? T::notUsable.id : T::notUsable.en));
    std::string s = c.commonName;
    if (!c.organisation.empty())
        s += " — " + c.organisation;
    return toU(s + " — " + (ind ? T::validUntil.id : T::validUntil.en) + " " + shortDate(c.notAfter));
}

OUString certDetails(const crypto::CertInfo& c, bool ind)
{
    std::string s = std::string(ind ? T::issuer.id : T::issuer.en) + " " + c.issuer + "\n" +
                    (ind ? T::token.id : T::token.en) + " " + c.token;
    if (!c.usable)
        s += "\n" + (ind ? c.problemId : c.problemEn);
    return toU(s);
}

OUString logoUrl(const uno::Reference<uno::XComponentContext>& ctx, const Settings& s)
{
    if (!s.logoPath.empty() && std::filesystem::exists(s.logoPath))
        return fileUrl(s.logoPath);
    try {
        auto pip = deployment::PackageInformationProvider::get(ctx);
        OUString root = pip->getPackageLocation("id.bsresign.libreoffice");
        if (!root.isEmpty())
            return root + "/icons/placeholder-logo.png";
    } catch (const uno::Exception&) {
    }
    return {};
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

class CertSelection : public cppu::WeakImplHelper1<awt::XItemListener> {
public:
    CertSelection(std::vector<crypto::CertInfo> certs, uno::Reference<awt::XFixedText> info, bool ind,
                  rtl::Reference<FieldSelection> fields)
        : certs_(std::move(certs)), info_(std::move(info)), ind_(ind), fields_(std::move(fields))
    {
    }
    void SAL_CALL itemStateChanged(const awt::ItemEvent& e) override
    {
        if (e.Selected >= 0 && e.Selected < static_cast<sal_Int32>(certs_.size())) {
            info_->setText(certDetails(certs_[e.Selected], ind_));
            if (fields_.is())
                fields_->certificateChanged(certs_[e.Selected]);
        }
    }
    void SAL_CALL disposing(const lang::EventObject&) override {}

private:
    std::vector<crypto::CertInfo> certs_;
    uno::Reference<awt::XFixedText> info_;
    bool ind_;
    rtl::Reference<FieldSelection> fields_;
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

template <class I>
uno::Reference<I> control(const uno::Reference<awt::XControlContainer>& c, const char* name)
{
    return uno::Reference<I>(c->getControl(OUString::createFromAscii(name)), uno::UNO_QUERY_THROW);
}

uno::Reference<awt::XWindowPeer> parentOf(const uno::Reference<frame::XFrame>& frame)
{
    if (!frame.is())
        return {};
    return uno::Reference<awt::XWindowPeer>(frame->getContainerWindow(), uno::UNO_QUERY);
}

awt::FontDescriptor bold()
{
    awt::FontDescriptor f;
    f.Weight = awt::FontWeight::BOLD;
    f.Height = 11;
    return f;
}

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
               const OUString& message, const Settings& settings, bool ind)
{
    DialogBuilder b(ctx, tr(T::failed, ind), 240, 80);
    b.add("ImageControl", "logo", 6, 6, 30, 30, {p("ImageURL", logoUrl(ctx, settings)), p("ScaleImage", true), p("Border", sal_Int16(0))});
    b.add("FixedText", "msg", 42, 8, 192, 48, {p("Label", message), p("MultiLine", true)});
    b.add("Button", "close", 174, 60, 60, 14,
          {p("Label", tr(T::close, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_OK)), p("DefaultButton", true)});
    auto dlg = b.create(parentOf(frame));
    dlg->execute();
    uno::Reference<lang::XComponent>(dlg, uno::UNO_QUERY_THROW)->dispose();
}

bool confirmOverwrite(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame,
                      const std::string& path, bool ind)
{
    DialogBuilder b(ctx, tr(T::overwriteTitle, ind), 240, 70);
    b.add("FixedText", "msg", 6, 8, 228, 36, {p("Label", tr(T::overwriteAsk, ind) + "\n" + toU(path)), p("MultiLine", true)});
    b.add("Button", "yes", 110, 50, 60, 14,
          {p("Label", tr(T::replace, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_OK))});
    b.add("Button", "no", 174, 50, 60, 14,
          {p("Label", tr(T::cancel, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_CANCEL)), p("DefaultButton", true)});
    auto dlg = b.create(parentOf(frame));
    bool yes = dlg->execute() == 1;
    uno::Reference<lang::XComponent>(dlg, uno::UNO_QUERY_THROW)->dispose();
    return yes;
}

} // namespace

void showFailure(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame,
                 const OUString& message, bool indonesian)
{
    showError(ctx, frame, message, readSettings(ctx), indonesian);
}

void runSignCommand(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame)
{
    const bool ind = uiIndonesian(ctx);
    const Settings settings = readSettings(ctx);
    SignJob job(ctx, settings);
    uno::Reference<frame::XModel> model;
    if (frame.is() && frame->getController().is())
        model = frame->getController()->getModel();
    const bool pdfInput = SignJob::isPdfImport(model);

    const std::vector<crypto::CertInfo> certs = job.certificates(); // a failure: uno/boundary.cpp shows it
    if (certs.empty()) {
        showError(ctx, frame, tr(T::noCerts, ind), settings, ind);
        return;
    }

    // The document's Signature Lines, or the PDF's empty signature fields.
    std::vector<SignatureLine> sigLines;
    std::vector<FieldSelection::Entry> fieldEntries;
    bool alreadySigned = false; // a PDF with signatures gets no notice (it would break them)
    try {
        if (pdfInput) {
            const PdfSignatureState state = pdfSignatureState(systemPath(model->getURL()));
            alreadySigned = state.signatures > 0;
            for (const std::string& f : state.emptyFields)
                fieldEntries.push_back({toU(f), f});
        } else if (model.is()) {
            sigLines = listSignatureLines(model);
            for (const SignatureLine& l : sigLines) {
                std::string label = l.suggestedName;
                if (!l.suggestedTitle.empty())
                    label += (label.empty() ? "" : " — ") + l.suggestedTitle;
                if (label.empty())
                    label = l.id;
                if (l.inHeaderOrFooter)
                    label += std::string(" (") + (ind ? T::footerLine.id : T::footerLine.en) + ")";
                fieldEntries.push_back({toU(label), l.id});
            }
        }
    } catch (const uno::Exception&) {
        // Unreadable lines: the job reports it when signing.
    }
    fieldEntries.push_back({tr(T::newSignature, ind), {}});

    DialogBuilder b(ctx, tr(T::title, ind), 300, 284);
    b.add("ImageControl", "logo", 6, 6, 36, 36, {p("ImageURL", logoUrl(ctx, settings)), p("ScaleImage", true), p("Border", sal_Int16(0))});
    b.add("FixedText", "head", 48, 8, 246, 12, {p("Label", tr(T::title, ind)), p("FontDescriptor", bold())});
    b.add("FixedText", "intro", 48, 22, 246, 20, {p("Label", tr(pdfInput ? T::introPdf : T::intro, ind)), p("MultiLine", true)});
    b.add("FixedText", "lcert", 6, 46, 288, 10, {p("Label", tr(T::certificate, ind))});
    uno::Sequence<OUString> lines(static_cast<sal_Int32>(certs.size()));
    sal_Int16 firstUsable = -1;
    for (size_t i = 0; i < certs.size(); ++i) {
        lines.getArray()[i] = certLine(certs[i], ind);
        if (firstUsable < 0 && certs[i].usable)
            firstUsable = static_cast<sal_Int16>(i);
    }
    b.add("ListBox", "certs", 6, 56, 288, 50,
          {p("StringItemList", lines), p("SelectedItems", seq<sal_Int16>({std::max<sal_Int16>(firstUsable, 0)}))});
    b.add("FixedText", "certinfo", 6, 108, 288, 26,
          {p("Label", certDetails(certs[std::max<sal_Int16>(firstUsable, 0)], ind)), p("MultiLine", true)});
    b.add("FixedText", "lpin", 6, 146, 62, 10, {p("Label", tr(T::pin, ind))});
    b.add("Edit", "pin", 70, 144, 80, 12, {p("EchoChar", sal_Int16('*'))});
    b.add("FixedText", "pinhint", 156, 144, 138, 18, {p("Label", tr(T::pinHint, ind)), p("MultiLine", true)});
    const bool lockReason = settings.isLocked("Signing/DefaultReason");
    const bool lockLocation = settings.isLocked("Signing/DefaultLocation");
    const bool lockVisible = settings.isLocked("Signing/Visible");
    const bool lockOutput = settings.isLocked("Signing/OutputPattern");
    b.add("FixedText", "lreason", 6, 164, 62, 10, {p("Label", tr(T::reason, ind))});
    b.add("Edit", "reason", 70, 162, 224, 12, {p("Text", toU(settings.defaultReason)), p("ReadOnly", lockReason)});
    b.add("FixedText", "llocation", 6, 180, 62, 10, {p("Label", tr(T::location, ind))});
    b.add("Edit", "location", 70, 178, 224, 12, {p("Text", toU(settings.defaultLocation)), p("ReadOnly", lockLocation)});
    // The signature field: a line (or a PDF's empty field), else a new one.
    uno::Sequence<OUString> fieldNames(static_cast<sal_Int32>(fieldEntries.size()));
    for (size_t i = 0; i < fieldEntries.size(); ++i)
        fieldNames.getArray()[i] = fieldEntries[i].label;
    b.add("FixedText", "lfield", 6, 196, 62, 10, {p("Label", tr(T::field, ind))});
    b.add("ListBox", "field", 70, 194, 224, 12,
          {p("StringItemList", fieldNames), p("Dropdown", true), p("SelectedItems", seq<sal_Int16>({0})),
           p("Enabled", fieldEntries.size() > 1)});
    b.add("CheckBox", "visible", 6, 214, 150, 10,
          {p("Label", tr(T::visible, ind)), p("State", sal_Int16(settings.visible ? 1 : 0)), p("Enabled", !lockVisible)});
    const bool lockNotice = settings.isLocked("Notice/Enabled");
    uno::Sequence<OUString> cornerNames(4);
    for (int i = 0; i < 4; ++i)
        cornerNames.getArray()[i] = tr(T::corners[i], ind);
    b.add("FixedText", "lposition", 6, 230, 62, 10, {p("Label", tr(T::position, ind))});
    b.add("ListBox", "position", 70, 228, 80, 12,
          {p("StringItemList", cornerNames), p("Dropdown", true), p("SelectedItems", seq<sal_Int16>({0}))});
    b.add("CheckBox", "notice", 200, 214, 94, 10,
          {p("Label", tr(T::notice, ind)), p("State", sal_Int16(settings.noticeEnabled && !alreadySigned ? 1 : 0)),
           p("Enabled", !lockNotice && !alreadySigned)});
    b.add("NumericField", "page", 160, 212, 30, 12,
          {p("Value", 1.0), p("ValueMin", 1.0), p("ValueMax", 9999.0), p("DecimalAccuracy", sal_Int16(0)), p("Spin", true)});
    const std::string source = model.is() ? systemPath(model->getURL()) : std::string();
    b.add("FixedText", "loutput", 6, 248, 62, 10, {p("Label", tr(T::output, ind))});
    b.add("Edit", "output", 70, 246, 206, 12,
          {p("Text", toU(source.empty() ? std::string() : job.defaultOutput(source))), p("ReadOnly", lockOutput)});
    b.add("Button", "browse", 280, 246, 14, 12, {p("Label", toU("…")), p("Enabled", !lockOutput)});
    b.add("FixedText", "error", 6, 262, 160, 20, {p("Label", OUString()), p("MultiLine", true), p("TextColor", sal_Int32(0xC00000))});
    b.add("Button", "sign", 170, 266, 60, 14,
          {p("Label", tr(T::sign, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_OK)), p("DefaultButton", true)});
    b.add("Button", "cancel", 234, 266, 60, 14,
          {p("Label", tr(T::cancel, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_CANCEL))});

    auto dlg = b.create(parentOf(frame));
    auto c = b.controls();
    rtl::Reference<FieldSelection> fieldChoice(new FieldSelection(fieldEntries, sigLines, c, lockVisible));
    control<awt::XListBox>(c, "field")->addItemListener(fieldChoice.get());
    // Pre-selected: the line of the first usable certificate's holder, else
    // the first line or field (the order signers usually go in).
    {
        std::optional<size_t> first;
        if (fieldEntries.size() > 1)
            first = 0;
        if (auto m = fieldChoice->matchFor(certs[std::max<sal_Int16>(firstUsable, 0)]))
            first = m;
        fieldChoice->select(first.value_or(0));
    }
    control<awt::XListBox>(c, "certs")->addItemListener(
        new CertSelection(certs, control<awt::XFixedText>(c, "certinfo"), ind, fieldChoice));
    control<awt::XButton>(c, "browse")->addActionListener(
        new BrowseOutput(ctx, control<awt::XTextComponent>(c, "output")));
    auto errorLabel = control<awt::XFixedText>(c, "error");

    std::optional<JobResult> result;
    while (!result && dlg->execute() == 1) {
        sal_Int16 sel = control<awt::XListBox>(c, "certs")->getSelectedItemPos();
        if (sel < 0 || !certs[sel].usable) {
            errorLabel->setText(tr(T::chooseUsable, ind));
            continue;
        }
        JobOptions o;
        o.certificate = certs[sel].fingerprint;
        OUString pin = control<awt::XTextComponent>(c, "pin")->getText();
        if (!pin.isEmpty())
            o.pin = fromU(pin);
        if (!lockReason)
            o.reason = fromU(control<awt::XTextComponent>(c, "reason")->getText());
        if (!lockLocation)
            o.location = fromU(control<awt::XTextComponent>(c, "location")->getText());
        uno::Reference<beans::XPropertySet> visModel(
            uno::Reference<awt::XControl>(c->getControl("visible"), uno::UNO_QUERY_THROW)->getModel(), uno::UNO_QUERY_THROW);
        sal_Int16 state = 0;
        visModel->getPropertyValue("State") >>= state;
        if (!lockVisible)
            o.visible = state == 1;
        uno::Reference<beans::XPropertySet> noticeModel(
            uno::Reference<awt::XControl>(c->getControl("notice"), uno::UNO_QUERY_THROW)->getModel(), uno::UNO_QUERY_THROW);
        sal_Int16 noticeState = 1;
        noticeModel->getPropertyValue("State") >>= noticeState;
        if (!lockNotice && !alreadySigned)
            o.notice = noticeState == 1;
        uno::Reference<beans::XPropertySet> pageModel(
            uno::Reference<awt::XControl>(c->getControl("page"), uno::UNO_QUERY_THROW)->getModel(), uno::UNO_QUERY_THROW);
        double page = 1;
        pageModel->getPropertyValue("Value") >>= page;
        o.page = static_cast<int>(page);
        sal_Int16 chosenField = control<awt::XListBox>(c, "field")->getSelectedItemPos();
        if (chosenField >= 0 && chosenField < static_cast<sal_Int16>(fieldEntries.size()) &&
            !fieldEntries[chosenField].id.empty())
            o.field = fieldEntries[chosenField].id;
        else
            o.newSignature = true; // "New signature": the lines (if any) stay empty fields
        sal_Int16 corner = control<awt::XListBox>(c, "position")->getSelectedItemPos();
        o.position = T::cornerIds[corner >= 0 && corner < 4 ? corner : 0];
        if (!lockOutput) {
            std::string out = fromU(control<awt::XTextComponent>(c, "output")->getText());
            if (!out.empty())
                o.outputUrl = fileUrl(out);
        }

        uno::Reference<task::XStatusIndicator> progress;
        if (uno::Reference<task::XStatusIndicatorFactory> f{frame, uno::UNO_QUERY}; f.is())
            progress = f->createStatusIndicator();
        if (progress.is())
            progress->start(tr(T::title, ind), 100);
        auto report = [&](const Text& step, int percent) {
            if (progress.is()) {
                progress->setText(tr(step, ind));
                progress->setValue(percent);
            }
        };
        try {
            result = pdfInput ? job.signPdf(model->getURL(), o, report) : job.signDocument(model, o, report);
        } catch (...) {
            const Failure f = currentFailure(ind);
            if (f.code == Code::OutputExists && !lockOutput &&
                confirmOverwrite(ctx, frame, fromU(control<awt::XTextComponent>(c, "output")->getText()), ind)) {
                o.overwrite = true;
                try {
                    result = pdfInput ? job.signPdf(model->getURL(), o, report) : job.signDocument(model, o, report);
                } catch (...) {
                    errorLabel->setText(currentFailure(ind).message + " " + tr(T::unchanged, ind));
                }
                if (progress.is())
                    progress->end();
                continue;
            }
            // The dialog stays open with the reason (wrong PIN and tries left, ...).
            errorLabel->setText(f.message + " " + tr(T::unchanged, ind));
        }
        if (progress.is())
            progress->end();
    }
    uno::Reference<lang::XComponent>(dlg, uno::UNO_QUERY_THROW)->dispose();
    if (result)
        showResult(ctx, frame, *result, settings, ind, fieldEntries.size() > 1);
}

} // namespace bsre::ext
