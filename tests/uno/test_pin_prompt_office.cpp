// The batch's PIN prompt with a PIN really typed in (issue 14). A headless
// office cancels every dialog, so this test runs a LibreOffice with an X11
// backend (scripts/screenshots/lo-gui.sh: the installed LibreOffice with the
// matching GUI packages unpacked over a private copy) on a private Xvfb, and
// types into the prompt with xdotool, as a person would: the PIN goes to
// xdotool on its standard input, never on a command line. The token is the
// SoftHSM2 one behind tests/pkcs11_pin_shim.c, which counts logins.
//  - the right PIN typed once: every file signed, one login, outputs valid;
//  - a wrong PIN typed: BadPin, one login tried, nothing written;
//  - Escape in the prompt: BadPin (cancelled), no login, nothing written.
#define BOOST_TEST_MODULE pin_prompt_office
#include "../support.hpp"
#include "helpers.hpp"
#include "office.hpp"

#include <id/bsresign/FileSignResult.hpp>

#include <csignal>
#include <future>
#include <optional>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace bsretest;
using testing::q;

namespace {

const std::string kTokenPin = "1234"; // tests/fixtures/make-pki.sh
const std::string kPromptTitle = "^PIN$"; // uno/texts/batch_dialog.tsv: pinTitle (the same in both languages)

// A private Xvfb on the first free display from :120, for this process.
class Xvfb {
public:
    Xvfb()
    {
        if (run("command -v Xvfb && command -v xdotool").status != 0)
            throw std::runtime_error("Xvfb and xdotool are needed (scripts/install-deps.sh installs them)");
        for (int n = 120; n < 160 && pid_ < 0; ++n) {
            if (fs::exists("/tmp/.X" + std::to_string(n) + "-lock") || fs::exists("/tmp/.X11-unix/X" + std::to_string(n)))
                continue;
            display_ = ":" + std::to_string(n);
            pid_ = ::fork();
            if (pid_ == 0) {
                ::setpgid(0, 0);
                ::execlp("Xvfb", "Xvfb", display_.c_str(), "-screen", "0", "1024x768x24", "-nolisten", "tcp", "-noreset",
                         static_cast<char*>(nullptr));
                ::_exit(127);
            }
            for (int i = 0; i < 80; ++i) {
                if (run("DISPLAY=" + display_ + " xdotool getdisplaygeometry").status == 0)
                    return;
                std::this_thread::sleep_for(std::chrono::milliseconds(250));
            }
            stop(); // this display did not come up: the next one
            if (n >= 122)
                break;
        }
        throw std::runtime_error("could not start Xvfb");
    }
    ~Xvfb() { stop(); }
    const std::string& display() const { return display_; }

private:
    void stop()
    {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
        pid_ = -1;
    }
    std::string display_;
    pid_t pid_ = -1;
};

// The program folder of a LibreOffice with an X11 backend (made once and
// cached, as for the screenshots).
std::string guiProgram()
{
    const char* c = std::getenv("BSRE_SHOTS_CACHE");
    const std::string cache = c && *c ? c : "/var/cache/bsre-shots";
    Run r = run(q(source("scripts/screenshots/lo-gui.sh")) + " " + q(cache) + " 2>" + q(cache + ".log"));
    std::string program = r.output.substr(0, r.output.find_last_not_of('\n') + 1);
    program = program.substr(program.rfind('\n') == std::string::npos ? 0 : program.rfind('\n') + 1);
    if (r.status != 0 || !fs::exists(fs::path(program) / "soffice"))
        throw std::runtime_error("lo-gui.sh failed: " + r.output + slurp(cache + ".log"));
    return program;
}

Xvfb& xvfb()
{
    static Xvfb x; // outlives the office (SharedOfficeTeardown ends it first)
    return x;
}

Office& office()
{
    return sharedOffice([] {
        OfficeOptions o;
        o.softhsmToken = true; // the officer's token ...
        o.pinShim = true;      // ... behind the shim that counts logins
        o.headless = false;
        o.programDir = guiProgram();
        o.startTimeout = std::chrono::seconds(120);
        o.environment = {"DISPLAY=" + xvfb().display(), "SAL_USE_VCLPLUGIN=gen"};
        return std::make_unique<Office>(o);
    });
}

std::string tokenCertificate() { return fingerprint(pki("token-officer.pem")); }

css::uno::Sequence<OUString> urls(const std::vector<fs::path>& paths)
{
    css::uno::Sequence<OUString> s(static_cast<sal_Int32>(paths.size()));
    for (size_t i = 0; i < paths.size(); ++i)
        s.getArray()[i] = fileUrl(paths[i]);
    return s;
}

// What a person does at the prompt: waits for it, then types `keys` (on
// xdotool's standard input) and presses Return, or presses Escape.
struct Person {
    std::optional<std::string> typed; // nullopt: Escape
};

std::string answerPrompt(const std::string& display, const Person& p)
{
    const std::string x = "DISPLAY=" + display + " ";
    Run w = run(x + "timeout 90 xdotool search --sync --onlyvisible --name " + q(kPromptTitle));
    if (w.status != 0)
        return "the PIN prompt did not appear: " + w.output;
    const std::string win = w.output.substr(0, w.output.find('\n'));
    std::this_thread::sleep_for(std::chrono::milliseconds(800)); // mapped and focused
    run(x + "xdotool windowactivate --sync " + win + " 2>/dev/null || true");
    run(x + "xdotool windowfocus --sync " + win);
    if (!p.typed)
        return run(x + "xdotool key --clearmodifiers Escape").status == 0 ? "" : "xdotool key Escape failed";
    Run t = run("printf %s " + q(*p.typed) + " | " + x + "xdotool type --delay 40 --file -");
    if (t.status != 0)
        return "xdotool type failed: " + t.output;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return run(x + "xdotool key --clearmodifiers Return").status == 0 ? "" : "xdotool key Return failed";
}

// signFiles with the prompt (Interactive, no Pin option), answered by `p`.
// Returns the results, or the SigningException's code as a failure.
struct Outcome {
    css::uno::Sequence<id::bsresign::FileSignResult> results;
    std::string code;
    std::string prompt; // what went wrong at the prompt, if anything
};

Outcome signWithPrompt(const std::vector<fs::path>& files, const fs::path& out, const Person& p)
{
    Office& lo = office();
    // Unanswered, the prompt would wait for ever: a person who could not
    // answer it ends the office, so the call below returns with an exception.
    auto person = std::async(std::launch::async, [&] {
        std::string failure = answerPrompt(xvfb().display(), p);
        if (!failure.empty())
            lo.kill();
        return failure;
    });
    Outcome o;
    try {
        o.results = lo.signer()->signFiles(
            urls(files), seq({prop("Certificate", ustr(tokenCertificate())), prop("Interactive", true),
                              prop("OutputFolder", fileUrl(out)), prop("Reason", OUString("Persetujuan"))}));
    } catch (const id::bsresign::SigningException& e) {
        o.code = str(e.Code);
    } catch (const css::uno::Exception& e) {
        o.code = "UNO exception: " + describe(e);
    }
    o.prompt = person.get();
    return o;
}

} // namespace

