// What every fuzz target shares (docs/FUZZING.md): the committed data they
// read, NSS without a database, and a private folder for the one target that
// needs a path (core/verify takes a file).
//
// A target catches bsre::Error only: a refusal in the engine's one error
// family is the expected answer to a bad input. Anything else escaping (a
// std::out_of_range, a crash, a hang, a leak) is a finding.
#pragma once

#include "crypto/verify.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <unistd.h>

#ifndef BSRE_SOURCE_DIR
#error "BSRE_SOURCE_DIR must be defined (tests/fuzz/CMakeLists.txt, tests/fuzz/replay.cmake)"
#endif

namespace fuzz {

// A file of the source tree, e.g. "tests/data/golden/signer.pem".
inline std::string source(const std::string& rel) { return std::string(BSRE_SOURCE_DIR) + "/" + rel; }

inline std::string slurp(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    if (!f)
        throw std::runtime_error("fuzz: cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

// NSS initialised once per process without a database (no key is used).
inline void nss()
{
    static std::unique_ptr<bsre::crypto::TrustContext> ctx = bsre::crypto::TrustContext::none();
}

// A folder of this process's own (mkdtemp, 0700), removed at exit.
class PrivateDir {
public:
    PrivateDir()
    {
        const char* tmp = std::getenv("TMPDIR");
        std::string tpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/bsre-fuzz-XXXXXX";
        if (!::mkdtemp(tpl.data()))
            throw std::runtime_error("fuzz: mkdtemp failed");
        dir_ = tpl;
    }
    ~PrivateDir()
    {
        for (const auto& f : files_)
            ::unlink(f.c_str());
        ::rmdir(dir_.c_str());
    }
    // Writes `bytes` to the file `name` in the folder and returns its path.
    std::string write(const std::string& name, const uint8_t* data, size_t size)
    {
        const std::string path = dir_ + "/" + name;
        std::ofstream f(path, std::ios::binary | std::ios::trunc);
        f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        f.close();
        if (!f)
            throw std::runtime_error("fuzz: cannot write " + path);
        files_.insert(path);
        return path;
    }

private:
    std::string dir_;
    std::set<std::string> files_;
};

// Fails loudly: an invariant of the engine broken by an input (not a refusal).
[[noreturn]] inline void broken(const char* what)
{
    std::fprintf(stderr, "fuzz: invariant broken: %s\n", what);
    std::abort();
}

} // namespace fuzz
