// Faults from outside (issue 15): SIGKILL at many moments of a B-LT signing
// against the loopback servers, a full disk and a read-only folder (tmpfs
// mounts made here: the tests run as root), a symlink planted at the output,
// and the PIN never in the process's command line or environment.
#define BOOST_TEST_MODULE faults
#include <boost/test/unit_test.hpp>

#include "ltv_support.hpp"

#include <cctype>
#include <chrono>
#include <filesystem>
#include <functional>
#include <sstream>
#include <vector>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace testing;
namespace fs = std::filesystem;

namespace {

std::string signLt(const std::string& in, const std::string& out, const std::string& extra = "")
{
    return ltvTool() + " sign --nssdb " + q(ltv("ltvdb")) + " --cert ltv-officer --no-ledger --level B-LT --tsa " +
           q(tsaUrl()) + " --tsa-timeout 30 " + extra + " " + q(in) + " -o " + q(out);
}

// A tmpfs of `size` at `dir` (options e.g. "ro"), unmounted at the end of the scope.
struct Mount {
    std::string dir;
    Mount(const std::string& d, const std::string& options) : dir(d)
    {
        fs::create_directories(dir);
        Run m = run("mount -t tmpfs -o " + options + " bsre-test " + q(dir));
        BOOST_TEST_REQUIRE(m.status == 0, "mounting a tmpfs needs root: " << m.output);
    }
    ~Mount() { run("umount " + q(dir)); }
};

// Everything left in `dir` apart from `allowed`: only private temporary files may remain.
void checkLeftovers(const std::string& dir, const std::string& allowed)
{
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name == allowed)
            continue;
        struct stat st{};
        ::stat(e.path().c_str(), &st);
        BOOST_TEST((name.rfind("." + allowed + ".", 0) == 0), "a stray file " << name);
        BOOST_TEST((st.st_mode & 077) == 0u, name << " is readable by others: mode " << std::oct << st.st_mode);
    }
}

// A command under GNU time: its outcome, peak RSS and wall time.
struct Measured {
    Run run;
    unsigned long kib = 0;
    double secs = 0;
};
Measured measured(const std::string& cmd)
{
    Measured m;
    m.run = run("/usr/bin/time -f 'peak %M KiB, %e s' " + cmd);
    const size_t at = m.run.output.rfind("peak ");
    BOOST_TEST_REQUIRE(at != std::string::npos, m.run.output);
    std::sscanf(m.run.output.c_str() + at, "peak %lu KiB, %lf s", &m.kib, &m.secs);
    return m;
}

