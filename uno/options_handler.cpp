#include "options_handler.hpp"

#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/beans/PropertyAttribute.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/beans/XPropertySetInfo.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/task/InteractionHandler.hpp>
#include <com/sun/star/task/PasswordContainer.hpp>
#include <com/sun/star/task/XPasswordContainer2.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>

#include <iterator>
#include <string>
#include <vector>

namespace bsre::ext {

using namespace css;

namespace {

// A list box entry: the stored value and what is shown.
struct Choice {
    const char* value;
    Text label;
};

const Choice kLevels[] = {{"", {"Automatic (B-LT with a TSA)", "Otomatis (B-LT dengan TSA)"}},
                          {"B-B", {"B-B", "B-B"}},
                          {"B-T", {"B-T", "B-T"}},
                          {"B-LT", {"B-LT", "B-LT"}},
                          {"B-LTA", {"B-LTA", "B-LTA"}}};
const Choice kPresets[] = {{"id", {"Built-in Indonesian notice", "Keterangan bawaan (Indonesia)"}},
                           {"en", {"Built-in English notice", "Keterangan bawaan (Inggris)"}},
                           {"id-2026", {"Indonesian, BSrE's current name + verification line",
                                        "Indonesia, nama BSrE terkini + baris verifikasi"}},
                           {"en-2026", {"English, BSrE's current name + verification line",
                                        "Inggris, nama BSrE terkini + baris verifikasi"}},
                           {"", {"The text below", "Teks di bawah"}}};
const Choice kPages[] = {{"all", {"All pages", "Semua halaman"}},
                         {"first", {"First page", "Halaman pertama"}},
                         {"last", {"Last page", "Halaman terakhir"}}};
const Choice kAppearanceStyles[] = {
    {"Standard", {"Name, time, reason beside the logo", "Nama, waktu, alasan di samping logo"}},
    {"Tnde", {"TNDE specimen: QR code, title, name", "Spesimen TNDE: kode QR, jabatan, nama"}}};

struct Field {
    const char* name;   // control and configuration property name
    const char* group;  // "Signing" or "Notice"
    enum Kind { String, Bool, List, Choice } kind;
    Text label;
    const struct Choice* choices = nullptr; // Kind Choice
    size_t choiceCount = 0;
};

const Field kFields[] = {
    {"TsaUrl", "Signing", Field::String, {"Timestamp server (TSA) URL:", "URL server stempel waktu (TSA):"}},
    {"Level", "Signing", Field::Choice, {"PAdES level:", "Level PAdES:"}, kLevels, std::size(kLevels)},
    {"AllowLowerLevel", "Signing", Field::Bool,
     {"If the level cannot be reached, sign at a lower one and say why (else: stop)",
      "Bila level tak tercapai: level lebih rendah dengan alasan (bila tidak: berhenti)"}},
    {"PdfA", "Signing", Field::Bool, {"Export as PDF/A-2b", "Ekspor sebagai PDF/A-2b"}},
    {"Visible", "Signing", Field::Bool, {"Visible signature by default", "Tanda tangan terlihat secara bawaan"}},
    {"Certification", "Signing", Field::Bool,
     {"Certify with the first signature (later fields may still be filled and signed)",
      "Sertifikasi dengan tanda tangan pertama (kolom berikutnya tetap dapat diisi dan ditandatangani)"}},
    {"DefaultReason", "Signing", Field::String, {"Default reason:", "Alasan bawaan:"}},
    {"DefaultLocation", "Signing", Field::String, {"Default location:", "Lokasi bawaan:"}},
    {"OutputPattern", "Signing", Field::String, {"Output file name:", "Nama berkas keluaran:"}},
    {"LogoPath", "Notice", Field::String, {"BSrE logo file (PNG/SVG):", "Berkas logo BSrE (PNG/SVG):"}},
    {"Pkcs11Modules", "Signing", Field::List, {"PKCS#11 modules (one per line):", "Modul PKCS#11 (satu per baris):"}},
    // The Notice page (NoticeOptions.xdl).
    {"Enabled", "Notice", Field::Bool, {"Put the BSrE notice on signed PDFs", "Bubuhkan keterangan BSrE pada PDF yang ditandatangani"}},
    {"Preset", "Notice", Field::Choice, {"Notice text:", "Teks keterangan:"}, kPresets, std::size(kPresets)},
    {"Text", "Notice", Field::String, {"Own text:", "Teks sendiri:"}},
    {"SecondLine", "Notice", Field::Bool, {"Add a second line", "Tambahkan baris kedua"}},
    {"SecondLineText", "Notice", Field::String, {"Second line:", "Baris kedua:"}},
    {"Pages", "Notice", Field::Choice, {"On which pages:", "Pada halaman:"}, kPages, std::size(kPages)},
    {"QrUrlTemplate", "Notice", Field::String, {"QR code URL ({file}, {sha256}):", "URL kode QR ({file}, {sha256}):"}},
    {"AllowScaling", "Notice", Field::Bool,
     {"Shrink page content by up to 10% when the notice needs room",
      "Perkecil isi halaman hingga 10% bila keterangan memerlukan ruang"}},
    // On the Notice page, below the QR code's URL that it also uses.
    {"AppearanceStyle", "Signing", Field::Choice, {"Visible signature shows:", "Tanda tangan terlihat memuat:"},
     kAppearanceStyles, std::size(kAppearanceStyles)},
};

const Text kTsaUser{"TSA user name, password:", "Nama pengguna, sandi TSA:"};

const Text kHead{"Settings for signing with BSrE certificates", "Pengaturan penandatanganan dengan sertifikat BSrE"};
const Text kHeadNotice{"The notice band at the foot of signed PDFs", "Pita keterangan di bagian bawah PDF yang ditandatangani"};
const Text kLocked{"Greyed settings are locked by your organisation.", "Pengaturan berwarna abu-abu dikunci oleh organisasi Anda."};

uno::Reference<beans::XPropertySet> access(const uno::Reference<uno::XComponentContext>& ctx, const char* group)
{
    uno::Reference<lang::XMultiServiceFactory> provider(
        ctx->getServiceManager()->createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx),
        uno::UNO_QUERY_THROW);
    beans::PropertyValue p;
    p.Name = "nodepath";
    p.Value <<= "/id.bsresign.Settings/" + OUString::createFromAscii(group);
    return uno::Reference<beans::XPropertySet>(
        provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                              seq<uno::Any>({uno::Any(p)})),
        uno::UNO_QUERY_THROW);
}

