// Locked (finalized) configuration keys through LibreOffice (issue 3), set up
// exactly as docs/CONFIGURATION.md tells IT to: BSrE Sign and a small policy
// extension (tests/data/policy: BsreSignPolicy.xcu with oor:finalized="true")
// installed together with `unopkg add --shared -s`. The shared area is a
// private one (OfficeOptions::sharedExtension: -env:UNO_SHARED_PACKAGES_CACHE
// for unopkg and soffice), so the machine's /var/spool/libreoffice is not
// touched; the last test checks that.
//
// The policy locks Signing/Visible = false, Signing/DefaultReason =
// "Persetujuan" and Notice/Text = a text of its own. The user's own settings
// (registrymodifications.xcu, the last layer) try to change all three and set
// the unlocked Signing/DefaultLocation: locked keys keep the policy's values,
// the unlocked one takes the user's. (The user's settings are added before a
// second start: the first start of a profile drops settings of components it
// does not know yet, and the shared extensions become known during it.)
//
// id.bsresign.Signer must refuse options that contradict a locked key with
// SigningException Code "Locked" before writing anything, and sign with the
// locked values when the options leave them out. The Tools > Options page
// shows locked keys disabled and never writes them.
#define BOOST_TEST_MODULE policy_office
#include "../support.hpp"
#include "helpers.hpp"
#include "office.hpp"

#include <boost/test/unit_test_monitor.hpp>

#include <com/sun/star/awt/ContainerWindowProvider.hpp>
#include <com/sun/star/awt/XContainerWindowEventHandler.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/Optional.hpp>
#include <com/sun/star/beans/PropertyAttribute.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/beans/XPropertySetInfo.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/deployment/ExtensionManager.hpp>
#include <com/sun/star/deployment/XExtensionManager.hpp>
#include <com/sun/star/deployment/XPackage.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/task/XAbortChannel.hpp>
#include <com/sun/star/ucb/XCommandEnvironment.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>
#include <com/sun/star/util/XFlushable.hpp>
#include <com/sun/star/task/PasswordContainer.hpp>
#include <com/sun/star/task/XPasswordContainer2.hpp>
#include <id/bsresign/CertificateInfo.hpp>
#include <id/bsresign/FileSignResult.hpp>
#include <id/bsresign/SignResult.hpp>
#include <id/bsresign/SigningException.hpp>
#include <id/bsresign/XSigner.hpp>

#include <functional>
#include <memory>
#include <regex>
#include <set>

using namespace bsretest;

namespace {

// tests/data/policy/BsreSignPolicy.xcu
const std::string kPolicyNotice = "Ditandatangani secara elektronik sesuai kebijakan Dinas Uji Coba Kota Contoh.";
const std::string kPolicyReason = "Persetujuan";
const std::string kPolicyId = "id.go.example.bsresign-policy";
const std::string kExtensionId = "id.bsresign.libreoffice";
// The user's own settings: three try to override locked keys, one is free.
const std::string kUserLocation = "Bandung";
const std::string kUserSettings =
    "<item oor:path=\"/id.bsresign.Settings/Signing\"><prop oor:name=\"Visible\" oor:op=\"fuse\">"
    "<value>true</value></prop></item>\n"
    "<item oor:path=\"/id.bsresign.Settings/Signing\"><prop oor:name=\"DefaultReason\" oor:op=\"fuse\">"
    "<value>Pribadi</value></prop></item>\n"
    "<item oor:path=\"/id.bsresign.Settings/Signing\"><prop oor:name=\"DefaultLocation\" oor:op=\"fuse\">"
    "<value>" + kUserLocation + "</value></prop></item>\n"
    "<item oor:path=\"/id.bsresign.Settings/Notice\"><prop oor:name=\"Text\" oor:op=\"fuse\">"
    "<value>Teks pilihan pengguna.</value></prop></item>\n";
// The schema's default notice, which the policy replaces.
const std::string kDefaultNotice = "Dokumen ini telah ditandatangani secara elektronik";

// Non-interactive signing with the soft-token RSA officer, output at `out`;
// nothing about Visible, Reason or Location.
std::vector<PropertyValue> options(const fs::path& out)
{
    return signingOptions(out, fingerprint(pki("officer-rsa.pem")));
}

// Every file in the office's folder with its size, except those LibreOffice
// itself keeps up to date (profile, home, its log): "nothing written" is the
// same listing before and after.
std::string listing(const fs::path& dir)
{
    std::string out;
    std::set<std::string> lines;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
        const fs::path rel = it->path().lexically_relative(dir);
        const std::string top = rel.begin()->string();
        if (top == "profile" || top == "home" || top == "unopkg-profile" || top == "soffice.log") {
            if (it->is_directory())
                it.disable_recursion_pending();
            continue;
        }
        lines.insert(rel.string() + (it->is_regular_file() ? " " + std::to_string(it->file_size()) : "/"));
    }
    for (const auto& l : lines)
        out += l + "\n";
    return out;
}

