// The command line as the commands see it, and the helpers they share.
#pragma once

#include "common/error.hpp"

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

namespace bsre::cli {

struct Args {
    std::string command;
    std::map<std::string, std::vector<std::string>> opts;
    std::vector<std::string> positional;
    bool has(const std::string& k) const { return opts.count(k) > 0; }
    std::string get(const std::string& k) const { return has(k) ? opts.at(k).back() : std::string(); }
};

// A Usage error: the sentence and, from main(), the usage text.
[[noreturn]] void usage(const std::string& en, const std::string& id);
// Refuses an option the command does not know.
void requireKnown(const Args& a, std::initializer_list<const char*> known);

} // namespace bsre::cli
