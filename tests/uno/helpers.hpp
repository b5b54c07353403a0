// Small helpers every LibreOffice integration test module uses.
#pragma once

#include "../support.hpp"
#include "office.hpp"

#include <com/sun/star/awt/Point.hpp>
#include <com/sun/star/awt/Size.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/drawing/XDrawPage.hpp>
#include <com/sun/star/drawing/XDrawPages.hpp>
#include <com/sun/star/drawing/XDrawPagesSupplier.hpp>
#include <com/sun/star/drawing/XShape.hpp>
#include <com/sun/star/drawing/XShapes.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNameReplace.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>
#include <com/sun/star/uno/Sequence.hxx>

#include <boost/test/unit_test_monitor.hpp>

#include <cctype>
#include <initializer_list>
#include <functional>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <set>
#include <string>
#include <vector>

namespace bsretest {

// What every module uses unqualified (they all say `using namespace bsretest`).
using testing::pdfs;
using testing::pki;
using testing::q;
using testing::Run;
using testing::run;
using testing::slurp;
using css::beans::PropertyValue;

inline std::string source(const std::string& rel) { return testing::env("BSRE_SOURCE") + "/" + rel; }

// The names of the files in a folder (one level).
inline std::set<std::string> fileNames(const fs::path& dir)
{
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        out.insert(e.path().filename().string());
    return out;
}

// SHA-256 of a PEM certificate, upper-case hex without separators (the
// form CertificateInfo.Fingerprint and the Certificate option use).
inline std::string fingerprint(const std::string& pem)
{
    testing::Run r = testing::run("openssl x509 -in " + testing::q(pem) + " -noout -fingerprint -sha256");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    std::string fp;
    for (char c : r.output.substr(r.output.find('=') + 1))
        if (std::isxdigit(static_cast<unsigned char>(c)))
            fp += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    BOOST_TEST_REQUIRE(fp.size() == 64u, r.output);
    return fp;
}

inline css::uno::Sequence<css::beans::PropertyValue> seq(const std::vector<css::beans::PropertyValue>& v)
{
    return css::uno::Sequence<css::beans::PropertyValue>(v.data(), static_cast<sal_Int32>(v.size()));
}

// A configuration value of the office, set for a scope and put back
// afterwards (the extension reads its settings and the UI language on every call).
class ConfigValue {
public:
    ConfigValue(Office& o, const std::string& node, const std::string& name, const css::uno::Any& value)
        : name_(ustr(name))
    {
        Reference<css::lang::XMultiServiceFactory> provider(o.create("com.sun.star.configuration.ConfigurationProvider"),
                                                            css::uno::UNO_QUERY_THROW);
        css::uno::Sequence<css::uno::Any> args(1);
        args.getArray()[0] <<= prop("nodepath", ustr(node));
        access_.set(provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", args),
                    css::uno::UNO_QUERY_THROW);
        old_ = Reference<css::container::XNameAccess>(access_, css::uno::UNO_QUERY_THROW)->getByName(name_);
        access_->replaceByName(name_, value);
        Reference<css::util::XChangesBatch>(access_, css::uno::UNO_QUERY_THROW)->commitChanges();
    }
    ~ConfigValue()
    {
        try {
            access_->replaceByName(name_, old_);
            Reference<css::util::XChangesBatch>(access_, css::uno::UNO_QUERY_THROW)->commitChanges();
        } catch (const css::uno::Exception&) {
        }
    }
    ConfigValue(const ConfigValue&) = delete;

private:
    OUString name_;
    Reference<css::container::XNameReplace> access_;
    css::uno::Any old_;
};


// The options every signing test starts from: a certificate of the profile's
// NSS database (by fingerprint), the output at `out`, no dialogs.
inline std::vector<PropertyValue> signingOptions(const fs::path& out, const std::string& fingerprint)
{
    return {prop("Certificate", ustr(fingerprint)), prop("OutputUrl", fileUrl(out)), prop("Interactive", false)};
}

inline std::vector<PropertyValue> with(std::vector<PropertyValue> v, std::initializer_list<PropertyValue> more)
{
    v.insert(v.end(), more.begin(), more.end());
    return v;
}
inline std::vector<PropertyValue> with(std::vector<PropertyValue> v, PropertyValue p)
{
    return with(std::move(v), {std::move(p)});
}

// Runs `f`, which must raise SigningException; returns its Code.
inline std::string signingFailure(const std::function<void()>& f, const std::string& what = "the call")
{
    try {
        f();
    } catch (const id::bsresign::SigningException& e) {
        BOOST_TEST_MESSAGE(what << ": SigningException " << str(e.Code) << ": " << str(e.Message));
        BOOST_TEST(!e.Message.isEmpty(), "a SigningException needs a sentence for the user");
        return str(e.Code);
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL(what << ": expected a SigningException, got a UNO exception: " << describe(e));
    }
    BOOST_FAIL(what << ": expected a SigningException, it succeeded");
    return {};
}

// A signed PDF made from a document (no input PDF exists): a PDF that
// pdfinfo reads, and the validators of testing::checkSignedOutput (pdfsig,
// mutool, qpdf, openssl cms) without its input-prefix rule (/dev/null is a
// prefix of anything).
inline void checkSignedExport(const fs::path& out, size_t signatures = 1)
{
    BOOST_TEST_REQUIRE(fs::exists(out), out << " was not written");
    BOOST_TEST(slurp(out.string()).rfind("%PDF-", 0) == 0u, out << " is not a PDF");
    Run info = run("pdfinfo " + q(out.string()));
    BOOST_TEST(info.status == 0, info.output);
    testing::checkSignedOutput("/dev/null", out.string(), signatures);
}

using testing::collapse;

// A document closed at the end of the scope.
struct Doc {
    Office& office;
    Reference<css::frame::XModel> model;
    Doc(Office& o, Reference<css::frame::XModel> m) : office(o), model(std::move(m)) {}
    ~Doc() { office.close(model); }
    Doc(const Doc&) = delete;
};

// Everything "unchanged" means for an open document.
struct DocState {
    std::string bytes;
    bool modified = false;
    size_t undo = 0;
};
inline DocState stateOf(const Reference<css::frame::XModel>& model, const fs::path& file)
{
    return {testing::slurp(file.string()), Office::isModified(model), Office::undoDepth(model)};
}
inline void checkUnchanged(const DocState& before, const Reference<css::frame::XModel>& model, const fs::path& file)
{
    DocState after = stateOf(model, file);
    BOOST_TEST((after.bytes == before.bytes), file << ": the file's bytes changed");
    BOOST_TEST(after.modified == before.modified, file << ": the modified flag changed");
    BOOST_TEST(after.undo == before.undo, file << ": the undo stack changed");
}

// tests/data/letter.fodt (A4, bottom margin 3 cm, "Halaman N dari M" footer)
// stored once as docs/letter.<ext> with `filter`, a real file to reload.
inline fs::path letterAs(Office& o, const std::string& ext, const std::string& filter)
{
    fs::path target = o.path("docs/letter." + ext);
    if (!fs::exists(target)) {
        fs::path fodt = o.copyIn(source("tests/data/letter.fodt"), "docs/letter.fodt");
        Doc d(o, o.loadDocument(fodt));
        o.storeToUrl(d.model, target, filter);
        o.handOver(target);
    }
    return target;
}

// The first sheet of a Calc document.
inline Reference<css::sheet::XSpreadsheet> firstSheet(const Reference<css::frame::XModel>& model)
{
    Reference<css::sheet::XSpreadsheetDocument> sd(model, css::uno::UNO_QUERY_THROW);
    Reference<css::container::XIndexAccess> sheets(sd->getSheets(), css::uno::UNO_QUERY_THROW);
    return Reference<css::sheet::XSpreadsheet>(sheets->getByIndex(0), css::uno::UNO_QUERY_THROW);
}

// A Calc sheet of expenses (labels, amounts, a SUM), stored once as
// docs/sheet.ods in the office's folder.
inline fs::path expenseSheet(Office& o)
{
    fs::path target = o.path("docs/sheet.ods");
    if (!fs::exists(target)) {
        o.makeDir("docs");
        Doc d(o, o.newDocument("private:factory/scalc"));
        Reference<css::sheet::XSpreadsheet> sheet = firstSheet(d.model);
        const char* labels[] = {"Uraian", "Alat tulis", "Perjalanan dinas", "Jumlah"};
        for (int r = 0; r < 4; ++r)
            sheet->getCellByPosition(0, r)->setFormula(OUString::createFromAscii(labels[r]));
        sheet->getCellByPosition(1, 0)->setFormula("Rp");
        sheet->getCellByPosition(1, 1)->setValue(1250000);
        sheet->getCellByPosition(1, 2)->setValue(4300000);
        sheet->getCellByPosition(1, 3)->setFormula("=SUM(B2:B3)");
        o.storeToUrl(d.model, target, "calc8");
        o.handOver(target);
    }
    return target;
}

// The lines of the office user's usage ledger (every file of the folder).
inline std::vector<std::string> ledgerLines(Office& o)
{
    std::vector<std::string> out;
    const fs::path dir = o.home() / ".local/share/bsre-sign/ledger";
    if (!fs::exists(dir))
        return out;
    for (const auto& e : fs::directory_iterator(dir)) {
        std::istringstream in(testing::slurp(e.path().string()));
        for (std::string l; std::getline(in, l);)
            out.push_back(l);
    }
    return out;
}

// An Impress deck of one slide with a title box near the top and nothing
// near the lower edge, stored once at `rel` in the office's folder.
inline fs::path titleSlideDeck(Office& o, const std::string& rel)
{
    fs::path target = o.path(rel);
    if (!fs::exists(target)) {
        o.makeDir("docs");
        Doc d(o, o.newDocument("private:factory/simpress"));
        // The shape's proxy is let go here, well before the close: the bridge
        // sends a release on a thread of its own, and LibreOffice 25.2 aborts
        // when that release lands after the document (and its item pool) is
        // gone (SvxShape -> SdrObject -> SfxItemPool::unregisterNameOrIndex).
        {
            Reference<css::drawing::XDrawPagesSupplier> dps(d.model, css::uno::UNO_QUERY_THROW);
            Reference<css::drawing::XDrawPage> page(dps->getDrawPages()->getByIndex(0), css::uno::UNO_QUERY_THROW);
            Reference<css::lang::XMultiServiceFactory> factory(d.model, css::uno::UNO_QUERY_THROW);
            Reference<css::drawing::XShape> shape(factory->createInstance("com.sun.star.drawing.TextShape"),
                                                  css::uno::UNO_QUERY_THROW);
            shape->setPosition(css::awt::Point(2000, 2000));
            shape->setSize(css::awt::Size(20000, 4000));
            Reference<css::drawing::XShapes>(page, css::uno::UNO_QUERY_THROW)->add(shape);
            Reference<css::text::XTextRange>(shape, css::uno::UNO_QUERY_THROW)
                ->setString("Rapat koordinasi: tanda tangan elektronik BSrE");
        }
        o.storeToUrl(d.model, target, "impress8");
        o.handOver(target);
    }
    return target;
}

// ------------------------------------------------------------------ shared office
// One office per test module, started on first use by `start`; an office that
// died is replaced (the crash failed the test it happened in); a start that
// failed fails every later test with its reason instead of trying again.
inline std::unique_ptr<Office>& sharedSlot()
{
    static std::unique_ptr<Office> office;
    return office;
}

// An office with the extension and the test database, its timings logged.
inline std::unique_ptr<Office> startOffice()
{
    auto office = std::make_unique<Office>();
    const auto& t = office->timings();
    BOOST_TEST_MESSAGE("office with the extension: unopkg " << t.unopkgSeconds << " s, start " << t.startSeconds << " s");
    return office;
}

inline Office& sharedOffice(const std::function<std::unique_ptr<Office>()>& start)
{
    static std::string failure;
    auto& slot = sharedSlot();
    if (slot && !slot->alive()) {
        BOOST_TEST_MESSAGE("the shared office died; its log:\n" << slot->log() << "\nstarting a new one");
        slot.reset();
    }
    if (!slot && failure.empty()) {
        try {
            slot = start();
        } catch (const css::uno::Exception& e) {
            failure = describe(e);
        } catch (const std::exception& e) {
            failure = e.what();
        }
    }
    BOOST_TEST_REQUIRE(slot != nullptr, "the office did not start: " << failure);
    return *slot;
}

// Boost.Test reports exceptions outside std::exception as "unknown type";
// UNO exceptions get their type and message instead.
inline void registerUnoExceptionTranslators()
{
    boost::unit_test::unit_test_monitor.register_exception_translator<id::bsresign::SigningException>(
        [](const id::bsresign::SigningException& e) { throw std::runtime_error(describe(e)); });
    boost::unit_test::unit_test_monitor.register_exception_translator<css::uno::Exception>(
        [](const css::uno::Exception& e) { throw std::runtime_error("UNO exception: " + describe(e)); });
}

// The global fixture of a module: translators on, the shared office ended last.
struct SharedOfficeTeardown {
    SharedOfficeTeardown() { registerUnoExceptionTranslators(); }
    ~SharedOfficeTeardown() { sharedSlot().reset(); }
};

} // namespace bsretest
