// Faults inside a real headless LibreOffice (issue 15), where a hang or a
// crash would take the person's unsaved documents with it:
// - the token pulled out between the PIN and the signature (the SoftHSM2
//   token behind tests/pkcs11_pin_shim.c, its BSRE_SHIM_PULL file): a
//   SigningException with the TokenRemoved code and a sentence, nothing
//   written, and NSS still usable in the same office (the token put back
//   signs again, and so does the soft database's certificate);
// - the output folder on a full tmpfs and on a read-only one: the Io code
//   and a sentence, nothing left behind, the office alive;
// - soffice killed (SIGKILL) while it signs a 100-page PDF: no output, no
//   partial file, no temporary file readable by others.
// The tmpfs mounts are made here (the tests run as root).
#define BOOST_TEST_MODULE faults_office
#include "../support.hpp"
#include "helpers.hpp"
#include "office.hpp"

#include <id/bsresign/SignResult.hpp>

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace bsretest;

namespace {

const std::string kTokenPin = "1234"; // tests/fixtures/make-pki.sh

Office& office()
{
    return sharedOffice([] {
        OfficeOptions o;
        o.softhsmToken = true;
        o.pinShim = true; // the shim that can pull the token out
        auto office = std::make_unique<Office>(o);
        BOOST_TEST_MESSAGE("office with the extension and the token: start " << office->timings().startSeconds << " s");
        return office;
    });
}

std::vector<PropertyValue> softOptions(const fs::path& out)
{
    return signingOptions(out, fingerprint(pki("officer-rsa.pem")));
}

std::vector<PropertyValue> tokenOptions(const fs::path& out)
{
    return with(signingOptions(out, fingerprint(pki("token-officer.pem"))), prop("Pin", ustr(kTokenPin)));
}

// The SigningException of `f`: its code and sentence.
struct Failure {
    std::string code, message;
};
Failure failureOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const id::bsresign::SigningException& e) {
        return {str(e.Code), str(e.Message)};
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("expected a SigningException, got " << describe(e));
    }
    BOOST_FAIL("expected a SigningException, the call succeeded");
    return {};
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// A tmpfs at `dir` owned by the office's user, unmounted at the end of the scope.
struct Mount {
    fs::path dir;
    Mount(const fs::path& d, const std::string& options) : dir(d)
    {
        struct stat st{};
        BOOST_TEST_REQUIRE(::stat(dir.c_str(), &st) == 0);
        Run m = run("mount -t tmpfs -o " + options + ",uid=" + std::to_string(st.st_uid) + ",gid=" +
                    std::to_string(st.st_gid) + ",mode=0700 bsre-test " + q(dir.string()));
        BOOST_TEST_REQUIRE(m.status == 0, "mounting a tmpfs needs root: " << m.output);
    }
    ~Mount() { run("umount " + q(dir.string())); }
};

// Nothing in `dir` but private temporary files of `name` (mode 0600).
void onlyPrivateLeftovers(const fs::path& dir, const std::string& name)
{
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string n = e.path().filename().string();
        struct stat st{};
        ::lstat(e.path().c_str(), &st);
        BOOST_TEST(n.rfind("." + name + ".", 0) == 0u, "a stray file " << n);
        BOOST_TEST((st.st_mode & 077) == 0u, n << " is readable by others: mode " << std::oct << st.st_mode);
    }
}

} // namespace

BOOST_TEST_GLOBAL_FIXTURE(SharedOfficeTeardown);

BOOST_AUTO_TEST_CASE(a_token_pulled_out_between_the_pin_and_the_signature_leaves_nss_usable)
{
    Office& o = office();
    const fs::path in = o.copyIn(pdfs("letter.pdf"), "letter.pdf"), dir = o.makeDir("token");
    const fs::path pull = o.path("shim-pull");
    testing::spit(pull.string(), "after-login\n");
    o.handOver(pull);
    const Failure f = failureOf([&] { o.signer()->signPdf(fileUrl(in), seq(tokenOptions(dir / "pulled.pdf"))); });
    BOOST_TEST_MESSAGE("token pulled out: " << f.code << ": " << f.message);
    BOOST_TEST(f.code == "TokenRemoved", f.message);
    BOOST_TEST((contains(f.message, "The token was removed") || contains(f.message, "Token dicabut")), f.message);
    BOOST_TEST(slurp(pull.string()) == "out\n", "the shim pulled the token out after the PIN");
    BOOST_TEST(fs::is_empty(dir), "nothing written");
    BOOST_TEST(o.alive());

    // While it is out, the soft database still signs; then the token, put back, signs too.
    auto soft = o.signer()->signPdf(fileUrl(in), seq(softOptions(dir / "soft.pdf")));
    BOOST_TEST(str(soft.SignerName).find("Budi Santoso") != std::string::npos, str(soft.SignerName));
    checkSignedExport(dir / "soft.pdf");
    fs::remove(pull);
    try {
        auto back = o.signer()->signPdf(fileUrl(in), seq(tokenOptions(dir / "back.pdf")));
        BOOST_TEST(!back.SignerName.isEmpty());
    } catch (const id::bsresign::SigningException& e) {
        BOOST_FAIL("the token put back does not sign in the same office: " << describe(e));
    }
    checkSignedExport(dir / "back.pdf");
}

