#include "core/ledger.hpp"

#include "common/error.hpp"
#include "common/hex.hpp"
#include "common/json.hpp"
#include "core/dates.hpp"
#include "crypto/digest.hpp"
#include "crypto/external.hpp"
#include "crypto/store.hpp"

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bsre {

namespace {


[[noreturn]] void ledgerFailure(const std::string& file, const std::string& what)
{
    const std::string why = std::strerror(errno);
    fail(Code::Io, Where{file},
         "The usage ledger " + file + " could not be " + what + " (" + why + ").",
         "Catatan pemakaian " + file + " tidak dapat " + (what == "written" ? "ditulis" : "dibuka") + " (" + why + ").");
}

// A file descriptor that closes itself.
struct Fd {
    int fd = -1;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

// The last whole record in the file's tail: its line's hash and sequence,
// and whether the file ends in a torn line (no newline after it).
struct Tail {
    std::string prevHash;
    unsigned long long seq = 0;
    bool torn = false;
};

Tail readTail(int fd, const std::string& file)
{
    struct stat st{};
    if (::fstat(fd, &st) != 0)
        ledgerFailure(file, "opened");
    Tail t;
    if (st.st_size == 0)
        return t;
    const off_t window = std::min<off_t>(st.st_size, 64 * 1024);
    std::string buf(static_cast<size_t>(window), '\0');
    if (::pread(fd, buf.data(), buf.size(), st.st_size - window) != window)
        ledgerFailure(file, "opened");
    t.torn = buf.back() != '\n';
    size_t end = t.torn ? buf.rfind('\n') : buf.size() - 1;
    while (end != std::string::npos && end > 0) {
        const size_t start = buf.rfind('\n', end - 1);
        const size_t from = start == std::string::npos ? 0 : start + 1;
        const std::string_view line(buf.data() + from, end - from);
        if (auto r = parseRecord(line)) {
            t.prevHash = lineHash(line);
            t.seq = r->seq;
            return t;
        }
        if (start == std::string::npos)
            break;
        end = start;
    }
    return t;
}

void field(std::string& o, const char* key, const std::string& v)
{
    o += ",\"";
    o += key;
    o += "\":" + json::quoted(v);
}

const std::string& get(const json::FlatObject& o, const char* key)
{
    static const std::string none;
    auto it = o.find(key);
    return it == o.end() ? none : it->second;
}


Warning unwritten(const Error& e)
{
    return {WarningCode::LedgerNotWritten, "The signature was made, but it could not be recorded in the usage ledger: " +
                                    std::string(e.english()),
            "Tanda tangan dibuat, tetapi tidak dapat dicatat dalam catatan pemakaian: " + e.indonesian()};
}

} // namespace

std::string lineHash(std::string_view line) { return hex(crypto::hash(crypto::HashAlg::Sha256, line)); }

std::string ledgerFile(const std::string& dir, const std::string& host, const std::string& user)
{
    const std::string id = hex(crypto::hash(crypto::HashAlg::Sha256, host + '\0' + user)).substr(0, 16);
    return dir + "/bsre-ledger-" + id + ".jsonl";
}

std::pair<std::string, std::string> deskNames(DeskNaming naming, const std::string& host, const std::string& user)
{
    if (naming == DeskNaming::Neither)
        return {"", ""};
    if (naming == DeskNaming::Both)
        return {host, user};
    return {"sha256:" + hex(crypto::hash(crypto::HashAlg::Sha256, host)),
            "sha256:" + hex(crypto::hash(crypto::HashAlg::Sha256, user))};
}

std::string recordLine(const LedgerRecord& r, unsigned long long seq, const std::string& prevHash)
{
    std::string o = "{\"v\":1,\"seq\":" + std::to_string(seq);
    field(o, "time", r.time);
    field(o, "result", r.signedOk ? "signed" : "refused");
    field(o, "code", r.code);
    field(o, "fingerprint", r.fingerprint);
    field(o, "name", r.name);
    field(o, "issuer", r.issuer);
    field(o, "serial", r.serial);
    field(o, "notAfter", r.notAfter);
    field(o, "org", r.organisation);
    field(o, "unit", r.unit);
    field(o, "level", r.level);
    field(o, "levelAsked", r.levelAsked);
    field(o, "source", r.source);
    o += ",\"pages\":" + std::to_string(r.pages);
    o += std::string(",\"visible\":") + (r.visible ? "true" : "false");
    o += std::string(",\"notice\":") + (r.notice ? "true" : "false");
    field(o, "tool", r.tool);
    field(o, "version", r.version);
    field(o, "host", r.host);
    field(o, "user", r.user);
    if (!r.fileHash.empty())
        field(o, "file", r.fileHash);
    if (!r.keyHolder.empty())
        field(o, "holder", r.keyHolder);
    field(o, "prev", prevHash);
    return o + "}";
}

std::optional<ReadRecord> parseRecord(std::string_view line)
{
    auto o = json::parseFlat(line);
    if (!o || get(*o, "v") != "1" || get(*o, "time").empty())
        return std::nullopt;
    const std::string& result = get(*o, "result");
    if (result != "signed" && result != "refused")
        return std::nullopt;
    ReadRecord r;
    LedgerRecord& x = r.record;
    x.time = get(*o, "time");
    x.signedOk = result == "signed";
    x.code = get(*o, "code");
    x.fingerprint = get(*o, "fingerprint");
    x.name = get(*o, "name");
    x.issuer = get(*o, "issuer");
    x.serial = get(*o, "serial");
    x.notAfter = get(*o, "notAfter");
    x.organisation = get(*o, "org");
    x.unit = get(*o, "unit");
    x.level = get(*o, "level");
    x.levelAsked = get(*o, "levelAsked");
    x.source = get(*o, "source");
    x.pages = std::atoi(get(*o, "pages").c_str());
    x.visible = get(*o, "visible") == "true";
    x.notice = get(*o, "notice") == "true";
    x.tool = get(*o, "tool");
    x.version = get(*o, "version");
    x.host = get(*o, "host");
    x.user = get(*o, "user");
    x.fileHash = get(*o, "file");
    x.keyHolder = get(*o, "holder");
    r.seq = std::strtoull(get(*o, "seq").c_str(), nullptr, 10);
    r.prev = get(*o, "prev");
    return r;
}

// The ledger file opened for appending (created 0640 with its folder), or -1.
// Its name is predictable and the folder may be shared: a symbolic link
// planted there is refused (O_NOFOLLOW), never written through.
static int openLedger(const std::string& file)
{
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
    return ::open(file.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640);
}

void appendRecord(const std::string& file, LedgerRecord record)
{
    Fd f;
    f.fd = openLedger(file);
    if (f.fd < 0 || ::flock(f.fd, LOCK_EX) != 0)
        ledgerFailure(file, "opened");
    const Tail tail = readTail(f.fd, file);
    const std::string line = (tail.torn ? "\n" : "") + recordLine(record, tail.seq + 1, tail.prevHash) + "\n";
    if (::write(f.fd, line.data(), line.size()) != static_cast<ssize_t>(line.size()) || ::fdatasync(f.fd) != 0)
        ledgerFailure(file, "written");
}

LedgerAttempt::LedgerAttempt(LedgerSettings s, std::string tool, std::string version, std::string source,
                             std::string levelAsked, bool visible, bool notice)
    : settings_(std::move(s))
{
    record_.source = std::move(source);
    record_.levelAsked = std::move(levelAsked);
    record_.visible = visible;
    record_.notice = notice;
    record_.tool = std::move(tool);
    record_.version = std::move(version);
}

void LedgerAttempt::requireWritable() const
{
    if (!settings_.enabled || !settings_.require)
        return;
    const auto [host, user] = std::pair(hostName(), userName());
    const std::string file = ledgerFile(settings_.dir, host, user);
    Fd probe; // the same open as appendRecord's, writing nothing
    probe.fd = openLedger(file);
    if (probe.fd < 0)
        fail(Code::Io, Where{file},
             "The usage ledger " + file + " cannot be written and IT's policy requires it; nothing was signed.",
             "Catatan pemakaian " + file + " tidak dapat ditulis dan kebijakan TI mewajibkannya; tidak ada yang "
             "ditandatangani.");
}

void LedgerAttempt::certificate(const std::string& der)
{
    const crypto::CertificateSummary c = crypto::describeCertificate(der);
    record_.fingerprint = c.fingerprint;
    record_.name = c.commonName;
    record_.issuer = c.issuer;
    record_.serial = c.serial;
    record_.notAfter = c.notAfter;
    record_.organisation = c.organisation;
    record_.unit = c.unit;
}

void LedgerAttempt::fileName(const std::string& path)
{
    if (settings_.hashFileNames && !path.empty() && crypto::nssReady())
        record_.fileHash =
            "sha256:" + hex(crypto::hash(crypto::HashAlg::Sha256, std::filesystem::path(path).filename().string()));
}

std::optional<Warning> LedgerAttempt::append()
{
    done_ = true;
    if (!settings_.enabled)
        return std::nullopt;
    const std::string host = hostName(), user = userName();
    std::tie(record_.host, record_.user) = deskNames(settings_.naming, host, user);
    record_.time = utcTimeNow();
    try {
        appendRecord(ledgerFile(settings_.dir, host, user), record_);
    } catch (const Error& e) {
        appendSupportLog(record_.tool, record_.version, e);
        if (settings_.require)
            throw;
        return unwritten(e);
    }
    return std::nullopt;
}

std::optional<Warning> LedgerAttempt::signedAs(const std::string& level, int pages)
{
    record_.signedOk = true;
    record_.level = level;
    record_.pages = pages;
    return append();
}

void LedgerAttempt::refused(const Error& e) noexcept
{
    appendSupportLog(record_.tool, record_.version, e);
    refused(e.code());
}

void LedgerAttempt::refused(Code code) noexcept
{
    if (done_ || !crypto::nssReady())
        return; // recorded already, or refused before NSS (and the certificate) were up
    try {
        record_.signedOk = false;
        record_.code = codeName(code);
        (void)append(); // a ledger that cannot be written must not hide the refusal
    } catch (...) {
    }
}

static std::string dataFolder()
{
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x)
        return std::string(x) + "/bsre-sign";
    const char* home = std::getenv("HOME");
    return std::string(home ? home : ".") + "/.local/share/bsre-sign";
}

std::string defaultLedgerFolder() { return dataFolder() + "/ledger"; }

std::string supportLogFile() { return dataFolder() + "/support.log"; }

void appendSupportLog(const std::string& tool, const std::string& version, const Error& e) noexcept
{
    try {
        const std::string file = supportLogFile();
        std::error_code ec;
        std::filesystem::create_directories(dataFolder(), ec);
        if (std::filesystem::file_size(file, ec) > (1u << 20) && !ec)
            std::filesystem::rename(file, file + ".1", ec);
        std::string line = utcTimeNow() + " " + tool + " " + version + " NSS " + crypto::nssVersion() + " [" +
                           crypto::moduleNames() + "] " + codeName(e.code()) + ": " + e.english();
        if (!e.where().file.empty())
            line += " [" + e.where().file + "]";
        for (char& c : line)
            if (c == '\n' || c == '\r')
                c = ' ';
        line += "\n";
        Fd f;
        f.fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600); // a link: not followed
        if (f.fd >= 0)
            (void)!::write(f.fd, line.data(), line.size());
    } catch (...) {
    }
}

DeskNaming parseDeskNaming(std::string_view s) noexcept
{
    return s == "hashed" ? DeskNaming::Hashed : s == "neither" ? DeskNaming::Neither : DeskNaming::Both;
}

std::string hostName()
{
    char buf[256] = {};
    return ::gethostname(buf, sizeof buf - 1) == 0 ? buf : "";
}

std::string userName()
{
    if (const passwd* p = ::getpwuid(::geteuid()))
        return p->pw_name;
    return std::to_string(::geteuid());
}

} // namespace bsre
