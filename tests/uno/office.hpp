// A real headless LibreOffice for the integration tests.
//
// Office makes a private folder (profile, HOME, TMPDIR, a copy of the test
// NSS database), installs the built .oxt ($BSRE_OXT) into the profile with
// unopkg, starts soffice listening on a free loopback port, connects a UNO
// bridge (Connector + BridgeFactory, "StarOffice.ComponentContext") and checks
// that the office answering is the one it started. On destruction it
// terminates the office (XDesktop::terminate, then the process group) and
// removes the folder (kept when BSRE_KEEP_OFFICE is set).
//
// When the tests run as root, unopkg and soffice run as the unprivileged user
// `bsretest` (created once if missing): unopkg refuses a per-user install as
// root. Everything that user reads or writes lives in Office::dir(), which is
// owned by it; copy inputs in with copyIn() and let soffice write outputs
// there. A guardian process kills the office and removes the folder if the
// test process dies without cleaning up (crash, CTest timeout).
#pragma once

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/frame/XDesktop2.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/lang/XMultiComponentFactory.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <id/bsresign/SigningException.hpp>
#include <id/bsresign/XSigner.hpp>

#include <rtl/ustring.hxx>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>
#include <sys/types.h>

namespace bsretest {

namespace fs = std::filesystem;
namespace css = com::sun::star;
using css::uno::Reference;
using rtl::OUString;

// Conversions at the UNO boundary.
std::string str(const OUString& s);
OUString ustr(const std::string& s);
OUString fileUrl(const fs::path& p);
fs::path systemPath(const OUString& url);

css::beans::PropertyValue prop(const char* name, const css::uno::Any& value);
template <typename T> css::beans::PropertyValue prop(const char* name, const T& value)
{
    return prop(name, css::uno::Any(value));
}

// The message of a UNO exception; for SigningException with its Code.
// (UNO exception types are not polymorphic in C++: overloads, no dynamic_cast.)
std::string describe(const css::uno::Exception& e);
std::string describe(const id::bsresign::SigningException& e);

struct OfficeOptions {
    // Install $BSRE_OXT with unopkg. Off: a plain profile (harness self-test).
    bool installExtension = true;
    // Copy $BSRE_PKI/nssdb into the profile folder and give it to LibreOffice.
    bool nssDatabase = true;
    // Copy this database instead (e.g. the LTV fixtures' ltvdb).
    fs::path nssDatabaseFrom;
    // Also register the SoftHSM2 token of $BSRE_PKI (a private copy of its
    // token folder) as a PKCS#11 module in that NSS database.
    bool softhsmToken = false;
    // With softhsmToken: register tests/pkcs11_pin_shim.c ($BSRE_PIN_SHIM,
    // wrapping SoftHSM2) instead of SoftHSM2 itself, with its state and its
    // login count in dir() (Office::tokenLogins()); path("shim-pull") is its
    // BSRE_SHIM_PULL file (absent: the token is in).
    bool pinShim = false;
    // With softhsmToken: false leaves the module out of the NSS database (only
    // the token folder and SOFTHSM2_CONF), so nothing but the extension's
    // Signing/Pkcs11Modules setting can bring the token in.
    bool softhsmInDatabase = true;
    // How LibreOffice finds that database: false (default) sets the
    // Certificate Path option (.../Security/Scripting/CertDir) in the
    // profile's registrymodifications.xcu, as Tools > Options does; true sets
    // MOZILLA_CERTIFICATE_FOLDER in soffice's environment instead (it takes
    // precedence over the option in LibreOffice 7.4).
    bool nssViaEnvironment = false;
    // Extra environment for soffice ("NAME=value"); a name given here
    // overrides the harness's own value (PATH, SAL_USE_VCLPLUGIN, ...).
    std::vector<std::string> environment;
    // false: soffice without --headless/--invisible, so dialogs really open
    // (give it a DISPLAY, SAL_USE_VCLPLUGIN=gen and, on the -nogui build, a
    // PATH to a LibreOffice with an X11 backend through `environment`).
    bool headless = true;
    // The LibreOffice program folder whose soffice and unopkg run; empty:
    // $BSRE_LO_PROGRAM (the one the type libraries come from).
    std::string programDir;
    // How the extension is installed: false (default) into the profile
    // (`unopkg add`, one user); true for all users as IT does
    // (`unopkg add --shared`, docs/CONFIGURATION.md), but into a private
    // shared area, sharedDir(), given to unopkg and soffice as
    // -env:UNO_SHARED_PACKAGES_CACHE, so the machine's own shared extensions
    // (/var/spool/libreoffice/uno_packages) stay untouched. unopkg runs with a
    // profile of its own; soffice takes the shared extensions over into its
    // profile when it starts, as it does for every user.
    bool sharedExtension = false;
    // Further .oxt files installed after $BSRE_OXT in the same unopkg call
    // (e.g. a policy extension that sets and locks keys).
    std::vector<fs::path> moreExtensions;
    std::chrono::seconds startTimeout{60};
};

struct OfficeTimings {
    double unopkgSeconds = 0;   // unopkg add (0 without an extension)
    double startSeconds = 0;    // spawn until connected and the desktop is up
    double connectSeconds = 0;  // the connection that succeeded (bridge + context)
    int startAttempts = 0;      // 2 when the first soffice did not come up
};

class Office {
public:
    explicit Office(OfficeOptions options = {});
    ~Office();
    Office(const Office&) = delete;
    Office& operator=(const Office&) = delete;

