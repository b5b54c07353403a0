// What the sign dialogs share (uno/sign_dialog.cpp: one document;
// uno/batch_dialog.cpp: several files): the certificate list's lines and
// details, the logo, the status bar, reading control values, asking to replace.
#pragma once

#include "dialog_util.hpp"
#include "job_options.hpp"
#include "settings.hpp"

#include "crypto/store.hpp"

#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XFixedText.hpp>
#include <com/sun/star/awt/XItemListener.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/task/XStatusIndicator.hpp>
#include <cppuhelper/implbase1.hxx>

#include <functional>
#include <string>
#include <vector>

namespace bsre::ext {

// One short line per certificate for the list; the token and the reason it
// cannot sign go in the details below the list.
OUString certLine(const crypto::CertInfo& c, bool ind);
OUString certDetails(const crypto::CertInfo& c, bool ind);
// The index of the first certificate that can sign, or -1.
sal_Int16 firstUsable(const std::vector<crypto::CertInfo>& certs);

// The organisation's logo (Notice/LogoPath), else the extension's placeholder.
OUString logoUrl(const css::uno::Reference<css::uno::XComponentContext>& ctx, const Settings& s);

// The logo, the bold title and an introduction of two lines, at the top of a
// dialog `width` wide; the next control goes at y = 46. Returns the
// introduction's model.
css::uno::Reference<css::beans::XPropertySet> addDialogHeader(DialogBuilder& b, const OUString& logo,
                                                              const OUString& title, const OUString& intro, int width);

// "Certificate:", the list ("certs", `listHeight` high, `selected` chosen),
// its details ("certinfo") and the PIN ("pin") with its hint, from `y` down;
// returns the y of the next row.
int addCertificateChoice(DialogBuilder& b, const std::vector<crypto::CertInfo>& certs, sal_Int16 selected, int y,
                         int listHeight, bool ind);

// A BSrE account (docs/SERVER.md) as an entry of the certificate list, after
// the desk's certificates, when IT configured the service (Server/Enabled,
// Server/DocumentsLeaveDesk and Server/Url); told apart by its fingerprint.
constexpr const char* kBsreAccountEntry = "bsre-account";
bool bsreAccountOffered(const Settings& s);
crypto::CertInfo bsreAccountEntry(const Settings& s, bool ind);
inline bool isBsreAccount(const crypto::CertInfo& c) { return c.fingerprint == kBsreAccountEntry; }
// "NIK / e-mail:" ("bsreid") and "One-time code (OTP) from BeSign" ("bsreotp")
// at y, enabled only while the BSrE account is chosen.
void addBsreAccountRow(DialogBuilder& b, int y, bool enabled, bool ind);
// The PIN's hint then says it takes the passphrase or the one-time code.
void enableBsreAccountRow(const css::uno::Reference<css::awt::XControlContainer>& c, bool enabled, bool ind);

// The keys IT locked that a sign dialog shows: their controls are read-only
// and their options are not passed, so the setting applies.
struct DialogLocks {
    explicit DialogLocks(const Settings& s);
    bool reason, location, visible, output, notice;
};

// "Reason:" and "Location:" (their labels at y and y + 16), filled with the
// settings' defaults; returns the y of the next row.
int addReasonAndLocation(DialogBuilder& b, int y, const Settings& s, const DialogLocks& locks, bool ind);
// "Visible signature on page [n]" and "BSrE notice band" at y, "Position:"
// at y + 16 (`noticeAllowed` false: no notice, e.g. on a signed PDF).
void addPlacement(DialogBuilder& b, int y, const Settings& s, const DialogLocks& locks, bool noticeAllowed, bool ind);
// What the person entered in those controls, into `o` (a locked key's
// control is not read); PIN too.
void readSignatureControls(const css::uno::Reference<css::awt::XControlContainer>& c, const DialogLocks& locks,
                           bool noticeAllowed, JobOptions& o);

// The certificate list: a choice shows its details in `info`, then `changed`
// (may be empty) hears of it.
class CertSelection : public cppu::WeakImplHelper1<css::awt::XItemListener> {
public:
    CertSelection(std::vector<crypto::CertInfo> certs, css::uno::Reference<css::awt::XFixedText> info, bool ind,
                  std::function<void(const crypto::CertInfo&)> changed = {});
    void SAL_CALL itemStateChanged(const css::awt::ItemEvent& e) override;
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

private:
    std::vector<crypto::CertInfo> certs_;
    css::uno::Reference<css::awt::XFixedText> info_;
    bool ind_;
    std::function<void(const crypto::CertInfo&)> changed_;
};

// Every control's model is a property set; what the person entered is read there.
template <class T>
T modelValue(const css::uno::Reference<css::awt::XControlContainer>& c, const char* name, const char* property, T value)
{
    css::uno::Reference<css::beans::XPropertySet>(control<css::awt::XControl>(c, name)->getModel(),
                                                  css::uno::UNO_QUERY_THROW)
        ->getPropertyValue(OUString::createFromAscii(property)) >>= value;
    return value;
}

// The frame's status bar during a job, titled `title`; ended whatever happens.
class StatusBar {
public:
    StatusBar(const css::uno::Reference<css::frame::XFrame>& frame, const Text& title, bool ind);
    ~StatusBar();
    StatusBar(const StatusBar&) = delete;
    StatusBar& operator=(const StatusBar&) = delete;
    void show(const OUString& text, int percent);
    ProgressFn progress(); // a step of the job, in the UI language

private:
    bool ind_;
    css::uno::Reference<css::task::XStatusIndicator> bar_;
};

// "Replace the file?" with `question`: true when the person chose Replace.
bool confirmReplace(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                    const css::uno::Reference<css::frame::XFrame>& frame, const OUString& question, bool ind);

} // namespace bsre::ext
