// A private folder (0700) for working files, removed whatever happens.
#pragma once

#include "common/error.hpp"

#include <filesystem>
#include <string>
#include <system_error>
#include <unistd.h>

namespace bsre::ext {

struct PrivateDir {
    std::string path;
    PrivateDir()
    {
        std::string t = (std::filesystem::temp_directory_path() / "bsre-sign-XXXXXX").string();
        if (!::mkdtemp(t.data())) // 0700
            fail(Code::Io, "A private temporary folder could not be created.",
                 "Folder sementara pribadi tidak dapat dibuat.");
        path = t;
    }
    ~PrivateDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    PrivateDir(const PrivateDir&) = delete;
    PrivateDir& operator=(const PrivateDir&) = delete;
};

} // namespace bsre::ext