// The signature dictionary and field as written (qpdf --qdf: every object
// uncompressed, strings as literals or <hex>).
struct SignatureFacts {
    std::vector<std::string> reasons, locations;
    std::vector<std::string> sigFieldRects; // "/Rect [ ... ]" of widgets with /FT /Sig
};

std::string pdfString(const std::string& literal, const std::string& hex)
{
    if (hex.empty())
        return literal;
    std::string bytes = testing::unhex(hex);
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF) {
        std::string ascii; // UTF-16BE; the values here are ASCII
        for (size_t i = 2; i + 1 < bytes.size(); i += 2)
            ascii += bytes[i] == 0 ? bytes[i + 1] : '?';
        return ascii;
    }
    return bytes;
}

// The PDF string that starts at text[at] (after blanks): (literal) or <hex>.
std::string pdfStringAt(const std::string& text, size_t at)
{
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at])))
        ++at;
    if (at >= text.size())
        return {};
    if (text[at] == '<') {
        size_t end = text.find('>', at);
        return end == std::string::npos ? std::string() : pdfString("", text.substr(at + 1, end - at - 1));
    }
    if (text[at] != '(')
        return {};
    std::string out;
    int depth = 1;
    for (size_t i = at + 1; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\\' && i + 1 < text.size()) {
            out += text[++i];
            continue;
        }
        if (c == '(')
            ++depth;
        if (c == ')' && --depth == 0)
            break;
        out += c;
    }
    return out;
}

SignatureFacts signatureFacts(const fs::path& pdf, const fs::path& scratch)
{
    Run qdf = run("qpdf --qdf --object-streams=disable " + q(pdf.string()) + " " + q(scratch.string()));
    BOOST_TEST_REQUIRE((qdf.status == 0 || qdf.status == 3), qdf.output);
    const std::string text = slurp(scratch.string());
    SignatureFacts f;
    for (size_t at = 0; (at = text.find("/Reason", at)) != std::string::npos; at += 7)
        f.reasons.push_back(pdfStringAt(text, at + 7));
    for (size_t at = 0; (at = text.find("/Location", at)) != std::string::npos; at += 9)
        f.locations.push_back(pdfStringAt(text, at + 9));
    // The dictionaries of objects ("N 0 obj << ... >>", before any stream)
    // that are signature fields, and their widget rectangle.
    for (size_t at = 0; (at = text.find(" 0 obj", at)) != std::string::npos; at += 6) {
        size_t end = std::min(text.find("endobj", at), text.find("stream", at));
        const std::string dict = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
        size_t r = dict.find("/Rect");
        if (dict.find("/FT /Sig") == std::string::npos || r == std::string::npos)
            continue;
        size_t open = dict.find('[', r), close = dict.find(']', r);
        if (open != std::string::npos && close != std::string::npos)
            f.sigFieldRects.push_back(collapse(dict.substr(open + 1, close - open - 1)));
    }
    return f;
}

bool zeroRect(const std::string& r)
{
    std::istringstream in(r);
    double v;
    int n = 0;
    while (in >> v) {
        if (v != 0)
            return false;
        ++n;
    }
    return n == 4;
}

// A configuration node, read-only access.
Reference<css::beans::XPropertySet> node(Office& o, const std::string& path)
{
    Reference<css::lang::XMultiServiceFactory> provider = css::configuration::theDefaultProvider::get(o.context());
    css::beans::NamedValue p;
    p.Name = "nodepath";
    p.Value <<= ustr(path);
    css::uno::Sequence<css::uno::Any> args(1);
    args[0] <<= p;
    return Reference<css::beans::XPropertySet>(
        provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", args),
        css::uno::UNO_QUERY_THROW);
}

// The keys of id.bsresign.Settings in the user's registrymodifications.xcu
// ("Signing/DefaultLocation", ...).
std::set<std::string> userLayerKeys(const std::string& xcu)
{
    std::set<std::string> keys;
    std::regex item(R"re(<item oor:path="/id\.bsresign\.Settings/([A-Za-z]+)"><prop oor:name="([A-Za-z0-9]+)")re");
    for (auto it = std::sregex_iterator(xcu.begin(), xcu.end(), item); it != std::sregex_iterator(); ++it)
        keys.insert(std::string((*it)[1]) + "/" + std::string((*it)[2]));
    return keys;
}

// ------------------------------------------------------------------ the machine's shared extensions