uno::Reference<beans::XPropertySet> modelOf(const uno::Reference<awt::XControlContainer>& c, const char* name)
{
    uno::Reference<awt::XControl> ctl = c->getControl(OUString::createFromAscii(name));
    return ctl.is() ? uno::Reference<beans::XPropertySet>(ctl->getModel(), uno::UNO_QUERY) : nullptr;
}

bool isLocked(const uno::Reference<beans::XPropertySet>& cfg, const char* name)
{
    return cfg->getPropertySetInfo()->getPropertyByName(OUString::createFromAscii(name)).Attributes &
           beans::PropertyAttribute::READONLY;
}

// TSA credentials live in LibreOffice's password container under the TSA's
// URL, never in the configuration. The page shows the user name; the password
// field stays empty (typing one replaces the stored password).
OUString currentTsaUrl(const uno::Reference<uno::XComponentContext>& ctx)
{
    OUString url;
    access(ctx, "Signing")->getPropertyValue("TsaUrl") >>= url;
    return url.trim();
}

void loadCredentials(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<awt::XControlContainer>& c,
                     bool ind)
{
    if (auto l = modelOf(c, "lTsaUser"); l.is())
        l->setPropertyValue("Label", uno::Any(tr(kTsaUser, ind)));
    auto user = modelOf(c, "TsaUser"), password = modelOf(c, "TsaPassword");
    if (!user.is() || !password.is())
        return;
    OUString name;
    const OUString url = currentTsaUrl(ctx);
    if (!url.isEmpty()) {
        try {
            uno::Reference<task::XPasswordContainer2> pc = task::PasswordContainer::create(ctx);
            for (const task::UserRecord& u : pc->findForName(url, OUString(), nullptr).UserList)
                name = u.UserName;
            if (name.isEmpty())
                for (const task::UserRecord& u : pc->find(url, nullptr).UserList)
                    name = u.UserName;
        } catch (const uno::Exception&) {
        }
    }
    user->setPropertyValue("Text", uno::Any(name));
    password->setPropertyValue("Text", uno::Any(OUString()));
}