double seconds(const std::function<void()>& f)
{
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

BOOST_AUTO_TEST_CASE(a_kill_at_any_moment_leaves_no_partial_output)
{
    Scratch s;
    const std::string in = pdfs("letter-100.pdf"), before = slurp(in);
    const double full = seconds([&] { BOOST_TEST_REQUIRE(run(signLt(in, s("whole.pdf"))).status == 0); });
    BOOST_TEST_MESSAGE("a whole B-LT signing of 100 pages: " << full << " s");
    int midway = 0;
    for (int k = 1; k <= 12; ++k) {
        const std::string dir = s("k" + std::to_string(k)), out = dir + "/out.pdf";
        fs::create_directories(dir);
        const double at = full * k / 14.0;
        Run r = run(signLt(in, out) + " >/dev/null 2>&1 & p=$!; sleep " + std::to_string(at) +
                    "; kill -9 $p 2>/dev/null && echo killed; wait $p; echo status $?");
        const bool killed = r.output.find("killed") != std::string::npos && r.output.find("status 137") != std::string::npos;
        midway += killed;
        if (fs::exists(out)) { // finished before the kill: then it is whole
            Run v = run(q(tool()) + " verify --nssdb " + q(ltv("verifydb-ltv")) + " --json " + q(out));
            BOOST_TEST(v.status == 0, "k=" << k << ": " << v.output);
        }
        checkLeftovers(dir, "out.pdf");
        // The next run succeeds where the killed one left off.
        BOOST_TEST(run(signLt(in, out, "--overwrite")).status == 0, "k=" << k);
    }
    BOOST_TEST_MESSAGE(midway << " of 12 kills landed while signing");
    BOOST_TEST(midway >= 6, midway << " of 12 kills landed while signing");
    // And one while the TSA keeps it waiting (its /slow path answers after 20 s).
    fs::create_directories(s("slow"));
    Run r = run(ltvTool() + " sign --nssdb " + q(ltv("ltvdb")) + " --cert ltv-officer --no-ledger --tsa " +
                q(tsaUrl("/slow")) + " --tsa-timeout 30 " + q(in) + " -o " + q(s("slow/out.pdf")) +
                " >/dev/null 2>&1 & p=$!; sleep 1; kill -9 $p && echo killed; wait $p; echo status $?");
    BOOST_TEST(r.output.find("status 137") != std::string::npos, r.output);
    BOOST_TEST(!fs::exists(s("slow/out.pdf")));
    checkLeftovers(s("slow"), "out.pdf");
    BOOST_TEST(slurp(in) == before);
}

BOOST_AUTO_TEST_CASE(a_full_disk_and_a_read_only_folder_leave_nothing)
{
    Scratch s;
    {
        Mount full(s("full"), "size=24k");
        Run r = run(signLt(pdfs("letter-100.pdf"), s("full/out.pdf")));
        BOOST_TEST(r.status == 5, r.output);
        BOOST_TEST(r.output.find("nothing was written") != std::string::npos, r.output);
        BOOST_TEST(fs::is_empty(s("full")), "nothing left on the full disk");
        Run b = run(ltvTool() + " sign --nssdb " + q(ltv("ltvdb")) + " --cert ltv-officer --no-ledger " +
                    q(pdfs("letter-100.pdf")) + " " + q(pdfs("letter-objstm.pdf")) + " -O " + q(s("full")) + " --json");
        BOOST_TEST(b.status == 9, b.output);
        BOOST_TEST(count(b.output, "\"code\":\"Io\"") >= 1u, b.output);
        checkLeftovers(s("full"), "letter-objstm_signed.pdf"); // the small one may fit
    }
    {
        Mount ro(s("ro"), "ro,size=1m");
        Run r = run(signLt(pdfs("letter.pdf"), s("ro/out.pdf")));
        BOOST_TEST(r.status == 5, r.output);
        BOOST_TEST(r.output.find("not writable") != std::string::npos, r.output);
        BOOST_TEST(fs::is_empty(s("ro")));
    }
}

BOOST_AUTO_TEST_CASE(a_symlink_at_the_output_is_replaced_never_written_through)
{
    Scratch s;
    spit(s("precious.txt"), "jangan diubah");
    fs::create_symlink(s("precious.txt"), s("out.pdf"));
    Run refused = run(signLt(pdfs("letter.pdf"), s("out.pdf")));
    BOOST_TEST(refused.status == 5, refused.output);
    Run r = run(signLt(pdfs("letter.pdf"), s("out.pdf"), "--overwrite"));
    BOOST_TEST(r.status == 0, r.output);
    BOOST_TEST(!fs::is_symlink(s("out.pdf")), "the link itself was replaced");
    BOOST_TEST(slurp(s("precious.txt")) == "jangan diubah");
    struct stat st{};
    ::stat(s("out.pdf").c_str(), &st);
    BOOST_TEST((st.st_mode & 002) == 0u, "the output is not world-writable");
}

BOOST_AUTO_TEST_CASE(the_pin_is_not_in_the_command_line_nor_the_environment)
{
    Scratch s;
    std::string pin = slurp(pki("token.pin"));
    while (!pin.empty() && (pin.back() == '\n' || pin.back() == '\r'))
        pin.pop_back();
    BOOST_TEST_REQUIRE(!pin.empty());
    // A token signing whose TSA answers after 20 s: time to look at the process.
    const std::string cmd = "SOFTHSM2_CONF=" + q(pki("softhsm2.conf")) + " " + ltvTool() + " sign --nssdb " +
                            q(pki("nssdb")) + " --module " + q(softhsmModule()) + " --cert " + q("bsre-test:Agus Token") +
                            " --no-ledger --pin-fd 3 --tsa " + q(tsaUrl("/slow")) + " --tsa-timeout 30 " +
                            q(pdfs("letter.pdf")) + " -o " + q(s("out.pdf")) + " 3< " + q(pki("token.pin"));
    Run r = run(cmd + " >/dev/null 2>&1 & p=$!; sleep 1.5; tr '\\0' ' ' < /proc/$p/cmdline; echo; tr '\\0' '\\n' < /proc/$p/environ;"
                      " echo; echo alive $(kill -0 $p && echo yes); kill -9 $p; wait $p 2>/dev/null; true");
    BOOST_TEST(r.output.find("alive yes") != std::string::npos, r.output);
    BOOST_TEST(r.output.find(" sign --nssdb ") != std::string::npos, "the command line was read: " << r.output);
    // No argument and no environment value is the PIN (a substring test would
    // trip over port numbers and random folder names).
    std::istringstream lines(r.output);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        for (std::string w; words >> w;) {
            BOOST_TEST(w != pin, "the PIN is an argument: " << line);
            BOOST_TEST(w.substr(w.find('=') + 1) != pin, "the PIN is in the environment: " << line);
        }
    }
}