// The folders a real `unopkg add --shared` would change, as a listing with
// owners and modes, and sizes and times of everything but folders: the test
// must leave them as they were. (A folder's time is left out: any soffice
// started as root, e.g. by build-oxt.sh, creates and removes a stamp file in
// /var/spool/libreoffice/uno_packages/cache to see whether it may write there.)
std::string systemExtensionState()
{
    const std::string roots = "/var/spool/libreoffice /usr/lib/libreoffice/share/uno_packages "
                              "/usr/lib/libreoffice/share/extensions /var/lib/libreoffice";
    return run("{ find " + roots + " -type d -printf '%p %y %U:%G %m\\n'; find " + roots +
               " ! -type d -printf '%p %y %s %T@ %U:%G %m %l\\n'; } 2>/dev/null | LC_ALL=C sort")
        .output;
}

// ------------------------------------------------------------------ shared office

struct Policy {
    fs::path dir; // holds bsre-sign-policy.oxt
    fs::path oxt;
    std::string systemBefore;
};

Policy& policy()
{
    static Policy p;
    return p;
}

// Zips tests/data/policy into bsre-sign-policy.oxt, as the docs show.
fs::path buildPolicyOxt(const fs::path& dir)
{
    const fs::path oxt = dir / "bsre-sign-policy.oxt";
    Run z = run("cd " + q(source("tests/data/policy")) + " && zip -q -X -r " + q(oxt.string()) +
                " description.xml META-INF BsreSignPolicy.xcu");
    if (z.status != 0 || !fs::exists(oxt))
        throw std::runtime_error("zip of tests/data/policy failed: " + z.output);
    return oxt;
}

Office& office()
{
    return sharedOffice([] {
        if (policy().oxt.empty())
            policy().oxt = buildPolicyOxt(policy().dir);
        OfficeOptions o;
        o.sharedExtension = true;
        o.moreExtensions = {policy().oxt};
        auto office = std::make_unique<Office>(o);
        const auto& t = office->timings();
        BOOST_TEST_MESSAGE("office with BSrE Sign and the policy installed --shared into "
                           << office->sharedDir() << ": unopkg " << t.unopkgSeconds << " s, first start "
                           << t.startSeconds << " s");
        // The first start made the shared extensions known to the
        // profile; now the user's own settings, and a second start.
        office->restart(kUserSettings);
        BOOST_TEST_MESSAGE("second start with the user's settings: " << office->timings().startSeconds << " s");
        return office;
    });
}

struct Fixture {
    Fixture()
    {
        registerUnoExceptionTranslators();
        policy().systemBefore = systemExtensionState();
        std::string t = (fs::temp_directory_path() / "bsre-policy-XXXXXX").string();
        if (::mkdtemp(t.data()))
            policy().dir = t;
    }
    ~Fixture()
    {
        sharedSlot().reset();
        std::error_code ec;
        if (!policy().dir.empty())
            fs::remove_all(policy().dir, ec);
    }
};

// The configuration group /id.bsresign.Settings/<group> as the extension
// reads it (an update access reports finalized keys as READONLY).
Reference<css::beans::XPropertySet> settings(Office& o, const std::string& group)
{
    Reference<css::lang::XMultiServiceFactory> provider = css::configuration::theDefaultProvider::get(o.context());
    css::beans::NamedValue path;
    path.Name = "nodepath";
    path.Value <<= ustr("/id.bsresign.Settings/" + group);
    css::uno::Sequence<css::uno::Any> args(1);
    args[0] <<= path;
    return Reference<css::beans::XPropertySet>(
        provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", args),
        css::uno::UNO_QUERY_THROW);
}

bool readOnly(const Reference<css::beans::XPropertySet>& g, const char* name)
{
    return (g->getPropertySetInfo()->getPropertyByName(OUString::createFromAscii(name)).Attributes &
            css::beans::PropertyAttribute::READONLY) != 0;
}

template <typename T> T value(const Reference<css::beans::XPropertySet>& g, const char* name)
{
    T v{};
    g->getPropertyValue(OUString::createFromAscii(name)) >>= v;
    return v;
}

std::set<std::string> deployed(Office& o, const char* repository)
{
    Reference<css::deployment::XExtensionManager> em = css::deployment::ExtensionManager::get(o.context());
    std::set<std::string> ids;
    for (const auto& p : em->getDeployedExtensions(OUString::createFromAscii(repository), nullptr, nullptr))
        if (p.is())
            ids.insert(str(p->getIdentifier().Value));
    return ids;
}

std::string joined(const std::set<std::string>& s)
{
    std::string o;
    for (const auto& x : s)
        o += (o.empty() ? "" : ", ") + x;
    return o.empty() ? "(none)" : o;
}

// tests/data/letter.fodt, in the office's folder.
fs::path letter(Office& o) { return o.copyIn(source("tests/data/letter.fodt"), "docs/letter.fodt"); }

} // namespace

BOOST_TEST_GLOBAL_FIXTURE(Fixture);

