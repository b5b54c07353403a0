// The loopback stand-in of BSrE's signing service (tests/fixtures/bsre_service.py)
// as the tests see it: started on first use with the LTV fixtures' officer and
// TSA, stopped (by its process id) when the test program ends.
#pragma once

#include "ltv_support.hpp"

#include <chrono>
#include <csignal>
#include <thread>

namespace testing {

// The stand-in, started once for the whole module and stopped at its end.
struct Service {
    std::string dir, url;
    long pid = 0;
    Service()
    {
        char t[] = "/tmp/bsre-service-XXXXXX";
        BOOST_TEST_REQUIRE(::mkdtemp(t) != nullptr);
        dir = t;
        Run r = run("env -u http_proxy -u https_proxy python3 " +
                    q(env("BSRE_SOURCE") + "/tests/fixtures/bsre_service.py") + " --port-file " + q(dir + "/port") +
                    " --bsre-sign " + q(tool()) + " --nssdb " + q(ltv("ltvdb")) + " --tsa " + q(tsaUrl()) +
                    " --workdir " + q(dir + "/work") + " --slow-seconds 8 --lifetime 900 > " + q(dir + "/log") +
                    " 2>&1 & echo $!");
        pid = std::stol(r.output);
        for (int i = 0; i < 100 && !fs::exists(dir + "/port"); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        BOOST_TEST_REQUIRE(fs::exists(dir + "/port"), slurp(dir + "/log"));
        url = "http://127.0.0.1:" + collapse(slurp(dir + "/port"));
    }
    ~Service()
    {
        if (pid > 0)
            ::kill(static_cast<pid_t>(pid), SIGTERM);
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string work(const std::string& name) const { return dir + "/work/" + name; }
    std::string log() const { return slurp(dir + "/log"); }
};

inline Service& service()
{
    static Service s;
    return s;
}

} // namespace testing