void saveCredentials(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<awt::XControlContainer>& c)
{
    auto userModel = modelOf(c, "TsaUser"), passwordModel = modelOf(c, "TsaPassword");
    const OUString url = currentTsaUrl(ctx);
    if (!userModel.is() || !passwordModel.is() || url.isEmpty())
        return;
    OUString user, password;
    userModel->getPropertyValue("Text") >>= user;
    passwordModel->getPropertyValue("Text") >>= password;
    user = user.trim();
    uno::Reference<task::XPasswordContainer2> pc = task::PasswordContainer::create(ctx);
    uno::Reference<task::XInteractionHandler> handler(task::InteractionHandler::createWithParent(ctx, nullptr),
                                                      uno::UNO_QUERY);
    // Users no longer wanted go; a new password replaces the stored one.
    for (const task::UserRecord& u : pc->find(url, nullptr).UserList)
        if (u.UserName != user || !password.isEmpty()) {
            try {
                pc->removePersistent(url, u.UserName);
            } catch (const uno::Exception&) {
            }
            pc->remove(url, u.UserName);
        }
    if (user.isEmpty() || password.isEmpty())
        return;
    try {
        pc->addPersistent(url, user, uno::Sequence<OUString>(&password, 1), handler);
    } catch (const uno::Exception&) {
        // No persistent storage (no master password given): for this session.
        pc->add(url, user, uno::Sequence<OUString>(&password, 1), handler);
    }
    passwordModel->setPropertyValue("Text", uno::Any(OUString()));
}

void load(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<awt::XControlContainer>& c)
{
    const bool ind = uiIndonesian(ctx);
    if (auto head = modelOf(c, "lHead"); head.is())
        head->setPropertyValue("Label", uno::Any(tr(kHead, ind)));
    if (auto head = modelOf(c, "lHeadNotice"); head.is())
        head->setPropertyValue("Label", uno::Any(tr(kHeadNotice, ind)));
    bool anyLocked = false;
    for (const Field& f : kFields) {
        auto cfg = access(ctx, f.group);
        auto m = modelOf(c, f.name);
        if (!m.is())
            continue;
        const bool locked = isLocked(cfg, f.name);
        anyLocked = anyLocked || locked;
        uno::Any v = cfg->getPropertyValue(OUString::createFromAscii(f.name));
        if (f.kind == Field::Bool) {
            bool b = false;
            v >>= b;
            m->setPropertyValue("State", uno::Any(sal_Int16(b ? 1 : 0)));
            m->setPropertyValue("Label", uno::Any(tr(f.label, ind)));
        } else if (f.kind == Field::Choice) {
            OUString current;
            v >>= current;
            uno::Sequence<OUString> items(static_cast<sal_Int32>(f.choiceCount));
            sal_Int16 selected = -1;
            for (size_t i = 0; i < f.choiceCount; ++i) {
                items.getArray()[i] = tr(f.choices[i].label, ind);
                if (current.equalsAscii(f.choices[i].value))
                    selected = static_cast<sal_Int16>(i);
            }
            m->setPropertyValue("StringItemList", uno::Any(items));
            m->setPropertyValue("SelectedItems", uno::Any(selected < 0 ? uno::Sequence<sal_Int16>()
                                                                       : uno::Sequence<sal_Int16>(&selected, 1)));
            if (auto l = modelOf(c, (std::string("l") + f.name).c_str()); l.is())
                l->setPropertyValue("Label", uno::Any(tr(f.label, ind)));
        } else {
            OUString text;
            if (f.kind == Field::List) {
                uno::Sequence<OUString> items;
                v >>= items;
                for (sal_Int32 i = 0; i < items.getLength(); ++i)
                    text += (i ? OUString("\n") : OUString()) + items[i];
            } else {
                v >>= text;
            }
            m->setPropertyValue("Text", uno::Any(text));
            if (auto l = modelOf(c, (std::string("l") + f.name).c_str()); l.is())
                l->setPropertyValue("Label", uno::Any(tr(f.label, ind)));
        }
        m->setPropertyValue("Enabled", uno::Any(!locked));
    }
    if (auto l = modelOf(c, "lLocked"); l.is())
        l->setPropertyValue("Label", uno::Any(anyLocked ? tr(kLocked, ind) : OUString()));
    loadCredentials(ctx, c, ind);
}