    // The private folder, owned by the office's user, and paths inside it.
    const fs::path& dir() const { return dir_; }
    // The office user's home (XDG folders below it).
    const fs::path& home() const { return home_; }
    fs::path path(const std::string& rel) const { return dir_ / rel; }
    // Copies a file into dir() (readable and writable by the office's user).
    fs::path copyIn(const fs::path& source, const std::string& name);
    // A sub-folder of dir() the office may write to.
    fs::path makeDir(const std::string& name);
    // Hands a file or folder the test created in dir() to the office's user.
    void handOver(const fs::path& p) const;

    // The private shared extension area (OfficeOptions::sharedExtension).
    fs::path sharedDir() const { return dir_ / "shared"; }

    // Terminates the office and starts it again on the same profile, after
    // adding `userSettings` (<item> elements) to the profile's
    // registrymodifications.xcu, the user's own settings (the last
    // configuration layer). A first start drops the items of components it
    // does not know yet: the extension's keys need a start that already
    // knows the extension (shared extensions become known during the first).
    void restart(const std::string& userSettings = {});

    // With OfficeOptions::pinShim: the user logins (C_Login) the token has
    // seen so far, right PIN or wrong.
    int tokenLogins() const;

    // The folder LibreOffice uses as its NSS database (the profile's copy).
    const fs::path& nssDir() const { return nssDir_; }
    // How the NSS database is given to LibreOffice (for reports).
    std::string nssSetting() const;

    // SIGKILL to the office's process group, as a crash or `kill -9` would;
    // the bridge is dropped (calls in flight end with a UNO exception).
    // restart() brings it back on the same profile.
    void kill();

    const OfficeTimings& timings() const { return timings_; }
    // The office still answers over the bridge (false after a crash).
    bool alive() const;
    std::string log() const; // soffice's stdout and stderr so far

    Reference<css::uno::XComponentContext> context() const { return remoteContext_; }
    Reference<css::lang::XMultiComponentFactory> serviceManager() const;
    Reference<css::frame::XDesktop2> desktop() const;
    Reference<css::uno::XInterface> create(const std::string& service) const;

    // Documents. loadDocument opens hidden by default (no window is shown
    // anyway in headless mode; hidden frames still get a layout manager).
    Reference<css::frame::XModel> loadDocument(const fs::path& file, bool hidden = true,
                                               std::vector<css::beans::PropertyValue> extra = {});
    // "private:factory/swriter", "scalc", "simpress", "sdraw".
    Reference<css::frame::XModel> newDocument(const std::string& factory, bool hidden = true);
    void storeToUrl(const Reference<css::frame::XModel>& model, const fs::path& file, const std::string& filter,
                    std::vector<css::beans::PropertyValue> extra = {});
    void close(const Reference<css::frame::XModel>& model);
    static Reference<css::frame::XFrame> frameOf(const Reference<css::frame::XModel>& model);