// A TSA that abuses the client: each answer refused with exit 7 and its
// sentence, within the timeout, in bounded memory (peak RSS measured).
BOOST_AUTO_TEST_CASE(an_abusive_timestamp_server_is_refused_in_bounded_time_and_memory)
{
    Scratch s;
    struct Case {
        const char* route;
        const char* says; // in the sentence
    };
    const Case cases[] = {{"/huge", "larger than 1 MiB"},  {"/endless", "larger than 1 MiB"},
                          {"/garbage", "timestamp"},       {"/truncated", "did not answer"},
                          {"/trickle", "did not answer"},  {"/wrongtype", "text/html, not a timestamp"},
                          {"/loop", "HTTP 302"}};
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.route)
        {
            Measured m = measured(ltvTool() + " sign --nssdb " + q(ltv("ltvdb")) +
                                  " --cert ltv-officer --no-ledger --tsa " + q(tsaUrl(c.route)) + " --tsa-timeout 4 " +
                                  q(pdfs("letter.pdf")) + " -o " + q(s("out.pdf")));
            BOOST_TEST_MESSAGE(c.route << ": exit " << m.run.status << ", peak " << m.kib << " KiB, " << m.secs << " s");
            BOOST_TEST(m.run.status == 7, m.run.output);
            BOOST_TEST(m.run.output.find(c.says) != std::string::npos, m.run.output);
            BOOST_TEST(!fs::exists(s("out.pdf")));
            BOOST_TEST(m.kib < 40u * 1024, "peak RSS " << m.kib << " KiB");
            BOOST_TEST(m.secs < 9.0, m.secs << " s for a 4 s timeout");
        }
    }
}

// OCSP responders, CRL servers and AIA (caIssuers) addresses that abuse the
// client (tests/fixtures/loopback_abuse.py): certificates from the LTV issuing
// CA point at each abusive route (make-abuse-certs.sh), are signed for in two
// phases (prepare, openssl, complete: no database needs their key), and B-LT
// is refused with exit 7 and the sentence naming what the address did, in
// bounded time and peak RSS. An OCSP certificate's CRL is on a dead port and
// an AIA certificate's chain lacks its issuer, so nothing else can save them.
BOOST_AUTO_TEST_CASE(abusive_ocsp_crl_and_aia_servers_are_refused_in_bounded_time_and_memory)
{
    Scratch s;
    const std::string certs = s("certs");
    Run made = run(q(env("BSRE_SOURCE") + "/tests/fixtures/make-abuse-certs.sh") + " " + q(ltv("")) + " " + q(certs));
    BOOST_TEST_REQUIRE(made.status == 0, made.output);
    struct Case {
        const char* route;
        const char* ocsp; // in the sentence, for each kind of address
        const char* crl;
        const char* aia;
    };
    const Case cases[] = {
        {"huge", "did not answer (the answer is larger than 1 MiB)", "(the answer is larger than 20 MiB)",
         "did not answer (the answer is larger than 1 MiB)"},
        {"endless", "did not answer (the answer is larger than 1 MiB)", "(the answer is larger than 20 MiB)",
         "did not answer (the answer is larger than 1 MiB)"},
        {"garbage", "sent no valid response", "cannot be decoded", "sent no certificate"},
        {"truncated", "did not answer (transfer closed", "could not be fetched (transfer closed",
         "did not answer (transfer closed"},
        {"trickle", "did not answer (Operation timed out", "could not be fetched (Operation timed out",
         "did not answer (Operation timed out"},
        {"wrongtype", "the answer is text/html, not an OCSP response", "the answer is text/html, not a DER file",
         "the answer is text/html, not a DER file"},
        {"loop", "did not answer (HTTP 302)", "could not be fetched (Maximum (3) redirects followed)",
         "did not answer (Maximum (3) redirects followed)"},
    };
    for (const Case& c : cases)
        for (const std::string kind : {"ocsp", "crl", "aia"}) {
            const std::string name = kind + "-" + c.route, state = s(name + ".state"), out = s(name + ".pdf");
            BOOST_TEST_CONTEXT(name)
            {
                // An AIA certificate comes alone; the others with the issuing CA.
                Run p = run(q(tool()) + " prepare --cert " + q(certs + "/" + name + ".pem") +
                            (kind == "aia" ? "" : " --chain " + q(ltv("issuing.pem"))) + " --invisible " +
                            q(pdfs("letter.pdf")) + " -o " + q(state));
                const size_t at = p.output.find("digest: sha256 ");
                BOOST_TEST_REQUIRE((p.status == 0 && at != std::string::npos), p.output);
                spit(s("digest.bin"), unhex(p.output.substr(at + 15, 64)));
                BOOST_TEST_REQUIRE(run("openssl pkeyutl -sign -inkey " + q(certs + "/abuse.key") + " -in " +
                                       q(s("digest.bin")) + " -out " + q(s("sig.bin")) + " -pkeyopt digest:sha256")
                                       .status == 0);
                Measured m = measured(ltvTool() + " complete " + q(state) + " --signature " + q(s("sig.bin")) +
                                      " --nssdb " + q(ltv("verifydb-ltv")) + " --no-ledger --tsa " + q(tsaUrl()) +
                                      " --tsa-timeout 4 --level B-LT -o " + q(out));
                BOOST_TEST_MESSAGE(name << ": exit " << m.run.status << ", peak " << m.kib << " KiB, " << m.secs << " s");
                const char* says = kind == "ocsp" ? c.ocsp : kind == "crl" ? c.crl : c.aia;
                BOOST_TEST(m.run.status == 7, m.run.output);
                BOOST_TEST(m.run.output.find("No revocation data could be had") != std::string::npos, m.run.output);
                BOOST_TEST(m.run.output.find(says) != std::string::npos, "wanted \"" << says << "\": " << m.run.output);
                BOOST_TEST(!fs::exists(out));
                // The TSA test's bound; a CRL may be 20 MiB, so 20 MiB more for it.
                BOOST_TEST(m.kib < (kind == "crl" ? 60u : 40u) * 1024, "peak RSS " << m.kib << " KiB");
                BOOST_TEST(m.secs < 9.0, m.secs << " s for a 4 s timeout");
            }
        }
}