BOOST_AUTO_TEST_SUITE(locked_keys)

// Both packages are shared extensions (none is the user's own), taken over
// from the private shared area.
BOOST_AUTO_TEST_CASE(installed_shared_in_a_private_area)
{
    Office& o = office();
    std::set<std::string> shared = deployed(o, "shared"), user = deployed(o, "user");
    BOOST_TEST_MESSAGE("shared: " << joined(shared) << "; user: " << joined(user));
    BOOST_TEST(shared.count(kExtensionId) == 1u, "BSrE Sign is not a shared extension: " << joined(shared));
    BOOST_TEST(shared.count(kPolicyId) == 1u, "the policy is not a shared extension: " << joined(shared));
    BOOST_TEST(user.count(kExtensionId) == 0u, "BSrE Sign is also a user extension");
    BOOST_TEST(user.count(kPolicyId) == 0u, "the policy is also a user extension");
    // The packages themselves live in the private area.
    size_t packages = 0;
    if (fs::exists(o.sharedDir() / "uno_packages"))
        for (const auto& e : fs::recursive_directory_iterator(o.sharedDir() / "uno_packages"))
            packages += e.path().filename() == "description.xml";
    BOOST_TEST(packages == 2u, "description.xml files below " << o.sharedDir() / "uno_packages");
}

// The configuration as the extension reads it: the policy's values and
// READONLY for the three finalized keys, although the user's settings say
// otherwise; the user's value for the free key.
BOOST_AUTO_TEST_CASE(finalized_keys_are_readonly_and_win_over_the_user)
{
    Office& o = office();
    Reference<css::beans::XPropertySet> signing = settings(o, "Signing"), notice = settings(o, "Notice");
    BOOST_TEST(readOnly(signing, "Visible"));
    BOOST_TEST(value<bool>(signing, "Visible") == false);
    BOOST_TEST(readOnly(signing, "DefaultReason"));
    BOOST_TEST(str(value<OUString>(signing, "DefaultReason")) == kPolicyReason);
    BOOST_TEST(readOnly(notice, "Text"));
    BOOST_TEST(str(value<OUString>(notice, "Text")) == kPolicyNotice);
    // Not locked: the user's setting applies, and it can be changed.
    BOOST_TEST(!readOnly(signing, "DefaultLocation"));
    BOOST_TEST(str(value<OUString>(signing, "DefaultLocation")) == kUserLocation);
    for (const char* key : {"TsaUrl", "Level", "PdfA", "OutputPattern", "Pkcs11Modules", "Certification"})
        BOOST_TEST(!readOnly(signing, key), "Signing/" << key << " must not be locked");
    for (const char* key : {"Enabled", "SecondLine", "LogoPath", "Pages"})
        BOOST_TEST(!readOnly(notice, key), "Notice/" << key << " must not be locked");

    // Writing a finalized key through the API fails and changes nothing.
    bool refused = false;
    try {
        signing->setPropertyValue("DefaultReason", css::uno::Any(OUString("Pribadi")));
        Reference<css::util::XChangesBatch>(signing, css::uno::UNO_QUERY_THROW)->commitChanges();
    } catch (const css::uno::Exception& e) {
        refused = true;
        BOOST_TEST_MESSAGE("writing Signing/DefaultReason: " << describe(e));
    }
    BOOST_TEST(refused, "setting a finalized key must fail");
    BOOST_TEST(str(value<OUString>(settings(o, "Signing"), "DefaultReason")) == kPolicyReason);
}

BOOST_AUTO_TEST_CASE(list_certificates_still_works)
{
    Office& o = office();
    css::uno::Sequence<id::bsresign::CertificateInfo> certs = o.signer()->listCertificates();
    const std::string want = fingerprint(pki("officer-rsa.pem"));
    bool found = false;
    for (const auto& c : certs) {
        BOOST_TEST_MESSAGE(str(c.CommonName) << " " << str(c.Fingerprint).substr(0, 16) << "… usable "
                                             << bool(c.Usable) << " " << str(c.Problem));
        if (str(c.Fingerprint) == want) {
            found = true;
            BOOST_TEST(bool(c.Usable), str(c.Problem));
        }
    }
    BOOST_TEST(found, "the RSA officer's certificate is not listed (" << certs.getLength() << " listed)");
}