    // The module's frame resolves `url` to a dispatch (queryDispatch non-null).
    bool dispatchResolves(const Reference<css::frame::XModel>& model, const std::string& url) const;
    // Runs `url` in the module's frame (the menu command, without the menu).
    void dispatch(const Reference<css::frame::XModel>& model, const std::string& url) const;

    // Is the add-on command `url` in the menu bar / a toolbar as LibreOffice
    // shows it (after add-on merging)? The shown UI offers no command URLs over
    // UNO (the settings of a menu bar or toolbar are the module's own, without
    // merged add-on items; the VCL menu is not reachable), so this checks:
    //  - registered: the add-on configuration (org.openoffice.Office.Addons,
    //    OfficeMenuBarMerging / OfficeToolbarMerging) merges `url` into this
    //    module (MergeContext) and toolbar (MergeToolBar), with a Title;
    //  - shown: the accessibility tree of the frame's menu bar / toolbar has
    //    an item with that title (mnemonic "~" ignored);
    //  - enabled: that item is enabled. Informative only: menus update their
    //    states when opened, and toolbars of hidden frames are not updated.
    // Works on hidden documents (the menu bar and toolbar are created on
    // request). Visible documents work for Writer, Impress and Draw, but a
    // visible Calc window crashes headless soffice 7.4 (vcl::Window::GetCursor
    // from a scheduler callback): keep documents hidden.
    struct UiPresence {
        bool registered = false;
        bool shown = false;
        bool enabled = false;
        std::string detail;
        explicit operator bool() const { return registered && shown; }
    };
    UiPresence menuHasCommand(const Reference<css::frame::XModel>& model, const std::string& url) const;
    UiPresence toolbarHasCommand(const Reference<css::frame::XModel>& model, const std::string& url,
                                 const std::string& toolbar = "private:resource/toolbar/standardbar") const;

    // Diagnostics: named items as shown ("File > Sign with BSrE…"; LibreOffice
    // fills most labels only when a menu opens), and the commands of the
    // module's own (unmerged) toolbar settings.
    std::vector<std::string> shownMenuItems(const Reference<css::frame::XModel>& model) const;
    std::vector<std::string> shownToolbarItems(const Reference<css::frame::XModel>& model,
                                               const std::string& toolbar = "private:resource/toolbar/standardbar") const;
    std::vector<std::string> toolbarSettingsCommands(const Reference<css::frame::XModel>& model,
                                                     const std::string& toolbar = "private:resource/toolbar/standardbar") const;
    std::string moduleOf(const Reference<css::frame::XModel>& model) const;

    static bool isModified(const Reference<css::frame::XModel>& model);
    static size_t undoDepth(const Reference<css::frame::XModel>& model);

    // Our service, created in the office.
    Reference<id::bsresign::XSigner> signer() const;

private:
    void prepareUser();
    void prepareFolder();
    void prepareToken(const fs::path& pki);
    void installExtension();
    void startOffice();
    void startOfficeOnce();
    bool tryConnect();
    void terminate();
    void dropBridge(); // the remote context and the bridge let go
    int runAsOfficeUser(const std::vector<std::string>& argv, const fs::path& logFile);
    std::vector<std::string> officeEnvironment() const;
    std::string program() const;
    std::vector<std::string> asOfficeUser(const std::vector<std::string>& argv) const;

    OfficeOptions options_;
    fs::path dir_, profile_, home_, nssDir_, logFile_;
    bool asRoot_ = false;
    uid_t uid_ = 0;
    gid_t gid_ = 0;
    pid_t pid_ = -1;         // runuser/env, leader of the office's process group
    pid_t guardianPid_ = -1; // kills that group if this process dies (see office.cpp)
    int guardianFd_ = -1;
    int port_ = 0;
    bool foreignOffice_ = false;
    OfficeTimings timings_;
    Reference<css::lang::XComponent> bridge_;
    Reference<css::uno::XComponentContext> remoteContext_;
};

// The local UNO context of this test process (types.rdb, offapi.rdb and
// $BSRE_RDB when set), created on first use.
Reference<css::uno::XComponentContext> localContext();

} // namespace bsretest