// One OCSP/CRL session for a batch: B-LT for three files asks the responder
// no more often than for one file (every file's chains are the same).
BOOST_AUTO_TEST_CASE(a_b_lt_batch_asks_the_responders_once)
{
    Scratch s;
    const std::string log = ltv("run/ocsp.log");
    auto requests = [&] { return count(slurp(log), "\"POST "); };
    size_t before = requests();
    BOOST_TEST_REQUIRE(run(signLt(pdfs("letter.pdf"), s("one.pdf"))).status == 0);
    const size_t forOne = requests() - before;
    BOOST_TEST_REQUIRE(forOne > 0u);
    before = requests();
    Run b = run(ltvTool() + " sign --nssdb " + q(ltv("ltvdb")) + " --cert ltv-officer --no-ledger --level B-LT --tsa " +
                q(tsaUrl()) + " --jobs 2 " + q(pdfs("letter.pdf")) + " " + q(pdfs("letter-objstm.pdf")) + " " +
                q(pdfs("letter-pdfa.pdf")) + " -O " + q(s("out")) + " --json");
    BOOST_TEST_REQUIRE(b.status == 0, b.output);
    BOOST_TEST(count(b.output, "\"level\":\"B-LT\"") == 3u, b.output);
    const size_t forThree = requests() - before;
    BOOST_TEST_MESSAGE(forThree << " OCSP requests for a batch of three (two workers), " << forOne << " for one file");
    BOOST_TEST(forThree <= forOne + 2, forThree << " OCSP requests for three files, " << forOne << " for one");
    for (const char* f : {"letter_signed.pdf", "letter-objstm_signed.pdf", "letter-pdfa_signed.pdf"}) {
        Run v = run(q(tool()) + " verify --nssdb " + q(ltv("verifydb-ltv")) + " --json " + q(s("out/") + f));
        BOOST_TEST(v.status == 0, f << ": " << v.output);
        BOOST_TEST(v.output.find("\"level\":\"B-LT\"") != std::string::npos, v.output);
    }
}