// Options that contradict a locked key: "Locked", nothing written, the
// document unchanged.
BOOST_AUTO_TEST_CASE(contradicting_options_are_refused)
{
    Office& o = office();
    fs::path file = letter(o);
    Doc d(o, o.loadDocument(file));
    const fs::path outDir = o.makeDir("out-refused");
    const fs::path out = outDir / "letter_signed.pdf";
    struct Case {
        const char* what;
        PropertyValue option;
    };
    const Case cases[] = {
        {"Visible=true (Signing/Visible is locked to false)", prop("Visible", true)},
        {"Reason=\"lain\" (Signing/DefaultReason is locked)", prop("Reason", OUString("lain"))},
        {"Reason=\"persetujuan\" (not the locked value exactly)", prop("Reason", OUString("persetujuan"))},
    };
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.what)
        {
            DocState before = stateOf(d.model, file);
            const std::string dirBefore = listing(o.dir());
            std::string code = signingFailure(
                [&] { o.signer()->signDocument(d.model, seq(with(options(out), c.option))); },
                std::string("signDocument ") + c.what);
            BOOST_TEST(code == "Locked");
            BOOST_TEST(!fs::exists(out), out << " was written");
            BOOST_TEST(listing(o.dir()) == dirBefore, "files in the office's folder changed");
            checkUnchanged(before, d.model, file);
        }
    }
}

// signPdf enforces the same locks.
BOOST_AUTO_TEST_CASE(sign_pdf_refuses_too)
{
    Office& o = office();
    fs::path in = o.copyIn(pdfs("letter.pdf"), "pdf/letter.pdf");
    const std::string inBytes = slurp(in.string());
    fs::path out = o.makeDir("out-pdf") / "letter_signed.pdf";
    for (const PropertyValue& bad : {prop("Visible", true), prop("Reason", OUString("lain"))}) {
        BOOST_TEST_CONTEXT(str(bad.Name))
        {
            const std::string dirBefore = listing(o.dir());
            std::string code = signingFailure(
                [&] { o.signer()->signPdf(fileUrl(in), seq(with(options(out), bad))); }, "signPdf " + str(bad.Name));
            BOOST_TEST(code == "Locked");
            BOOST_TEST(!fs::exists(out));
            BOOST_TEST(listing(o.dir()) == dirBefore, "files in the office's folder changed");
            BOOST_TEST((slurp(in.string()) == inBytes), "the input PDF changed");
        }
    }
}

// signFiles refuses a contradicting option before the first file: nothing is
// signed, not even the files the option would not have hurt.
BOOST_AUTO_TEST_CASE(sign_files_refuses_before_any_file)
{
    Office& o = office();
    fs::path in = o.copyIn(pdfs("letter.pdf"), "batch/letter.pdf");
    fs::path doc = o.copyIn(letter(o), "batch/letter.fodt");
    const fs::path outDir = o.makeDir("out-batch");
    const std::vector<PropertyValue> base = {prop("Certificate", ustr(fingerprint(pki("officer-rsa.pem")))),
                                             prop("Interactive", false), prop("OutputFolder", fileUrl(outDir))};
    css::uno::Sequence<OUString> urls(2);
    urls.getArray()[0] = fileUrl(in);
    urls.getArray()[1] = fileUrl(doc);
    for (const PropertyValue& bad : {prop("Visible", true), prop("Reason", OUString("lain"))}) {
        BOOST_TEST_CONTEXT(str(bad.Name))
        {
            const std::string dirBefore = listing(o.dir());
            std::string code =
                signingFailure([&] { o.signer()->signFiles(urls, seq(with(base, bad))); }, "signFiles " + str(bad.Name));
            BOOST_TEST(code == "Locked");
            BOOST_TEST(fs::is_empty(outDir), "nothing may be signed");
            BOOST_TEST(listing(o.dir()) == dirBefore, "files in the office's folder changed");
        }
    }
    // Signing/OutputPattern is not locked here: the same call without the bad option signs both.
    auto results = o.signer()->signFiles(urls, seq(base));
    BOOST_TEST_REQUIRE(results.getLength() == 2);
    for (const auto& r : results)
        BOOST_TEST(r.Signed, str(r.InputUrl) << ": " << str(r.Code) << " " << str(r.Message));
}

