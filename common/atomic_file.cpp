#include "common/atomic_file.hpp"

#include "common/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace bsre {

namespace {
[[noreturn]] void ioFail(const std::string& what_en, const std::string& what_id, int err)
{
    fail(Code::Io, what_en + " (" + std::strerror(err) + "); nothing was written.",
         what_id + " (" + std::strerror(err) + "); tidak ada yang ditulis.");
}
} // namespace

void writeFileAtomically(const std::string& path, std::string_view data, bool overwrite)
{
    if (!overwrite && ::access(path.c_str(), F_OK) == 0)
        fail(Code::Io, "The output file " + path + " already exists; choose another name or allow overwriting.",
             "Berkas keluaran " + path + " sudah ada; pilih nama lain atau izinkan menimpa.");
    size_t slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    std::string tmpl = dir + "/." + base + ".XXXXXX";
    int fd = ::mkstemp(tmpl.data()); // mode 0600
    if (fd < 0)
        ioFail("The output folder " + dir + " is not writable", "Folder keluaran " + dir + " tidak dapat ditulisi",
               errno);
    const char* p = data.data();
    size_t left = data.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int err = n < 0 ? errno : ENOSPC;
            ::close(fd);
            ::unlink(tmpl.c_str());
            ioFail("Writing " + path + " failed", "Penulisan " + path + " gagal", err);
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) {
        int err = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        ioFail("Writing " + path + " failed", "Penulisan " + path + " gagal", err);
    }
    // Outputs are documents for people, not secrets: the usual 0644 after the
    // private temporary phase.
    ::fchmod(fd, 0644);
    if (::close(fd) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        ioFail("Writing " + path + " failed", "Penulisan " + path + " gagal", err);
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        ioFail("The output " + path + " could not be put in place", "Berkas keluaran " + path + " tidak dapat ditempatkan",
               err);
    }
}

bool samePath(const std::string& a, const std::string& b)
{
    struct stat sa{}, sb{};
    if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0)
        return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

std::string readFile(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    if (!f)
        fail(Code::Io, "The file " + path + " cannot be read (" + std::strerror(errno) + ").",
             "Berkas " + path + " tidak dapat dibaca (" + std::strerror(errno) + ").");
    return std::string(std::istreambuf_iterator<char>(f), {});
}

} // namespace bsre