namespace {

// bsre-sign sign on the SoftHSM2 token behind tests/pkcs11_pin_shim.c, whose
// BSRE_SHIM_PULL file pulls the token out ("after-login": right after the PIN
// is accepted, before the key signs).
std::string onToken(const Scratch& s, const std::string& args, const std::string& extra = "--no-ledger")
{
    return "BSRE_SHIM_STATE=" + q(s("tries")) + " BSRE_SHIM_PULL=" + q(s("pull")) + " BSRE_SHIM_TARGET=" +
           q(softhsmModule()) + " SOFTHSM2_CONF=" + q(pki("softhsm2.conf")) + " " + ltvTool() + " sign --nssdb " +
           q(pki("nssdb")) + " --module " + q(env("BSRE_PIN_SHIM")) + " --cert " + q("bsre-test:Agus Token") + " " +
           extra + " --pin-file " + q(pki("token.pin")) + " " + args;
}

// Words of `text` (split at anything but letters and digits).
std::vector<std::string> wordsOf(const std::string& text)
{
    std::vector<std::string> out(1);
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            out.back() += c;
        else if (!out.back().empty())
            out.emplace_back();
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(a_token_pulled_out_between_login_and_signing_writes_nothing_and_the_batch_refuses_the_rest)
{
    Scratch s;
    spit(s("pull"), "after-login\n");
    fs::create_directories(s("o"));
    Run one = run(onToken(s, q(pdfs("letter.pdf")) + " -o " + q(s("o/out.pdf"))));
    BOOST_TEST(one.status == 4, one.output);
    BOOST_TEST(one.output.find("The token was removed before it could sign") != std::string::npos, one.output);
    BOOST_TEST(one.output.find("Token dicabut sebelum sempat menandatangani") != std::string::npos, one.output);
    BOOST_TEST(slurp(s("pull")) == "out\n", "the shim pulled the token out after the login");
    BOOST_TEST(fs::is_empty(s("o")), "nothing written");

    // A batch: the login works, the token goes, every file is refused with the sentence.
    spit(s("pull"), "after-login\n");
    Run b = run(onToken(s, q(pdfs("letter.pdf")) + " " + q(pdfs("letter-objstm.pdf")) + " " + q(pdfs("letter-pdfa.pdf")) +
                               " -O " + q(s("batch")) + " --json"));
    BOOST_TEST(b.status == 9, b.output);
    BOOST_TEST(count(b.output, "\"code\":\"TokenRemoved\"") == 3u, b.output);
    BOOST_TEST(fs::is_empty(s("batch")), "nothing written by the batch");

    // The token back in: the next run signs.
    fs::remove(s("pull"));
    Run again = run(onToken(s, q(pdfs("letter.pdf")) + " -o " + q(s("out.pdf"))));
    BOOST_TEST_REQUIRE(again.status == 0, again.output);
    Run v = run(q(tool()) + " verify --nssdb " + q(pki("verifydb")) + " --json " + q(s("out.pdf")));
    BOOST_TEST(v.status == 0, v.output);
}

// The ledger's and the support log's names are predictable (and a ledger
// folder may be shared): a symbolic link planted there is never written
// through. Neither they nor anything else the run leaves holds the PIN.
BOOST_AUTO_TEST_CASE(the_ledger_and_the_support_log_hold_no_pin_and_follow_no_planted_link)
{
    Scratch s;
    const std::string data = s("data"), ledger = s("ledger"), pin = slurp(pki("token.pin"));
    const std::string xdg = "XDG_DATA_HOME=" + q(data) + " ";
    // Signed, and refused with a wrong PIN: one ledger record each, the refusal in the support log.
    Run ok = run(xdg + onToken(s, q(pdfs("letter.pdf")) + " -o " + q(s("out.pdf")), "--ledger " + q(ledger)));
    BOOST_TEST_REQUIRE(ok.status == 0, ok.output);
    Run wrong = run(xdg + "BSRE_SHIM_STATE=" + q(s("tries")) + " SOFTHSM2_CONF=" + q(pki("softhsm2.conf")) + " " +
                    ltvTool() + " sign --nssdb " + q(pki("nssdb")) + " --module " + q(softhsmModule()) + " --cert " +
                    q("bsre-test:Agus Token") + " --ledger " + q(ledger) + " --pin-file " + q(pki("wrong.pin")) + " " +
                    q(pdfs("letter.pdf")) + " -o " + q(s("refused.pdf")));
    BOOST_TEST_REQUIRE(wrong.status == 4, wrong.output);
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(s("")))
        if (e.is_regular_file() && e.path().extension() != ".pdf" && e.path().filename() != "tries")
            files.push_back(e.path());
    const fs::path support = data + "/bsre-sign/support.log";
    BOOST_TEST_REQUIRE(fs::exists(support));
    BOOST_TEST_REQUIRE(files.size() >= 2u);
    for (const fs::path& f : files)
        for (const std::string& w : wordsOf(slurp(f.string())))
            BOOST_TEST((w != pin && w != slurp(pki("wrong.pin"))), "a PIN in " << f);

    // Links planted at both names, pointing at a file that must not change.
    fs::path ledgerFile;
    for (const auto& e : fs::directory_iterator(ledger))
        ledgerFile = e.path();
    spit(s("precious.txt"), "jangan diubah");
    for (const fs::path& p : {ledgerFile, support}) {
        fs::remove(p);
        fs::create_symlink(s("precious.txt"), p);
    }
    Run linked = run(xdg + onToken(s, q(pdfs("letter.pdf")) + " -o " + q(s("out2.pdf")), "--ledger " + q(ledger)));
    BOOST_TEST(linked.status == 0, linked.output);
    BOOST_TEST(linked.output.find("ledger") != std::string::npos, "the result says the ledger was not written: " << linked.output);
    Run refused = run(xdg + onToken(s, q(pdfs("letter.pdf")) + " -o " + q(s("out2.pdf")), "--ledger " + q(ledger)));
    BOOST_TEST(refused.status == 5, refused.output); // the output exists: a refusal for the support log
    BOOST_TEST(slurp(s("precious.txt")) == "jangan diubah");
    BOOST_TEST(fs::is_symlink(ledgerFile));
    BOOST_TEST(fs::is_symlink(support));
}

namespace {

// How often `needle` occurs in the readable memory of process `pid` (what a
// core dump of it would hold): /proc/PID/maps and /proc/PID/mem, as root.
size_t inMemoryOf(int pid, const std::string& needle)
{
    std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
    const int mem = ::open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDONLY);
    BOOST_TEST_REQUIRE(mem >= 0, "cannot read the memory of " << pid);
    size_t hits = 0;
    for (std::string line; std::getline(maps, line);) {
        unsigned long long from = 0, to = 0;
        char perms[8] = {};
        if (std::sscanf(line.c_str(), "%llx-%llx %7s", &from, &to, perms) != 3 || perms[0] != 'r' ||
            line.find("[vvar]") != std::string::npos || line.find("[vsyscall]") != std::string::npos)
            continue;
        std::string block(to - from, '\0');
        const ssize_t n = ::pread(mem, block.data(), block.size(), static_cast<off_t>(from));
        if (n <= 0)
            continue;
        block.resize(static_cast<size_t>(n));
        for (size_t at = block.find(needle); at != std::string::npos; at = block.find(needle, at + 1))
            ++hits;
    }
    ::close(mem);
    return hits;
}

} // namespace

