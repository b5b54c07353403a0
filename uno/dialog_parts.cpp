#include "dialog_parts.hpp"

#include "sign_dialog_texts.hpp" // T::, from uno/texts/sign_dialog.tsv

#include <com/sun/star/awt/PushButtonType.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/awt/XTextComponent.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/deployment/PackageInformationProvider.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/task/XStatusIndicatorFactory.hpp>

#include <algorithm>
#include <filesystem>

namespace bsre::ext {

using namespace css;

namespace {

std::string shortDate(const std::string& iso) { return iso.substr(0, 10); }

const Text corners[4] = {T::cornerBottomRight, T::cornerBottomLeft, T::cornerTopRight, T::cornerTopLeft};
const char* cornerIds[4] = {"BottomRight", "BottomLeft", "TopRight", "TopLeft"};

} // namespace

OUString certLine(const crypto::CertInfo& c, bool ind)
{
    if (isBsreAccount(c))
        return toU("☁ " + c.commonName + " — " + c.issuer);
    if (!c.usable)
        return toU("✗ " + c.commonName + " — " + (ind ? T::notUsable.id : T::notUsable.en));
    std::string s = c.commonName;
    if (!c.organisation.empty())
        s += " — " + c.organisation;
    return toU(s + " — " + (ind ? T::validUntil.id : T::validUntil.en) + " " + shortDate(c.notAfter));
}

OUString certDetails(const crypto::CertInfo& c, bool ind)
{
    if (isBsreAccount(c))
        return tr(T::bsreAccountDetails, ind);
    std::string s = std::string(ind ? T::issuer.id : T::issuer.en) + " " + c.issuer + "\n" +
                    (ind ? T::token.id : T::token.en) + " " + c.token;
    if (!c.usable)
        s += "\n" + (ind ? c.problemId : c.problemEn);
    return toU(s);
}

sal_Int16 firstUsable(const std::vector<crypto::CertInfo>& certs)
{
    for (size_t i = 0; i < certs.size(); ++i)
        if (certs[i].usable)
            return static_cast<sal_Int16>(i);
    return -1;
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

uno::Reference<beans::XPropertySet> addDialogHeader(DialogBuilder& b, const OUString& logo, const OUString& title,
                                                    const OUString& intro, int width)
{
    b.add("ImageControl", "logo", 6, 6, 36, 36, {p("ImageURL", logo), p("ScaleImage", true), p("Border", sal_Int16(0))});
    b.add("FixedText", "head", 48, 8, width - 54, 12, {p("Label", title), p("FontDescriptor", bold())});
    return b.add("FixedText", "intro", 48, 22, width - 54, 20, {p("Label", intro), p("MultiLine", true)});
}

int addCertificateChoice(DialogBuilder& b, const std::vector<crypto::CertInfo>& certs, sal_Int16 selected, int y,
                         int listHeight, bool ind)
{
    b.add("FixedText", "lcert", 6, y, 288, 10, {p("Label", tr(T::certificate, ind))});
    uno::Sequence<OUString> lines(static_cast<sal_Int32>(certs.size()));
    for (size_t i = 0; i < certs.size(); ++i)
        lines.getArray()[i] = certLine(certs[i], ind);
    const sal_Int16 shown = std::max<sal_Int16>(selected, 0);
    b.add("ListBox", "certs", 6, y + 10, 288, listHeight,
          {p("StringItemList", lines), p("SelectedItems", seq<sal_Int16>({shown}))});
    y += 12 + listHeight;
    b.add("FixedText", "certinfo", 6, y, 288, 26, {p("Label", certDetails(certs[shown], ind)), p("MultiLine", true)});
    y += 38;
    b.add("FixedText", "lpin", 6, y, 62, 10, {p("Label", tr(T::pin, ind))});
    b.add("Edit", "pin", 70, y - 2, 80, 12, {p("EchoChar", sal_Int16('*'))});
    b.add("FixedText", "pinhint", 156, y - 2, 138, 18, {p("Label", tr(T::pinHint, ind)), p("MultiLine", true)});
    return y + 18;
}

bool bsreAccountOffered(const Settings& s)
{
    return s.serverEnabled && s.serverDocumentsLeaveDesk && !s.serverUrl.empty();
}

crypto::CertInfo bsreAccountEntry(const Settings& s, bool ind)
{
    crypto::CertInfo c;
    c.fingerprint = kBsreAccountEntry;
    c.commonName = ind ? T::bsreAccount.id : T::bsreAccount.en;
    const size_t scheme = s.serverUrl.find("://");
    c.issuer = s.serverUrl.substr(scheme == std::string::npos ? 0 : scheme + 3); // the service, for the list
    c.usable = true;
    return c;
}

void addBsreAccountRow(DialogBuilder& b, int y, bool enabled, bool ind)
{
    b.add("FixedText", "lbsreid", 6, y, 62, 10, {p("Label", tr(T::bsreId, ind))});
    b.add("Edit", "bsreid", 70, y - 2, 80, 12, {p("Enabled", enabled)});
    b.add("CheckBox", "bsreotp", 156, y - 1, 138, 10, {p("Label", tr(T::bsreOtp, ind)), p("Enabled", enabled)});
}

void enableBsreAccountRow(const uno::Reference<awt::XControlContainer>& c, bool enabled, bool ind)
{
    for (const char* name : {"bsreid", "bsreotp"})
        if (uno::Reference<awt::XWindow> w{c->getControl(OUString::createFromAscii(name)), uno::UNO_QUERY}; w.is())
            w->setEnable(enabled);
    control<awt::XFixedText>(c, "pinhint")->setText(tr(enabled ? T::bsrePinHint : T::pinHint, ind));
}

DialogLocks::DialogLocks(const Settings& s)
    : reason(s.isLocked("Signing/DefaultReason")), location(s.isLocked("Signing/DefaultLocation")),
      visible(s.isLocked("Signing/Visible")), output(s.isLocked("Signing/OutputPattern")),
      notice(s.isLocked("Notice/Enabled"))
{
}

int addReasonAndLocation(DialogBuilder& b, int y, const Settings& s, const DialogLocks& locks, bool ind)
{
    b.add("FixedText", "lreason", 6, y, 62, 10, {p("Label", tr(T::reason, ind))});
    b.add("Edit", "reason", 70, y - 2, 224, 12, {p("Text", toU(s.defaultReason)), p("ReadOnly", locks.reason)});
    b.add("FixedText", "llocation", 6, y + 16, 62, 10, {p("Label", tr(T::location, ind))});
    b.add("Edit", "location", 70, y + 14, 224, 12, {p("Text", toU(s.defaultLocation)), p("ReadOnly", locks.location)});
    return y + 32;
}

void addPlacement(DialogBuilder& b, int y, const Settings& s, const DialogLocks& locks, bool noticeAllowed, bool ind)
{
    b.add("CheckBox", "visible", 6, y, 150, 10,
          {p("Label", tr(T::visible, ind)), p("State", sal_Int16(s.visible ? 1 : 0)), p("Enabled", !locks.visible)});
    uno::Sequence<OUString> cornerNames(4);
    for (int i = 0; i < 4; ++i)
        cornerNames.getArray()[i] = tr(corners[i], ind);
    b.add("FixedText", "lposition", 6, y + 16, 62, 10, {p("Label", tr(T::position, ind))});
    b.add("ListBox", "position", 70, y + 14, 80, 12,
          {p("StringItemList", cornerNames), p("Dropdown", true), p("SelectedItems", seq<sal_Int16>({0}))});
    b.add("CheckBox", "notice", 200, y, 94, 10,
          {p("Label", tr(T::notice, ind)), p("State", sal_Int16(s.noticeEnabled && noticeAllowed ? 1 : 0)),
           p("Enabled", !locks.notice && noticeAllowed)});
    b.add("NumericField", "page", 160, y - 2, 30, 12,
          {p("Value", 1.0), p("ValueMin", 1.0), p("ValueMax", 9999.0), p("DecimalAccuracy", sal_Int16(0)), p("Spin", true)});
}

void readSignatureControls(const uno::Reference<awt::XControlContainer>& c, const DialogLocks& locks,
                           bool noticeAllowed, JobOptions& o)
{
    if (OUString pin = control<awt::XTextComponent>(c, "pin")->getText(); !pin.isEmpty())
        o.pin = fromU(pin);
    if (!locks.reason)
        o.reason = fromU(control<awt::XTextComponent>(c, "reason")->getText());
    if (!locks.location)
        o.location = fromU(control<awt::XTextComponent>(c, "location")->getText());
    const sal_Int16 visible = modelValue<sal_Int16>(c, "visible", "State", 0);
    if (!locks.visible)
        o.visible = visible == 1;
    const sal_Int16 notice = modelValue<sal_Int16>(c, "notice", "State", 1);
    if (!locks.notice && noticeAllowed)
        o.notice = notice == 1;
    o.page = static_cast<int>(modelValue<double>(c, "page", "Value", 1));
    const sal_Int16 corner = control<awt::XListBox>(c, "position")->getSelectedItemPos();
    o.position = cornerIds[corner >= 0 && corner < 4 ? corner : 0];
}

CertSelection::CertSelection(std::vector<crypto::CertInfo> certs, uno::Reference<awt::XFixedText> info, bool ind,
                             std::function<void(const crypto::CertInfo&)> changed)
    : certs_(std::move(certs)), info_(std::move(info)), ind_(ind), changed_(std::move(changed))
{
}

void SAL_CALL CertSelection::itemStateChanged(const awt::ItemEvent& e)
{
    if (e.Selected < 0 || e.Selected >= static_cast<sal_Int32>(certs_.size()))
        return;
    info_->setText(certDetails(certs_[e.Selected], ind_));
    if (changed_)
        changed_(certs_[e.Selected]);
}

StatusBar::StatusBar(const uno::Reference<frame::XFrame>& frame, const Text& title, bool ind) : ind_(ind)
{
    if (uno::Reference<task::XStatusIndicatorFactory> f{frame, uno::UNO_QUERY}; f.is())
        bar_ = f->createStatusIndicator();
    if (bar_.is())
        bar_->start(tr(title, ind), 100);
}

StatusBar::~StatusBar()
{
    try {
        if (bar_.is())
            bar_->end();
    } catch (const uno::Exception&) {
    }
}

void StatusBar::show(const OUString& text, int percent)
{
    if (!bar_.is())
        return;
    bar_->setText(text);
    bar_->setValue(percent);
}

ProgressFn StatusBar::progress()
{
    return [this](const Text& step, int percent) { show(tr(step, ind_), percent); };
}

bool confirmReplace(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame,
                    const OUString& question, bool ind)
{
    DialogBuilder b(ctx, tr(T::overwriteTitle, ind), 240, 70);
    b.add("FixedText", "msg", 6, 8, 228, 36, {p("Label", question), p("MultiLine", true)});
    b.add("Button", "yes", 110, 50, 60, 14,
          {p("Label", tr(T::replace, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_OK))});
    b.add("Button", "no", 174, 50, 60, 14,
          {p("Label", tr(T::cancel, ind)), p("PushButtonType", sal_Int16(awt::PushButtonType_CANCEL)), p("DefaultButton", true)});
    auto dlg = b.create(parentOf(frame));
    bool yes = dlg->execute() == 1;
    uno::Reference<lang::XComponent>(dlg, uno::UNO_QUERY_THROW)->dispose();
    return yes;
}

} // namespace bsre::ext