// Without those options the locked values apply: an invisible signature with
// /Reason "Persetujuan", the policy's notice text, the user's location.
BOOST_AUTO_TEST_CASE(signing_uses_the_locked_values)
{
    Office& o = office();
    fs::path file = letter(o);
    Doc d(o, o.loadDocument(file));
    DocState before = stateOf(d.model, file);
    fs::path out = o.makeDir("out-ok") / "letter_signed.pdf";
    fs::remove(out);
    id::bsresign::SignResult r;
    try {
        r = o.signer()->signDocument(d.model, seq(options(out)));
    } catch (const id::bsresign::SigningException& e) {
        BOOST_FAIL("signDocument: " << describe(e));
    }
    for (const auto& w : r.Warnings)
        BOOST_TEST_MESSAGE("warning: " << str(w));
    BOOST_TEST(str(r.OutputUrl) == str(fileUrl(out)));
    checkSignedExport(out);
    checkUnchanged(before, d.model, file);

    const std::string text = collapse(run("pdftotext " + q(out.string()) + " -").output);
    BOOST_TEST(text.find(kPolicyNotice) != std::string::npos, "the policy's notice is not on the page: " << text);
    BOOST_TEST(text.find(kDefaultNotice) == std::string::npos, "the default notice is still there");
    BOOST_TEST(text.find("Teks pilihan pengguna") == std::string::npos, "the user's notice text was used");

    SignatureFacts f = signatureFacts(out, o.path("out-ok/qdf.pdf"));
    BOOST_TEST_REQUIRE(f.reasons.size() == 1u, "one /Reason in the file");
    BOOST_TEST(f.reasons[0] == kPolicyReason);
    BOOST_TEST_REQUIRE(f.locations.size() == 1u, "one /Location in the file");
    BOOST_TEST(f.locations[0] == kUserLocation, "the unlocked DefaultLocation of the user applies");
    BOOST_TEST_REQUIRE(f.sigFieldRects.size() == 1u, "one signature field");
    BOOST_TEST(zeroRect(f.sigFieldRects[0]), "Visible is locked to false: the widget's /Rect is ["
                                                 << f.sigFieldRects[0] << "]");
}

// Options equal to the locked values are not a contradiction.
BOOST_AUTO_TEST_CASE(options_equal_to_the_locked_values_are_accepted)
{
    Office& o = office();
    fs::path file = letter(o);
    Doc d(o, o.loadDocument(file));
    fs::path out = o.makeDir("out-same") / "letter_signed.pdf";
    fs::remove(out);
    try {
        o.signer()->signDocument(
            d.model, seq(with(with(options(out), prop("Visible", false)), prop("Reason", ustr(kPolicyReason)))));
    } catch (const id::bsresign::SigningException& e) {
        BOOST_FAIL("signDocument: " << describe(e));
    }
    checkSignedExport(out);
}

// An Options page of the extension, made as LibreOffice makes it (the
// page's .xdl through ContainerWindowProvider) and driven through its event
// handler ("initialize", "ok", "back").
struct OptionsPage {
    Reference<css::awt::XContainerWindowEventHandler> handler;
    Reference<css::awt::XWindow> window;
    Reference<css::awt::XControlContainer> controls;

    OptionsPage(Office& o, const Reference<css::frame::XModel>& doc, const OUString& pageUrl, const std::string& handlerName)
    {
        Reference<css::awt::XWindowPeer> parent(Office::frameOf(doc)->getContainerWindow(), css::uno::UNO_QUERY_THROW);
        handler.set(o.create(handlerName), css::uno::UNO_QUERY_THROW);
        window = css::awt::ContainerWindowProvider::create(o.context())->createContainerWindow(pageUrl, "", parent, handler);
        BOOST_TEST_REQUIRE(window.is());
        controls.set(window, css::uno::UNO_QUERY_THROW);
    }
    ~OptionsPage()
    {
        try {
            Reference<css::lang::XComponent>(window, css::uno::UNO_QUERY_THROW)->dispose();
        } catch (const css::uno::Exception&) {
        }
    }
    OptionsPage(const OptionsPage&) = delete;
    Reference<css::beans::XPropertySet> model(const char* name)
    {
        Reference<css::awt::XControl> c = controls->getControl(OUString::createFromAscii(name));
        BOOST_TEST_REQUIRE(c.is(), "the page has no control " << name);
        return Reference<css::beans::XPropertySet>(c->getModel(), css::uno::UNO_QUERY_THROW);
    }
    std::string text(const char* name, const char* prop = "Text") { return str(value<OUString>(model(name), prop)); }
    bool enabled(const char* name) { return value<bool>(model(name), "Enabled"); }
    bool event(const char* what)
    {
        return bool(handler->callHandlerMethod(window, css::uno::Any(OUString::createFromAscii(what)), "external_event"));
    }
};