// After the login and the signature, while the TSA keeps it waiting, the
// process holds no copy of the database's password (10 letters, unlike the
// token's 4 digits, so a chance match is out), whether it came from a file or
// a descriptor; the certificate's name is there (the scan sees the heap).
BOOST_AUTO_TEST_CASE(the_pin_is_wiped_from_memory_once_used)
{
    Scratch s;
    std::string pin = slurp(pki("nssdb-pw.pin"));
    while (!pin.empty() && (pin.back() == '\n' || pin.back() == '\r'))
        pin.pop_back();
    BOOST_TEST_REQUIRE(pin.size() >= 8u);
    for (const std::string& how : {"--pin-file " + q(pki("nssdb-pw.pin")), std::string("--pin-fd 3")}) {
        const std::string cmd = ltvTool() + " sign --nssdb " + q(pki("nssdb-pw")) + " --cert officer-rsa --no-ledger " +
                                how + " --tsa " + q(tsaUrl("/slow")) + " --tsa-timeout 30 " + q(pdfs("letter.pdf")) +
                                " -o " + q(s("out.pdf")) + " 3< " + q(pki("nssdb-pw.pin"));
        Run r = run(cmd + " >/dev/null 2>&1 & echo $!; sleep 2");
        const int pid = std::atoi(r.output.c_str());
        BOOST_TEST_REQUIRE(pid > 0, r.output);
        BOOST_TEST(inMemoryOf(pid, "Budi Santoso") > 0u, "the scan reads the process's heap");
        BOOST_TEST(inMemoryOf(pid, pin) == 0u, "the password is in memory after " << how);
        run("kill -9 " + std::to_string(pid));
    }
}
