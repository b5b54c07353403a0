#include "office.hpp"

#include <com/sun/star/accessibility/AccessibleRole.hpp>
#include <com/sun/star/accessibility/AccessibleStateType.hpp>
// LibreOffice 7.5 replaced XAccessibleStateSet by a 64-bit set of state bits.
#if __has_include(<com/sun/star/accessibility/XAccessibleStateSet.hpp>)
#include <com/sun/star/accessibility/XAccessibleStateSet.hpp>
#define BSRE_A11Y_STATE_SET_INTERFACE 1
#endif
#include <com/sun/star/accessibility/XAccessible.hpp>
#include <com/sun/star/accessibility/XAccessibleContext.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/bridge/BridgeFactory.hpp>
#include <com/sun/star/bridge/XBridge.hpp>
#include <com/sun/star/connection/Connector.hpp>
#include <com/sun/star/connection/NoConnectException.hpp>
#include <com/sun/star/connection/XConnection.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/ModuleManager.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XDispatch.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XLayoutManager.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/lang/DisposedException.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/ui/XUIElement.hpp>
#include <com/sun/star/ui/XUIElementSettings.hpp>
#include <com/sun/star/util/PathSubstitution.hpp>
#include <com/sun/star/util/URL.hpp>
#include <com/sun/star/util/URLTransformer.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <com/sun/star/util/XModifiable.hpp>
#include <id/bsresign/SigningException.hpp>

#include <cppuhelper/bootstrap.hxx>
#include <osl/file.hxx>
#include <rtl/bootstrap.hxx>

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <grp.h>
#include <mutex>
#include <netinet/in.h>
#include <pwd.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace bsretest {

using rtl::OString;

namespace {

using Clock = std::chrono::steady_clock;
double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

const char* const kOfficeUser = "bsretest";

std::string getenvOr(const char* name, const std::string& fallback)
{
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

// The office under test: BSRE_LO_PROGRAM (CMake's BSRE_LO_PROGRAM_DIR, the
// office the build's SDK belongs to); soffice and unopkg are run from there.
std::string programDir() { return getenvOr("BSRE_LO_PROGRAM", "/usr/lib/libreoffice/program"); }

std::string readFile(const fs::path& p)
{
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

std::string tail(const std::string& s, size_t n = 4000)
{
    return s.size() <= n ? s : "..." + s.substr(s.size() - n);
}

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what); }

// Escapes a value for an rtl bootstrap (ini) file.
std::string iniEscape(const std::string& s)
{
    std::string o;
    for (char c : s) {
        if (c == '$' || c == '\\')
            o += '\\';
        o += c;
    }
    return o;
}

std::string xmlEscape(const std::string& s)
{
    std::string o;
    for (char c : s) {
        switch (c) {
        case '&': o += "&amp;"; break;
        case '<': o += "&lt;"; break;
        case '>': o += "&gt;"; break;
        case '"': o += "&quot;"; break;
        default: o += c;
        }
    }
    return o;
}

int freePort()
{
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        fail("socket: " + std::string(std::strerror(errno)));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        ::close(s);
        fail("bind to a free port: " + std::string(std::strerror(errno)));
    }
    ::close(s);
    return ntohs(a.sin_port);
}

// fork + exec with stdout/stderr into `log`, in a process group of its own.
pid_t spawn(const std::vector<std::string>& argv, const fs::path& log)
{
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = ::fork();
    if (pid < 0)
        fail("fork: " + std::string(std::strerror(errno)));
    if (pid == 0) {
        ::setpgid(0, 0);
        int in = ::open("/dev/null", O_RDONLY);
        int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (in >= 0)
            ::dup2(in, 0);
        if (out >= 0) {
            ::dup2(out, 1);
            ::dup2(out, 2);
        }
        ::execvp(args[0], args.data());
        std::fprintf(stderr, "exec %s: %s\n", args[0], std::strerror(errno));
        ::_exit(127);
    }
    ::setpgid(pid, pid);
    return pid;
}

// A guardian for a process group: a shell in a group of its own, reading a
// pipe only this process can write to. If this process dies without saying
// "done" (crash, SIGKILL from a CTest timeout, SIGPIPE), the pipe closes and
// the guardian kills the group and removes `dir`. Only async-signal-safe calls
// between fork and exec: the test process has UNO threads.
pid_t startGuardian(pid_t pgid, const std::string& dir, int* writeFd)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        fail("pipe: " + std::string(std::strerror(errno)));
    std::string pg = std::to_string(pgid);
    // dash's kill takes "-PGID" after the signal, but no "--".
    const char* script = "read -r line; [ \"$line\" = done ] && exit 0; "
                         "kill -9 \"-$1\" 2>/dev/null; sleep 1; [ -n \"$2\" ] && rm -rf -- \"$2\"; exit 0";
    pid_t pid = ::fork();
    if (pid < 0)
        fail("fork: " + std::string(std::strerror(errno)));
    if (pid == 0) {
        ::setpgid(0, 0);
        ::dup2(fds[0], 0); // dup2 clears close-on-exec on the copy
        int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0) {
            ::dup2(null, 1);
            ::dup2(null, 2);
        }
        ::execl("/bin/sh", "sh", "-c", script, "bsre-office-guardian", pg.c_str(), dir.c_str(), (char*)nullptr);
        ::_exit(127);
    }
    ::close(fds[0]);
    *writeFd = fds[1];
    return pid;
}

