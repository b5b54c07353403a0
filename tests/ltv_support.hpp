// The loopback LTV fixtures (tests/fixtures/LTV.md) as the tests see them.
#pragma once

#include "support.hpp"

#include <map>
#include <sstream>

namespace testing {

// PORTS_FILE written by make-ltv-pki.sh: KEY=VALUE lines.
inline std::map<std::string, std::string> ltvPorts()
{
    std::map<std::string, std::string> out;
    std::istringstream in(slurp(env("BSRE_LTV_PORTS")));
    std::string line;
    while (std::getline(in, line)) {
        auto eq = line.find('=');
        if (eq != std::string::npos && line[0] != '#')
            out[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return out;
}
inline std::string ltv(const std::string& rel) { return env("BSRE_LTV") + "/" + rel; }
inline std::string tsaUrl(const std::string& path = "") { return ltvPorts()["TSA_URL"] + path; }

// bsre-sign with the LTV PKI's database; proxies from the environment unset.
inline std::string ltvTool() { return "env -u http_proxy -u https_proxy " + q(tool()); }

} // namespace testing