// Tools > Options > BSrE Sign, driven as LibreOffice drives an extension's
// page (the window from the page's .xdl through ContainerWindowProvider,
// "initialize" and "ok" to the page's event handler): locked keys are shown
// disabled with their locked values; OK writes what changed, never a locked
// key, and no unchanged value (which would pin it in the user's layer and hide
// later organisation defaults). Changes DefaultLocation: runs after the
// signing tests.
BOOST_AUTO_TEST_CASE(options_page_disables_locked_keys_and_saves_only_changes)
{
    Office& o = office();
    const std::string nodePath = "/org.openoffice.Office.OptionsDialog/Nodes/id.bsresign.Node";
    BOOST_TEST(value<bool>(node(o, nodePath), "AllModules"),
               "without AllModules the page is missing from Tools > Options (only the Extension Manager shows it)");
    Reference<css::beans::XPropertySet> leaf = node(o, nodePath + "/Leaves/id.bsresign.Leaf");
    const OUString pageUrl = value<OUString>(leaf, "OptionsPage");
    const OUString handlerName = value<OUString>(leaf, "EventHandlerService");
    BOOST_TEST_MESSAGE("page " << str(pageUrl) << ", handler " << str(handlerName));
    BOOST_TEST_REQUIRE(!pageUrl.isEmpty());

    Doc d(o, o.newDocument("private:factory/swriter"));
    OptionsPage p(o, d.model, pageUrl, str(handlerName));
    auto model = [&](const char* name) { return p.model(name); };
    auto text = [&](const char* name, const char* prop = "Text") { return p.text(name, prop); };
    auto enabled = [&](const char* name) { return p.enabled(name); };
    auto event = [&](const char* what) { return p.event(what); };

    BOOST_TEST_REQUIRE(event("initialize"));
    BOOST_TEST(text("lHead", "Label") == "Settings for signing with BSrE certificates");
    BOOST_TEST(!enabled("Visible"), "Signing/Visible is locked: its check box must be disabled");
    BOOST_TEST(value<sal_Int16>(model("Visible"), "State") == 0);
    BOOST_TEST(!enabled("DefaultReason"), "Signing/DefaultReason is locked: its field must be disabled");
    BOOST_TEST(text("DefaultReason") == kPolicyReason);
    for (const char* free : {"TsaUrl", "TsaUser", "TsaPassword", "Level", "AllowLowerLevel", "PdfA", "DefaultLocation",
                             "OutputPattern", "LogoPath", "Pkcs11Modules"})
        BOOST_TEST(enabled(free), free << " is not locked: it must be enabled");
    BOOST_TEST(text("DefaultLocation") == kUserLocation);
    BOOST_TEST(text("OutputPattern") == "{name}_signed.pdf");
    BOOST_TEST(text("lLocked", "Label") == "Greyed settings are locked by your organisation.");
    // Level is a list: automatic (empty) first, selected by default.
    const auto levels = value<css::uno::Sequence<OUString>>(model("Level"), "StringItemList");
    BOOST_TEST_REQUIRE(levels.getLength() == 5);
    BOOST_TEST(str(levels[0]) == "Automatic (B-LT with a TSA)");
    BOOST_TEST(str(levels[4]) == "B-LTA");
    const auto selected = value<css::uno::Sequence<sal_Int16>>(model("Level"), "SelectedItems");
    BOOST_TEST((selected.getLength() == 1 && selected[0] == 0));
    BOOST_TEST(value<sal_Int16>(model("AllowLowerLevel"), "State") == 1);

    // TSA credentials go to LibreOffice's password container, never to the configuration.
    const OUString tsaUrl("http://127.0.0.1:9/tsa");
    model("TsaUrl")->setPropertyValue("Text", css::uno::Any(tsaUrl));
    model("TsaUser")->setPropertyValue("Text", css::uno::Any(OUString("petugas")));
    model("TsaPassword")->setPropertyValue("Text", css::uno::Any(OUString("rahasia-tsa-42")));

    // The user changes the location; the locked controls are changed too, as
    // a misbehaving page could: OK must not write them.
    model("DefaultLocation")->setPropertyValue("Text", css::uno::Any(OUString("  Surabaya ")));
    model("DefaultReason")->setPropertyValue("Text", css::uno::Any(OUString("Pribadi")));
    model("Visible")->setPropertyValue("State", css::uno::Any(sal_Int16(1)));
    BOOST_TEST_REQUIRE(event("ok"));

    Reference<css::beans::XPropertySet> signing = settings(o, "Signing");
    BOOST_TEST(str(value<OUString>(signing, "DefaultLocation")) == "Surabaya", "saved, trimmed");
    BOOST_TEST(str(value<OUString>(signing, "DefaultReason")) == kPolicyReason);
    BOOST_TEST(value<bool>(signing, "Visible") == false);

    // What reached the user's layer: only the changed key.
    Reference<css::util::XFlushable>(css::configuration::theDefaultProvider::get(o.context()), css::uno::UNO_QUERY_THROW)
        ->flush();
    const std::string xcu = slurp(o.path("profile/user/registrymodifications.xcu").string());
    std::set<std::string> keys = userLayerKeys(xcu);
    std::string list;
    for (const auto& k : keys)
        list += k + " ";
    BOOST_TEST((keys == std::set<std::string>{"Signing/DefaultLocation", "Signing/TsaUrl"}),
               "keys of BSrE Sign in the user's registrymodifications.xcu: " << list);
    BOOST_TEST(xcu.find("<value>Surabaya</value>") != std::string::npos);
    BOOST_TEST(xcu.find("rahasia-tsa-42") == std::string::npos, "the TSA password must not be in the configuration");
    BOOST_TEST(xcu.find("petugas") == std::string::npos, "the TSA user name must not be in the configuration");
    {
        Reference<css::task::XPasswordContainer2> pc = css::task::PasswordContainer::create(o.context());
        css::task::UrlRecord rec = pc->find(tsaUrl, nullptr);
        BOOST_TEST_REQUIRE(rec.UserList.getLength() == 1);
        BOOST_TEST(str(rec.UserList[0].UserName) == "petugas");
        BOOST_TEST(text("TsaPassword").empty(), "the password field is emptied after saving");
        BOOST_TEST(text("TsaUser") == "petugas");
    }

    // "back" (Reset) shows the configuration again.
    model("DefaultLocation")->setPropertyValue("Text", css::uno::Any(OUString("Medan")));
    BOOST_TEST_REQUIRE(event("back"));
    BOOST_TEST(text("DefaultLocation") == "Surabaya");
    BOOST_TEST(text("DefaultReason") == kPolicyReason);
    BOOST_TEST(text("TsaUser") == "petugas", "the user name is shown again from the container");
    BOOST_TEST(text("TsaPassword").empty());
}