// waitpid with a deadline; returns true when the child has exited.
bool waitExit(pid_t pid, std::chrono::milliseconds timeout, int* status = nullptr)
{
    auto end = Clock::now() + timeout;
    for (;;) {
        int st = 0;
        pid_t r = ::waitpid(pid, &st, WNOHANG);
        if (r == pid || (r < 0 && errno == ECHILD)) {
            if (status)
                *status = st;
            return true;
        }
        if (Clock::now() >= end)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

void chownTree(const fs::path& p, uid_t uid, gid_t gid)
{
    if (::lchown(p.c_str(), uid, gid) != 0)
        fail("chown " + p.string() + ": " + std::strerror(errno));
    if (fs::is_directory(fs::symlink_status(p)))
        for (const auto& e : fs::recursive_directory_iterator(p))
            if (::lchown(e.path().c_str(), uid, gid) != 0)
                fail("chown " + e.path().string() + ": " + std::strerror(errno));
}

std::string shellQuote(const std::string& s)
{
    std::string o = "'";
    for (char c : s)
        o += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return o + "'";
}

std::string commandOutput(const std::string& cmd, int* status = nullptr)
{
    std::string out;
    std::FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
    if (!p)
        fail("popen " + cmd);
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        out.append(buf, n);
    int st = ::pclose(p);
    if (status)
        *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return out;
}

Reference<css::frame::XLayoutManager> layoutManager(const Reference<css::frame::XModel>& model)
{
    Reference<css::beans::XPropertySet> frame(Office::frameOf(model), css::uno::UNO_QUERY_THROW);
    Reference<css::frame::XLayoutManager> lm(frame->getPropertyValue("LayoutManager"), css::uno::UNO_QUERY);
    if (!lm.is())
        fail("the frame has no layout manager");
    return lm;
}

// Every "CommandURL" in an item container (menu or toolbar settings), recursively.
void collectSettingsCommands(const Reference<css::container::XIndexAccess>& items, std::vector<std::string>& out)
{
    if (!items.is())
        return;
    for (sal_Int32 i = 0; i < items->getCount(); ++i) {
        css::uno::Sequence<css::beans::PropertyValue> props;
        if (!(items->getByIndex(i) >>= props))
            continue;
        for (const auto& p : props) {
            if (p.Name == "CommandURL") {
                OUString cmd;
                p.Value >>= cmd;
                if (!cmd.isEmpty())
                    out.push_back(str(cmd));
            } else if (p.Name == "ItemDescriptorContainer") {
                Reference<css::container::XIndexAccess> sub(p.Value, css::uno::UNO_QUERY);
                collectSettingsCommands(sub, out);
            }
        }
    }
}

} // namespace

// ---------------------------------------------------------------- conversions

std::string str(const OUString& s) { return rtl::OUStringToOString(s, RTL_TEXTENCODING_UTF8).getStr(); }

OUString ustr(const std::string& s) { return rtl::OStringToOUString(s.c_str(), RTL_TEXTENCODING_UTF8); }

OUString fileUrl(const fs::path& p)
{
    OUString url;
    if (osl::FileBase::getFileURLFromSystemPath(ustr(fs::absolute(p).lexically_normal().string()), url) !=
        osl::FileBase::E_None)
        fail("no file URL for " + p.string());
    return url;
}

fs::path systemPath(const OUString& url)
{
    OUString path;
    if (osl::FileBase::getSystemPathFromFileURL(url, path) != osl::FileBase::E_None)
        fail("not a file URL: " + str(url));
    return str(path);
}

css::beans::PropertyValue prop(const char* name, const css::uno::Any& value)
{
    css::beans::PropertyValue p;
    p.Name = OUString::createFromAscii(name);
    p.Value = value;
    return p;
}

std::string describe(const css::uno::Exception& e) { return str(e.Message); }

std::string describe(const id::bsresign::SigningException& e)
{
    return "SigningException [" + str(e.Code) + "]: " + str(e.Message);
}

// ---------------------------------------------------------------- local UNO

Reference<css::uno::XComponentContext> localContext()
{
    static std::once_flag once;
    static Reference<css::uno::XComponentContext> ctx;
    static std::string error;
    std::call_once(once, [] {
        try {
            std::string prog = "file://" + programDir();
            std::string types = prog + "/types.rdb " + prog + "/types/offapi.rdb";
            if (const char* rdb = std::getenv("BSRE_RDB"); rdb && *rdb && fs::exists(rdb))
                types += " " + str(fileUrl(rdb));
            std::string tmpl = (fs::temp_directory_path() / "bsre-uno-XXXXXX").string();
            if (!::mkdtemp(tmpl.data()))
                fail("mkdtemp: " + std::string(std::strerror(errno)));
            fs::path ini = fs::path(tmpl) / "uno.ini";
            {
                std::ofstream f(ini);
                f << "[Bootstrap]\n"
                  << "URE_INTERNAL_LIB_DIR=" << iniEscape(prog) << "\n"
                  << "UNO_TYPES=" << iniEscape(types) << "\n"
                  << "UNO_SERVICES=" << iniEscape(prog + "/services.rdb") << "\n";
            }
            ctx = cppu::defaultBootstrap_InitialComponentContext(fileUrl(ini));
            std::error_code ec;
            fs::remove_all(tmpl, ec); // the ini and the rdb names have been read
        } catch (const css::uno::Exception& e) {
            error = "local UNO bootstrap: " + str(e.Message);
        } catch (const std::exception& e) {
            error = std::string("local UNO bootstrap: ") + e.what();
        }
    });
    if (!ctx.is())
        fail(error);
    return ctx;
}

// ---------------------------------------------------------------- Office

Office::Office(OfficeOptions options) : options_(std::move(options))
{
    asRoot_ = ::geteuid() == 0;
    uid_ = ::geteuid();
    gid_ = ::getegid();
    try {
        prepareUser();
        prepareFolder();
        if (options_.installExtension)
            installExtension();
        startOffice();
    } catch (...) {
        terminate();
        if (!dir_.empty() && !std::getenv("BSRE_KEEP_OFFICE")) {
            std::error_code ec;
            fs::remove_all(dir_, ec);
        }
        throw;
    }
}

Office::~Office()
{
    terminate();
    if (dir_.empty())
        return;
    if (std::getenv("BSRE_KEEP_OFFICE")) {
        std::fprintf(stderr, "office folder kept: %s\n", dir_.c_str());
        return;
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
}

void Office::prepareUser()
{
    if (!asRoot_)
        return;
    // Created once, idempotent; a concurrent creator may win the race, so
    // only the final lookup decides.
    if (!::getpwnam(kOfficeUser)) {
        int st = 0;
        std::string out = commandOutput(std::string("useradd --system --create-home --home-dir /var/lib/") +
                                            kOfficeUser + " --shell /usr/sbin/nologin " + kOfficeUser,
                                        &st);
        if (!::getpwnam(kOfficeUser))
            fail("cannot create the user " + std::string(kOfficeUser) + ": " + out);
    }
    const passwd* pw = ::getpwnam(kOfficeUser);
    uid_ = pw->pw_uid;
    gid_ = pw->pw_gid;
}

// The SoftHSM2 token of $BSRE_PKI: a private copy of its folder, its
// softhsm2.conf, and (softhsmInDatabase) the module, or the PIN shim wrapping
// it, registered in the profile's NSS database with modutil.
void Office::prepareToken(const fs::path& pki)
{
    fs::copy(pki / "tokens", dir_ / "tokens", fs::copy_options::recursive);
    std::ofstream(dir_ / "softhsm2.conf") << "directories.tokendir = " << (dir_ / "tokens").string()
                                          << "\nobjectstore.backend = file\nlog.level = ERROR\n"
                                             "slots.removable = false\n";
    if (!options_.softhsmInDatabase)
        return;
    std::string module;
    for (const char* m : {"/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"})
        if (fs::exists(m))
            module = m;
    if (module.empty())
        fail("SoftHSM2 module not found");
    if (options_.pinShim) {
        module = getenvOr("BSRE_PIN_SHIM", "");
        if (module.empty() || !fs::exists(module))
            fail("BSRE_PIN_SHIM is not set or missing (tests/pkcs11_pin_shim.c)");
    }
    int st = 0;
    std::string out = commandOutput("SOFTHSM2_CONF=" + shellQuote((dir_ / "softhsm2.conf").string()) +
                                        " modutil -force -dbdir " + shellQuote("sql:" + nssDir_.string()) +
                                        " -add softhsm -libfile " + shellQuote(module),
                                    &st);
    if (st != 0)
        fail("modutil -add softhsm: " + out);
}

void Office::prepareFolder()
{
    // As root the folder must be reachable by the office's user: /tmp is.
    fs::path base = asRoot_ ? fs::path("/tmp") : fs::temp_directory_path();
    std::string tmpl = (base / "bsre-office-XXXXXX").string();
    if (!::mkdtemp(tmpl.data()))
        fail("mkdtemp: " + std::string(std::strerror(errno)));
    dir_ = tmpl;
    profile_ = dir_ / "profile";
    home_ = dir_ / "home";
    logFile_ = dir_ / "soffice.log";
    for (const auto& d : {profile_, home_, dir_ / "tmp", profile_ / "user"})
        fs::create_directories(d);

    std::string config;
    if (options_.nssDatabase) {
        // A copy: NSS opens the database read-write, as the office's user.
        const fs::path pki = getenvOr("BSRE_PKI", "");
        if (pki.empty())
            fail("BSRE_PKI is not set (the folder made by tests/fixtures/make-pki.sh)");
        nssDir_ = profile_ / "nssdb";
        const fs::path from = options_.nssDatabaseFrom.empty() ? pki / "nssdb" : options_.nssDatabaseFrom;
        fs::copy(from, nssDir_, fs::copy_options::recursive);
        if (!fs::exists(nssDir_ / "cert9.db"))
            fail("no cert9.db in " + from.string());
        if (options_.softhsmToken)
            prepareToken(pki);
        // LibreOffice's Certificate Path setting (Tools > Options > Security >
        // Certificate), the same key a user's choice writes.
        if (!options_.nssViaEnvironment)
            config += "<item oor:path=\"/org.openoffice.Office.Common/Security/Scripting\">"
                  "<prop oor:name=\"CertDir\" oor:op=\"fuse\"><value>" +
                  xmlEscape(nssDir_.string()) + "</value></prop></item>\n";
    }
    // No first-start wizard and no tip of the day in the profile.
    config += "<item oor:path=\"/org.openoffice.Setup/Office\"><prop oor:name=\"ooSetupInstCompleted\" "
              "oor:op=\"fuse\"><value>true</value></prop></item>\n"
              "<item oor:path=\"/org.openoffice.Office.Common/Misc\"><prop oor:name=\"FirstRun\" "
              "oor:op=\"fuse\"><value>false</value></prop></item>\n"
              "<item oor:path=\"/org.openoffice.Office.Common/Misc\"><prop oor:name=\"ShowTipOfTheDay\" "
              "oor:op=\"fuse\"><value>false</value></prop></item>\n";
    std::ofstream(profile_ / "user" / "registrymodifications.xcu")
        << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" "
           "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        << config << "</oor:items>\n";

    if (asRoot_)
        chownTree(dir_, uid_, gid_);
}

int Office::tokenLogins() const
{
    std::ifstream in(dir_ / "shim-logins");
    int n = 0;
    for (std::string line; std::getline(in, line);)
        n += line == "login";
    return n;
}

std::string Office::nssSetting() const
{
    if (nssDir_.empty())
        return "(none)";
    if (options_.nssViaEnvironment)
        return "MOZILLA_CERTIFICATE_FOLDER=" + nssDir_.string();
    return "/org.openoffice.Office.Common/Security/Scripting/CertDir = " + nssDir_.string();
}

std::vector<std::string> Office::officeEnvironment() const
{
    std::vector<std::string> env = {
        "PATH=/usr/local/bin:/usr/bin:/bin",
        "HOME=" + home_.string(),
        "TMPDIR=" + (dir_ / "tmp").string(),
        "XDG_CONFIG_HOME=" + (home_ / ".config").string(),
        "XDG_CACHE_HOME=" + (home_ / ".cache").string(),
        "XDG_DATA_HOME=" + (home_ / ".local/share").string(),
        "LANG=C.UTF-8",
        "SAL_USE_VCLPLUGIN=svp",
    };
    if (asRoot_) {
        env.push_back(std::string("USER=") + kOfficeUser);
        env.push_back(std::string("LOGNAME=") + kOfficeUser);
    } else {
        env.push_back("USER=" + getenvOr("USER", "user"));
        env.push_back("LOGNAME=" + getenvOr("LOGNAME", getenvOr("USER", "user")));
    }
    if (options_.nssDatabase && options_.nssViaEnvironment)
        env.push_back("MOZILLA_CERTIFICATE_FOLDER=" + nssDir_.string());
    if (options_.softhsmToken)
        env.push_back("SOFTHSM2_CONF=" + (dir_ / "softhsm2.conf").string());
    if (options_.softhsmToken && options_.pinShim) {
        env.push_back("BSRE_SHIM_STATE=" + (dir_ / "shim-state").string());
        env.push_back("BSRE_SHIM_LOGINS=" + (dir_ / "shim-logins").string());
        env.push_back("BSRE_SHIM_PULL=" + (dir_ / "shim-pull").string());
    }
    // Diagnostics the developer asked for pass through.
    for (const char* name : {"SAL_LOG", "SAL_LOG_FILE", "BSRE_LOG", "BSRE_LOG_LEVEL"})
        if (const char* v = std::getenv(name))
            env.push_back(std::string(name) + "=" + v);
    for (const auto& e : options_.environment)
        env.push_back(e);
    return env;
}

std::vector<std::string> Office::asOfficeUser(const std::vector<std::string>& argv) const
{
    std::vector<std::string> out;
    if (asRoot_)
        out = {"runuser", "-u", kOfficeUser, "--"};
    out.push_back("env");
    out.push_back("-i");
    for (const auto& e : officeEnvironment())
        out.push_back(e);
    out.insert(out.end(), argv.begin(), argv.end());
    return out;
}

int Office::runAsOfficeUser(const std::vector<std::string>& argv, const fs::path& logFile)
{
    pid_t pid = spawn(asOfficeUser(argv), logFile);
    int st = 0;
    if (!waitExit(pid, std::chrono::seconds(300), &st)) {
        ::killpg(pid, SIGKILL);
        waitExit(pid, std::chrono::seconds(10));
        fail(argv[0] + " did not finish in 300 s: " + tail(readFile(logFile)));
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

void Office::installExtension()
{
    fs::path oxt = getenvOr("BSRE_OXT", "");
    if (oxt.empty() || !fs::exists(oxt))
        fail("the extension " + (oxt.empty() ? std::string("($BSRE_OXT not set)") : oxt.string()) +
             " does not exist; build it first");
    std::vector<std::string> files = {copyIn(oxt, oxt.filename().string()).string()};
    for (const fs::path& more : options_.moreExtensions) {
        if (!fs::exists(more))
            fail("the extension " + more.string() + " does not exist");
        files.push_back(copyIn(more, more.filename().string()).string());
    }
    std::vector<std::string> argv = {program() + "/unopkg", "add", "--suppress-license"};
    if (options_.sharedExtension) {
        // As IT installs: --shared, but into sharedDir(), with a profile of
        // unopkg's own (the office's profile learns of the extensions at start).
        const fs::path admin = dir_ / "unopkg-profile";
        makeDir("shared");
        makeDir(admin.filename().string());
        argv.insert(argv.end(), {"--shared", "-env:UNO_SHARED_PACKAGES_CACHE=" + str(fileUrl(sharedDir())),
                                 "-env:UserInstallation=" + str(fileUrl(admin))});
    } else {
        argv.push_back("-env:UserInstallation=" + str(fileUrl(profile_)));
    }
    argv.insert(argv.end(), files.begin(), files.end());
    auto t0 = Clock::now();
    fs::path log = dir_ / "unopkg.log";
    int rc = runAsOfficeUser(argv, log);
    timings_.unopkgSeconds = seconds(t0);
    if (rc != 0)
        fail("unopkg add " + files.front() + " failed (" + std::to_string(rc) + "): " + tail(readFile(log)));
}

std::string Office::program() const
{
    return options_.programDir.empty() ? programDir() : options_.programDir;
}

void Office::startOffice()
{
    // Two attempts: a port chosen free can be taken before soffice binds it.
    std::string firstFailure;
    for (int attempt = 1;; ++attempt) {
        try {
            startOfficeOnce();
            timings_.startAttempts = attempt;
            if (!firstFailure.empty())
                std::fprintf(stderr, "office start needed a second attempt; the first: %s\n", firstFailure.c_str());
            return;
        } catch (const std::exception& e) {
            if (attempt == 2)
                throw std::runtime_error(std::string(e.what()) +
                                         (firstFailure.empty() ? "" : "\n(first attempt: " + firstFailure + ")"));
            firstFailure = e.what();
            terminate();
            std::ofstream(logFile_, std::ios::app) << "\n--- second attempt ---\n";
        }
    }
}

void Office::startOfficeOnce()
{
    port_ = freePort();
    foreignOffice_ = false;
    auto t0 = Clock::now();
    std::vector<std::string> argv = {program() + "/soffice", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
                                     "-env:UserInstallation=" + str(fileUrl(profile_)),
                                     "--accept=socket,host=127.0.0.1,port=" + std::to_string(port_) +
                                         ";urp;StarOffice.ComponentContext"};
    if (options_.headless)
        argv.insert(argv.begin() + 1, {"--headless", "--invisible"});
    if (options_.sharedExtension)
        argv.push_back("-env:UNO_SHARED_PACKAGES_CACHE=" + str(fileUrl(sharedDir())));
    pid_ = spawn(asOfficeUser(argv), logFile_);
    guardianPid_ = startGuardian(pid_, std::getenv("BSRE_KEEP_OFFICE") ? std::string() : dir_.string(), &guardianFd_);
    auto deadline = t0 + options_.startTimeout;
    for (;;) {
        int st = 0;
        if (waitExit(pid_, std::chrono::milliseconds(0), &st)) {
            pid_ = -1;
            fail("soffice exited before accepting a connection (status " + std::to_string(st) + "): " + log());
        }
        auto t1 = Clock::now();
        if (tryConnect()) {
            timings_.connectSeconds = seconds(t1);
            break;
        }
        if (Clock::now() >= deadline)
            fail("soffice (pid " + std::to_string(pid_) + ") did not accept a UNO connection on 127.0.0.1:" +
                 std::to_string(port_) + " within " + std::to_string(options_.startTimeout.count()) + " s" +
                 (foreignOffice_ ? " (another office answers on that port)" : "") + ": " + log());
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    // The desktop is the last thing to come up.
    for (;;) {
        try {
            if (desktop().is())
                break;
        } catch (const css::uno::Exception&) {
        }
        if (Clock::now() >= deadline)
            fail("soffice accepted a connection but has no desktop: " + log());
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    timings_.startSeconds = seconds(t0);
}

void Office::restart(const std::string& userSettings)
{
    terminate(); // the office writes registrymodifications.xcu when it ends
    if (!userSettings.empty()) {
        const fs::path file = profile_ / "user" / "registrymodifications.xcu";
        std::string xcu = readFile(file);
        size_t end = xcu.rfind("</oor:items>");
        if (end == std::string::npos)
            fail("no </oor:items> in " + file.string());
        xcu.insert(end, userSettings);
        std::ofstream(file, std::ios::binary | std::ios::trunc) << xcu;
        handOver(file);
    }
    startOffice();
}

bool Office::tryConnect()
{
    Reference<css::uno::XComponentContext> local = localContext();
    try {
        Reference<css::connection::XConnection> conn = css::connection::Connector::create(local)->connect(
            ustr("socket,host=127.0.0.1,port=" + std::to_string(port_) + ",tcpNoDelay=1"));
        Reference<css::bridge::XBridge> bridge =
            css::bridge::BridgeFactory::create(local)->createBridge("", "urp", conn, nullptr);
        Reference<css::uno::XComponentContext> ctx(bridge->getInstance("StarOffice.ComponentContext"),
                                                   css::uno::UNO_QUERY);
        // The port was free when chosen; make sure the office answering is
        // ours (another process could have taken the port in between).
        std::string userDir;
        if (ctx.is())
            userDir = str(css::util::PathSubstitution::create(ctx)->substituteVariables("$(user)", true));
        if (userDir != str(fileUrl(profile_ / "user"))) {
            Reference<css::lang::XComponent>(bridge, css::uno::UNO_QUERY_THROW)->dispose();
            foreignOffice_ = true;
            return false;
        }
        bridge_.set(bridge, css::uno::UNO_QUERY_THROW);
        remoteContext_ = ctx;
        return true;
    } catch (const css::connection::NoConnectException&) {
        return false;
    } catch (const css::uno::RuntimeException&) {
        return false; // the office went away during the handshake; the caller checks the process
    }
}

void Office::terminate()
{
    if (remoteContext_.is()) {
        try {
            desktop()->terminate();
        } catch (const css::uno::Exception&) {
            // DisposedException: the office quit before the reply; fine.
        }
    }
    dropBridge();
    if (pid_ > 0) {
        if (!waitExit(pid_, std::chrono::seconds(30))) {
            ::killpg(pid_, SIGTERM);
            if (!waitExit(pid_, std::chrono::seconds(10))) {
                ::killpg(pid_, SIGKILL);
                waitExit(pid_, std::chrono::seconds(10));
            }
        }
        // A straggler in the group (soffice.bin outliving runuser) gets no mercy.
        ::killpg(pid_, SIGKILL);
        pid_ = -1;
    }
    if (guardianFd_ >= 0) {
        // Stand the guardian down: the group is gone and its id may be reused.
        [[maybe_unused]] ssize_t n = ::write(guardianFd_, "done\n", 5);
        ::close(guardianFd_);
        guardianFd_ = -1;
    }
    if (guardianPid_ > 0) {
        if (!waitExit(guardianPid_, std::chrono::seconds(5)))
            ::kill(guardianPid_, SIGKILL), waitExit(guardianPid_, std::chrono::seconds(5));
        guardianPid_ = -1;
    }
}

std::string Office::log() const { return tail(readFile(logFile_)); }

fs::path Office::copyIn(const fs::path& source, const std::string& name)
{
    fs::path target = dir_ / name;
    makeDir(fs::path(name).parent_path().string());
    fs::copy_file(source, target, fs::copy_options::overwrite_existing);
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                fs::perms::others_read);
    handOver(target);
    return target;
}

fs::path Office::makeDir(const std::string& name)
{
    // Each folder created on the way belongs to the office's user (soffice
    // writes lock files and temporary files beside documents).
    fs::path d = dir_;
    for (const auto& part : fs::path(name).lexically_normal()) {
        if (part.empty() || part == ".")
            continue;
        d /= part;
        if (!fs::exists(d)) {
            fs::create_directory(d);
            handOver(d);
        }
    }
    return d;
}

void Office::handOver(const fs::path& p) const
{
    if (asRoot_)
        chownTree(p, uid_, gid_);
}

// ---------------------------------------------------------------- UNO helpers

Reference<css::lang::XMultiComponentFactory> Office::serviceManager() const
{
    if (!remoteContext_.is())
        fail("not connected to the office");
    return remoteContext_->getServiceManager();
}

void Office::kill()
{
    if (pid_ > 0) {
        ::killpg(pid_, SIGKILL);
        waitExit(pid_, std::chrono::seconds(10));
    }
    dropBridge();
}

void Office::dropBridge()
{
    remoteContext_.clear();
    if (bridge_.is()) {
        try {
            bridge_->dispose();
        } catch (const css::uno::Exception&) {
        }
        bridge_.clear();
    }
}

bool Office::alive() const
{
    try {
        return remoteContext_.is() && desktop().is();
    } catch (const css::uno::Exception&) {
        return false;
    }
}

Reference<css::frame::XDesktop2> Office::desktop() const { return css::frame::Desktop::create(remoteContext_); }

Reference<css::uno::XInterface> Office::create(const std::string& service) const
{
    Reference<css::uno::XInterface> x = serviceManager()->createInstanceWithContext(ustr(service), remoteContext_);
    if (!x.is())
        fail("the office cannot create " + service);
    return x;
}

Reference<css::frame::XModel> Office::loadDocument(const fs::path& file, bool hidden,
                                                   std::vector<css::beans::PropertyValue> extra)
{
    extra.push_back(prop("Hidden", hidden));
    Reference<css::lang::XComponent> doc = desktop()->loadComponentFromURL(
        fileUrl(file), "_blank", 0, css::uno::Sequence<css::beans::PropertyValue>(extra.data(), extra.size()));
    Reference<css::frame::XModel> model(doc, css::uno::UNO_QUERY);
    if (!model.is())
        fail("cannot load " + file.string());
    return model;
}

Reference<css::frame::XModel> Office::newDocument(const std::string& factory, bool hidden)
{
    css::beans::PropertyValue hiddenProp = prop("Hidden", hidden);
    css::uno::Sequence<css::beans::PropertyValue> args(&hiddenProp, 1);
    Reference<css::frame::XModel> model(desktop()->loadComponentFromURL(ustr(factory), "_blank", 0, args),
                                        css::uno::UNO_QUERY);
    if (!model.is())
        fail("cannot create " + factory);
    return model;
}

void Office::storeToUrl(const Reference<css::frame::XModel>& model, const fs::path& file, const std::string& filter,
                        std::vector<css::beans::PropertyValue> extra)
{
    extra.push_back(prop("FilterName", ustr(filter)));
    extra.push_back(prop("Overwrite", true));
    Reference<css::frame::XStorable>(model, css::uno::UNO_QUERY_THROW)
        ->storeToURL(fileUrl(file), css::uno::Sequence<css::beans::PropertyValue>(extra.data(), extra.size()));
}

void Office::close(const Reference<css::frame::XModel>& model)
{
    if (!model.is())
        return;
    try {
        Reference<css::util::XCloseable> c(model, css::uno::UNO_QUERY);
        if (c.is())
            c->close(true);
        else
            Reference<css::lang::XComponent>(model, css::uno::UNO_QUERY_THROW)->dispose();
    } catch (const css::uno::Exception&) {
        // CloseVetoException / DisposedException: the document is gone or
        // will go with the office.
    }
}

Reference<css::frame::XFrame> Office::frameOf(const Reference<css::frame::XModel>& model)
{
    Reference<css::frame::XController> c = model->getCurrentController();
    if (!c.is())
        fail("the document has no controller");
    Reference<css::frame::XFrame> f = c->getFrame();
    if (!f.is())
        fail("the document has no frame");
    return f;
}

void Office::dispatch(const Reference<css::frame::XModel>& model, const std::string& url) const
{
    css::util::URL u;
    u.Complete = ustr(url);
    css::util::URLTransformer::create(remoteContext_)->parseStrict(u);
    Reference<css::frame::XDispatchProvider> dp(frameOf(model), css::uno::UNO_QUERY_THROW);
    Reference<css::frame::XDispatch> d = dp->queryDispatch(u, "", 0);
    if (!d.is())
        fail(url + " does not resolve");
    d->dispatch(u, {});
}

bool Office::dispatchResolves(const Reference<css::frame::XModel>& model, const std::string& url) const
{
    css::util::URL u;
    u.Complete = ustr(url);
    css::util::URLTransformer::create(remoteContext_)->parseStrict(u);
    Reference<css::frame::XDispatchProvider> dp(frameOf(model), css::uno::UNO_QUERY_THROW);
    return dp->queryDispatch(u, "", 0).is();
}

namespace {

namespace a11y = css::accessibility;

std::string withoutMnemonic(const std::string& s)
{
    std::string o;
    for (char c : s)
        if (c != '~')
            o += c;
    return o;
}

struct ShownItem {
    std::string name; // without mnemonic
    std::string path; // "File > Sign with BSrE…"
    bool enabled = false;
};

bool hasState(const Reference<a11y::XAccessibleContext>& c, sal_Int64 state)
{
#ifdef BSRE_A11Y_STATE_SET_INTERFACE
    Reference<a11y::XAccessibleStateSet> set = c->getAccessibleStateSet();
    return set.is() && set->contains(static_cast<sal_Int16>(state));
#else
    return (c->getAccessibleStateSet() & state) != 0;
#endif
}

void collectShown(const Reference<a11y::XAccessibleContext>& c, const std::string& prefix,
                  const std::function<bool(sal_Int16)>& isItem, std::vector<ShownItem>& out, int depth = 0)
{
    if (!c.is() || depth > 8)
        return;
    sal_Int32 n = c->getAccessibleChildCount();
    for (sal_Int32 i = 0; i < n; ++i) {
        Reference<a11y::XAccessible> ch = c->getAccessibleChild(i);
        Reference<a11y::XAccessibleContext> cc = ch.is() ? ch->getAccessibleContext() : nullptr;
        if (!cc.is())
            continue;
        std::string name = withoutMnemonic(str(cc->getAccessibleName()));
        std::string path = prefix.empty() ? name : prefix + " > " + name;
        if (isItem(cc->getAccessibleRole()) && !name.empty())
            out.push_back({name, path, hasState(cc, a11y::AccessibleStateType::ENABLED)});
        collectShown(cc, path, isItem, out, depth + 1);
    }
}

Reference<a11y::XAccessibleContext> findRole(const Reference<a11y::XAccessibleContext>& c, sal_Int16 role,
                                             int depth = 0)
{
    if (!c.is() || depth > 3)
        return nullptr;
    if (c->getAccessibleRole() == role)
        return c;
    sal_Int32 n = c->getAccessibleChildCount();
    for (sal_Int32 i = 0; i < n; ++i) {
        Reference<a11y::XAccessible> ch = c->getAccessibleChild(i);
        if (auto found = findRole(ch.is() ? ch->getAccessibleContext() : nullptr, role, depth + 1); found.is())
            return found;
    }
    return nullptr;
}

std::vector<ShownItem> shownMenu(const Reference<css::frame::XModel>& model)
{
    // Hidden frames get no menu bar by themselves; ask for one.
    Reference<css::frame::XLayoutManager> lm = layoutManager(model);
    const OUString menubar("private:resource/menubar/menubar");
    if (!lm->getElement(menubar).is())
        lm->createElement(menubar);
    if (!lm->getElement(menubar).is())
        fail("the frame has no menu bar");
    Reference<a11y::XAccessible> win(Office::frameOf(model)->getContainerWindow(), css::uno::UNO_QUERY_THROW);
    Reference<a11y::XAccessibleContext> bar = findRole(win->getAccessibleContext(), a11y::AccessibleRole::MENU_BAR);
    if (!bar.is())
        fail("the frame's window shows no menu bar");
    // An empty bar means the module has no menu bar configuration at all: seen
    // with Debian's 25.2 -writer-nogui, whose Writer UI files are in
    // libreoffice-uiconfig-writer (scripts/lo-prefix.sh).
    if (bar->getAccessibleChildCount() == 0)
        fail("the frame's menu bar is empty: this LibreOffice has no menu bar configuration for the module "
             "(share/config/soffice.cfg/modules/*/menubar/menubar.xml; Debian: libreoffice-uiconfig-writer)");
    std::vector<ShownItem> out;
    collectShown(bar, "",
                 [](sal_Int16 r) {
                     return r == a11y::AccessibleRole::MENU_ITEM || r == a11y::AccessibleRole::MENU ||
                            r == a11y::AccessibleRole::CHECK_MENU_ITEM || r == a11y::AccessibleRole::RADIO_MENU_ITEM;
                 },
                 out);
    return out;
}

Reference<css::ui::XUIElement> toolbarElement(const Reference<css::frame::XModel>& model, const std::string& toolbar)
{
    Reference<css::frame::XLayoutManager> lm = layoutManager(model);
    const OUString name = ustr(toolbar);
    Reference<css::ui::XUIElement> el = lm->getElement(name);
    if (!el.is()) {
        lm->createElement(name);
        el = lm->getElement(name);
    }
    if (!el.is())
        fail("the frame has no " + toolbar);
    return el;
}

std::vector<ShownItem> shownToolbar(const Reference<css::frame::XModel>& model, const std::string& toolbar)
{
    Reference<a11y::XAccessible> acc(toolbarElement(model, toolbar)->getRealInterface(), css::uno::UNO_QUERY);
    if (!acc.is())
        fail(toolbar + " has no accessible window");
    std::vector<ShownItem> out;
    collectShown(acc->getAccessibleContext(), "",
                 [](sal_Int16 r) {
                     return r == a11y::AccessibleRole::PUSH_BUTTON || r == a11y::AccessibleRole::TOGGLE_BUTTON ||
                            r == a11y::AccessibleRole::BUTTON_DROPDOWN || r == a11y::AccessibleRole::BUTTON_MENU ||
                            r == a11y::AccessibleRole::MENU_ITEM;
                 },
                 out);
    return out;
}

template <typename T> T nodeValue(const Reference<css::container::XNameAccess>& node, const char* name, T fallback = T())
{
    OUString n = OUString::createFromAscii(name);
    if (!node.is() || !node->hasByName(n))
        return fallback;
    T v = fallback;
    node->getByName(n) >>= v;
    return v;
}

Reference<css::container::XNameAccess> childNode(const Reference<css::container::XNameAccess>& node, const OUString& name)
{
    if (!node.is() || !node->hasByName(name))
        return nullptr;
    return Reference<css::container::XNameAccess>(node->getByName(name), css::uno::UNO_QUERY);
}

// Titles of the add-on items with `url` in a MenuItems / ToolBarItems set
// (menu items may nest in Submenu).
void titlesFor(const Reference<css::container::XNameAccess>& items, const std::string& url,
               std::vector<std::string>& titles, int depth = 0)
{
    if (!items.is() || depth > 8)
        return;
    for (const OUString& n : items->getElementNames()) {
        Reference<css::container::XNameAccess> item = childNode(items, n);
        if (str(nodeValue<OUString>(item, "URL")) == url) {
            std::string t = withoutMnemonic(str(nodeValue<OUString>(item, "Title")));
            if (!t.empty())
                titles.push_back(t);
        }
        titlesFor(childNode(item, "Submenu"), url, titles, depth + 1);
    }
}

bool contextMatches(const std::string& context, const std::string& module)
{
    if (context.empty())
        return true;
    std::stringstream ss(context);
    std::string part;
    while (std::getline(ss, part, ','))
        if (part == module)
            return true;
    return false;
}

// Titles under which the add-on configuration merges `url` into `module`
// (menu bar when toolbarName is empty, else that toolbar).
std::vector<std::string> addonTitles(const Reference<css::uno::XComponentContext>& ctx, const std::string& url,
                                     const std::string& module, const std::string& toolbarName)
{
    Reference<css::lang::XMultiServiceFactory> provider = css::configuration::theDefaultProvider::get(ctx);
    css::beans::NamedValue path;
    path.Name = "nodepath";
    path.Value <<= ustr(std::string("/org.openoffice.Office.Addons/AddonUI/") +
                        (toolbarName.empty() ? "OfficeMenuBarMerging" : "OfficeToolbarMerging"));
    css::uno::Sequence<css::uno::Any> args(1);
    args[0] <<= path;
    Reference<css::container::XNameAccess> root(
        provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", args),
        css::uno::UNO_QUERY_THROW);
    std::vector<std::string> titles;
    for (const OUString& ext : root->getElementNames()) {
        Reference<css::container::XNameAccess> extNode = childNode(root, ext);
        for (const OUString& instr : extNode->getElementNames()) {
            Reference<css::container::XNameAccess> node = childNode(extNode, instr);
            if (!contextMatches(str(nodeValue<OUString>(node, "MergeContext")), module))
                continue;
            if (!toolbarName.empty() && str(nodeValue<OUString>(node, "MergeToolBar")) != toolbarName)
                continue;
            titlesFor(childNode(node, OUString::createFromAscii(toolbarName.empty() ? "MenuItems" : "ToolBarItems")), url, titles);
        }
    }
    return titles;
}

Office::UiPresence presence(const std::vector<std::string>& titles, const std::vector<ShownItem>& shown,
                            const std::string& where)
{
    Office::UiPresence p;
    p.registered = !titles.empty();
    std::string looked;
    for (const auto& t : titles)
        looked += (looked.empty() ? "\"" : ", \"") + t + "\"";
    for (const auto& item : shown)
        for (const auto& t : titles)
            if (item.name == t && !p.shown) {
                p.shown = true;
                p.enabled = item.enabled;
                p.detail = where + ": shown as \"" + item.path + "\"" + (item.enabled ? " (enabled)" : " (disabled)");
            }
    if (!p.registered)
        p.detail = where + ": no add-on configuration merges this command here";
    else if (!p.shown) {
        p.detail = where + ": registered as " + looked + " but not shown; shown items:";
        for (const auto& item : shown)
            p.detail += " [" + item.path + "]";
    }
    return p;
}

} // namespace

std::string Office::moduleOf(const Reference<css::frame::XModel>& model) const
{
    return str(css::frame::ModuleManager::create(remoteContext_)->identify(frameOf(model)));
}

std::vector<std::string> Office::shownMenuItems(const Reference<css::frame::XModel>& model) const
{
    std::vector<std::string> out;
    for (const auto& i : shownMenu(model))
        out.push_back(i.path);
    return out;
}

std::vector<std::string> Office::shownToolbarItems(const Reference<css::frame::XModel>& model,
                                                   const std::string& toolbar) const
{
    std::vector<std::string> out;
    for (const auto& i : shownToolbar(model, toolbar))
        out.push_back(i.path);
    return out;
}

std::vector<std::string> Office::toolbarSettingsCommands(const Reference<css::frame::XModel>& model,
                                                         const std::string& toolbar) const
{
    std::vector<std::string> out;
    Reference<css::ui::XUIElementSettings> settings(toolbarElement(model, toolbar), css::uno::UNO_QUERY);
    if (settings.is())
        collectSettingsCommands(settings->getSettings(false), out);
    return out;
}

Office::UiPresence Office::menuHasCommand(const Reference<css::frame::XModel>& model, const std::string& url) const
{
    std::string module = moduleOf(model);
    return presence(addonTitles(remoteContext_, url, module, ""), shownMenu(model), module + " menu bar");
}

Office::UiPresence Office::toolbarHasCommand(const Reference<css::frame::XModel>& model, const std::string& url,
                                             const std::string& toolbar) const
{
    std::string module = moduleOf(model);
    std::string name = toolbar.substr(toolbar.rfind('/') + 1);
    return presence(addonTitles(remoteContext_, url, module, name), shownToolbar(model, toolbar),
                    module + " " + name);
}

bool Office::isModified(const Reference<css::frame::XModel>& model)
{
    return Reference<css::util::XModifiable>(model, css::uno::UNO_QUERY_THROW)->isModified();
}

size_t Office::undoDepth(const Reference<css::frame::XModel>& model)
{
    return Reference<css::document::XUndoManagerSupplier>(model, css::uno::UNO_QUERY_THROW)
        ->getUndoManager()
        ->getAllUndoActionTitles()
        .getLength();
}

Reference<id::bsresign::XSigner> Office::signer() const
{
    Reference<id::bsresign::XSigner> s(
        serviceManager()->createInstanceWithContext("id.bsresign.Signer", remoteContext_), css::uno::UNO_QUERY);
    if (!s.is())
        fail("the office cannot create id.bsresign.Signer (is the extension installed and registered?)");
    return s;
}

} // namespace bsretest