void save(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<awt::XControlContainer>& c)
{
    for (const char* group : {"Signing", "Notice"}) {
        auto cfg = access(ctx, group);
        for (const Field& f : kFields) {
            if (std::string(f.group) != group)
                continue;
            auto m = modelOf(c, f.name);
            if (!m.is() || isLocked(cfg, f.name))
                continue; // a finalized key is never written
            uno::Any value;
            if (f.kind == Field::Bool) {
                sal_Int16 state = 0;
                m->getPropertyValue("State") >>= state;
                value <<= state == 1;
            } else if (f.kind == Field::Choice) {
                uno::Sequence<sal_Int16> sel;
                m->getPropertyValue("SelectedItems") >>= sel;
                if (!sel.hasElements() || sel[0] < 0 || sel[0] >= static_cast<sal_Int16>(f.choiceCount))
                    continue; // nothing chosen (an unknown stored value): leave it as it is
                value <<= OUString::createFromAscii(f.choices[sel[0]].value);
            } else {
                OUString text;
                m->getPropertyValue("Text") >>= text;
                if (f.kind == Field::List) {
                    std::vector<OUString> items;
                    sal_Int32 idx = 0;
                    do {
                        OUString line = text.getToken(0, '\n', idx).trim();
                        if (!line.isEmpty())
                            items.push_back(line);
                    } while (idx >= 0);
                    uno::Sequence<OUString> s(static_cast<sal_Int32>(items.size()));
                    for (size_t i = 0; i < items.size(); ++i)
                        s.getArray()[i] = items[i];
                    value <<= s;
                } else {
                    value <<= text.trim();
                }
            }
            // Only what the user changed goes into the user's layer: writing
            // an unchanged value would pin it there, and a later default of
            // the organisation (a shared policy without oor:finalized) would
            // no longer reach this user.
            const OUString name = OUString::createFromAscii(f.name);
            if (cfg->getPropertyValue(name) != value)
                cfg->setPropertyValue(name, value);
        }
        uno::Reference<util::XChangesBatch>(cfg, uno::UNO_QUERY_THROW)->commitChanges();
    }
    saveCredentials(ctx, c);
}

} // namespace

sal_Bool SAL_CALL OptionsHandler::callHandlerMethod(const uno::Reference<awt::XWindow>& window, const uno::Any& event,
                                                   const OUString& method)
{
    if (method != "external_event")
        return false;
    OUString what;
    event >>= what;
    uno::Reference<awt::XControlContainer> c(window, uno::UNO_QUERY);
    if (!c.is())
        return false;
    try {
        if (what == "ok")
            save(ctx_, c);
        else if (what == "back" || what == "initialize")
            load(ctx_, c);
        else
            return false;
    } catch (const uno::Exception&) {
        return false;
    }
    return true;
}

} // namespace bsre::ext