// The Notice page: the same handler; the policy's locked Notice/Text is
// read-only; list boxes store their values, OK writes only what changed.
BOOST_AUTO_TEST_CASE(notice_options_page)
{
    Office& o = office();
    Reference<css::beans::XPropertySet> leaf =
        node(o, "/org.openoffice.Office.OptionsDialog/Nodes/id.bsresign.Node/Leaves/id.bsresign.NoticeLeaf");
    const OUString pageUrl = value<OUString>(leaf, "OptionsPage");
    BOOST_TEST_REQUIRE(str(pageUrl).find("NoticeOptions.xdl") != std::string::npos, str(pageUrl));
    Doc d(o, o.newDocument("private:factory/swriter"));
    OptionsPage p(o, d.model, pageUrl, str(value<OUString>(leaf, "EventHandlerService")));
    BOOST_TEST_REQUIRE(p.event("initialize"));
    BOOST_TEST(p.text("lHeadNotice", "Label") == "The notice band at the foot of signed PDFs");
    BOOST_TEST(!p.enabled("Text"), "Notice/Text is locked by the policy");
    BOOST_TEST(p.enabled("Pages"));
    const auto pages = value<css::uno::Sequence<OUString>>(p.model("Pages"), "StringItemList");
    BOOST_TEST_REQUIRE(pages.getLength() == 3);
    BOOST_TEST(str(pages[1]) == "First page");
    const auto sel = value<css::uno::Sequence<sal_Int16>>(p.model("Pages"), "SelectedItems");
    BOOST_TEST((sel.getLength() == 1 && sel[0] == 0), "all pages by default");
    BOOST_TEST(value<sal_Int16>(p.model("Enabled"), "State") == 1);

    const sal_Int16 first = 1;
    p.model("Pages")->setPropertyValue("SelectedItems", css::uno::Any(css::uno::Sequence<sal_Int16>(&first, 1)));
    p.model("Text")->setPropertyValue("Text", css::uno::Any(OUString("changed by a misbehaving page")));
    BOOST_TEST_REQUIRE(p.event("ok"));
    Reference<css::beans::XPropertySet> notice = settings(o, "Notice");
    BOOST_TEST(str(value<OUString>(notice, "Pages")) == "first");
    BOOST_TEST(str(value<OUString>(notice, "Text")).find("changed") == std::string::npos, "a locked key is never written");
    Reference<css::util::XFlushable>(css::configuration::theDefaultProvider::get(o.context()), css::uno::UNO_QUERY_THROW)
        ->flush();
    std::set<std::string> keys = userLayerKeys(slurp(o.path("profile/user/registrymodifications.xcu").string()));
    BOOST_TEST(keys.count("Notice/Pages") == 1u);
    for (const char* untouched : {"Notice/Text", "Notice/Preset", "Notice/Enabled", "Notice/AllowScaling", "Notice/QrUrlTemplate"})
        BOOST_TEST(keys.count(untouched) == 0u, untouched << " was written though unchanged");
}

// Last: the office gone, the machine's shared extension folders are as they were.
BOOST_AUTO_TEST_CASE(system_installation_untouched)
{
    if (sharedSlot())
        BOOST_TEST_MESSAGE("private shared area: " << sharedSlot()->sharedDir());
    sharedSlot().reset();
    const std::string after = systemExtensionState();
    BOOST_TEST_MESSAGE("machine's extension folders:\n" << after);
    BOOST_TEST(after == policy().systemBefore, "the machine's shared extension folders changed:\nbefore:\n"
                                                   << policy().systemBefore << "after:\n" << after);
}

BOOST_AUTO_TEST_SUITE_END()