BOOST_TEST_GLOBAL_FIXTURE(SharedOfficeTeardown);

BOOST_AUTO_TEST_SUITE(pin_prompt)

BOOST_AUTO_TEST_CASE(the_pin_typed_once_signs_every_file_with_one_login)
{
    Office& o = office();
    const fs::path in = o.makeDir("typed/in");
    const fs::path pdf = o.copyIn(pdfs("letter.pdf"), "typed/in/surat.pdf");
    const fs::path doc = o.copyIn(letterAs(o, "odt", "writer8"), "typed/in/nota.odt");
    const std::string pdfBefore = slurp(pdf.string()), docBefore = slurp(doc.string());
    const fs::path out = o.makeDir("typed/out");
    const int loginsBefore = o.tokenLogins();

    const Outcome r = signWithPrompt({pdf, doc}, out, Person{kTokenPin});

    BOOST_TEST(r.prompt.empty(), r.prompt);
    BOOST_TEST_REQUIRE(r.code.empty(), "signFiles failed: " << r.code);
    BOOST_TEST(o.tokenLogins() - loginsBefore == 1, "one login with the typed PIN");
    BOOST_TEST_REQUIRE(r.results.getLength() == 2);
    for (const auto& f : r.results)
        BOOST_TEST(f.Signed, str(f.InputUrl) << ": " << str(f.Message));
    BOOST_TEST((fileNames(out) == std::set<std::string>{"surat_signed.pdf", "nota_signed.pdf"}));
    testing::checkSignedOutput(pdf.string(), (out / "surat_signed.pdf").string(), 1);
    checkSignedExport(out / "nota_signed.pdf");
    BOOST_TEST(slurp(pdf.string()) == pdfBefore);
    BOOST_TEST(slurp(doc.string()) == docBefore);
}

BOOST_AUTO_TEST_CASE(a_wrong_pin_typed_is_tried_once_and_nothing_is_written)
{
    Office& o = office();
    const fs::path pdf = o.copyIn(pdfs("letter.pdf"), "wrong/in/surat.pdf");
    const fs::path out = o.makeDir("wrong/out");
    const int loginsBefore = o.tokenLogins();
    const Outcome r = signWithPrompt({pdf}, out, Person{std::string("9999")});
    BOOST_TEST(r.prompt.empty(), r.prompt);
    BOOST_TEST(r.code == "BadPin");
    BOOST_TEST(o.tokenLogins() - loginsBefore == 1, "the typed PIN was tried once");
    BOOST_TEST(fs::is_empty(out));
}

BOOST_AUTO_TEST_CASE(escape_in_the_prompt_cancels_without_a_login)
{
    Office& o = office();
    const fs::path pdf = o.copyIn(pdfs("letter.pdf"), "escape/in/surat.pdf");
    const fs::path out = o.makeDir("escape/out");
    const int loginsBefore = o.tokenLogins();
    const Outcome r = signWithPrompt({pdf}, out, Person{std::nullopt});
    BOOST_TEST(r.prompt.empty(), r.prompt);
    BOOST_TEST(r.code == "BadPin");
    BOOST_TEST(o.tokenLogins() == loginsBefore, "no login after Escape");
    BOOST_TEST(fs::is_empty(out));
}

BOOST_AUTO_TEST_SUITE_END()