BOOST_AUTO_TEST_CASE(a_full_disk_and_a_read_only_folder_give_io_and_leave_nothing)
{
    Office& o = office();
    const fs::path in = o.copyIn(pdfs("letter-100.pdf"), "letter-100.pdf");
    const fs::path letter = o.copyIn(letterAs(o, "odt", "writer8"), "letter.odt");
    {
        Mount full(o.makeDir("full"), "size=24k");
        const Failure f = failureOf([&] { o.signer()->signPdf(fileUrl(in), seq(softOptions(full.dir / "out.pdf"))); });
        BOOST_TEST_MESSAGE("full disk, signPdf: " << f.code << ": " << f.message);
        BOOST_TEST(f.code == "Io", f.message);
        BOOST_TEST((contains(f.message, "nothing was written") || contains(f.message, "tidak ada yang ditulis")), f.message);
        BOOST_TEST(fs::is_empty(full.dir), "nothing left on the full disk");
        // A document exported first, then written to the full disk.
        Doc d(o, o.loadDocument(letter));
        const Failure g = failureOf([&] { o.signer()->signDocument(d.model, seq(softOptions(full.dir / "letter.pdf"))); });
        BOOST_TEST_MESSAGE("full disk, signDocument: " << g.code << ": " << g.message);
        BOOST_TEST(g.code == "Io", g.message);
        BOOST_TEST(fs::is_empty(full.dir));
        BOOST_TEST(!Office::isModified(d.model), "the document is not changed");
        BOOST_TEST(o.alive());
    }
    {
        Mount ro(o.makeDir("ro"), "ro,size=1m");
        const Failure f = failureOf([&] { o.signer()->signPdf(fileUrl(in), seq(softOptions(ro.dir / "out.pdf"))); });
        BOOST_TEST_MESSAGE("read-only folder: " << f.code << ": " << f.message);
        BOOST_TEST(f.code == "Io", f.message);
        BOOST_TEST((contains(f.message, "not writable") || contains(f.message, "tidak dapat ditulisi")), f.message);
        BOOST_TEST(fs::is_empty(ro.dir));
        BOOST_TEST(o.alive());
    }
    // And the office still signs.
    const fs::path ok = o.makeDir("ok") / "out.pdf";
    o.signer()->signPdf(fileUrl(o.path("letter-100.pdf")), seq(softOptions(ok)));
    checkSignedExport(ok);
}

BOOST_AUTO_TEST_CASE(soffice_killed_while_signing_leaves_no_partial_output)
{
    Office& o = office();
    const fs::path in = o.copyIn(pdfs("letter-100.pdf"), "letter-100.pdf");
    auto options = [&](const fs::path& out) {
        return with(softOptions(out), {prop("Notice", true), prop("Visible", true)});
    };
    const fs::path whole = o.makeDir("whole") / "out.pdf";
    const auto t0 = std::chrono::steady_clock::now();
    o.signer()->signPdf(fileUrl(in), seq(options(whole)));
    const double full = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    BOOST_TEST_MESSAGE("a whole signPdf of 100 pages with the notice: " << full << " s");
    int midway = 0;
    for (int k = 1; k <= 3; ++k) {
        const fs::path dir = o.makeDir("kill" + std::to_string(k)), out = dir / "out.pdf";
        std::atomic<bool> returned{false};
        std::thread call([&] {
            try {
                o.signer()->signPdf(fileUrl(in), seq(options(out)));
                returned = true;
            } catch (const css::uno::Exception&) { // the bridge goes with the office
            }
        });
        std::this_thread::sleep_for(std::chrono::duration<double>(full * k / 4.0));
        const bool before = returned;
        o.kill();
        call.join();
        midway += !before && !returned;
        if (fs::exists(out)) // finished before the kill: then it is whole
            checkSignedExport(out);
        else
            onlyPrivateLeftovers(dir, "out.pdf");
        // The export's and the engine's private folders (mkdtemp, 0700) stay private.
        for (const auto& e : fs::recursive_directory_iterator(o.path("tmp"))) {
            struct stat st{};
            ::lstat(e.path().c_str(), &st);
            if (e.path().filename().string().rfind("bsre-", 0) == 0)
                BOOST_TEST((st.st_mode & 077) == 0u, e.path() << ": mode " << std::oct << st.st_mode);
        }
        o.restart();
    }
    BOOST_TEST_MESSAGE(midway << " of 3 kills landed while signing");
    BOOST_TEST(midway >= 2);
    // The next signature in the restarted office succeeds.
    const fs::path next = o.makeDir("next") / "out.pdf";
    o.signer()->signPdf(fileUrl(in), seq(options(next)));
    checkSignedExport(next);
}
