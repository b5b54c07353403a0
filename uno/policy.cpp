#include "policy.hpp"

#include "common/error.hpp"

namespace bsre::ext {

namespace {

[[noreturn]] void refuseLocked(const char* key)
{
    fail(Code::Locked,
         std::string("Your organisation has locked the setting ") + key + "; the option that changes it was refused.",
         std::string("Organisasi Anda mengunci pengaturan ") + key + "; opsi yang mengubahnya ditolak.");
}

bool issuerAllowed(const Settings& settings, const crypto::CertInfo& c)
{
    for (const std::string& issuer : settings.allowedIssuers)
        if (c.issuer.find(issuer) != std::string::npos)
            return true;
    return false;
}

} // namespace

void enforceLocks(const Settings& settings, const JobOptions& o)
{
    const Settings& s = settings;
    if (o.visible && s.isLocked("Signing/Visible") && *o.visible != s.visible)
        refuseLocked("Signing/Visible");
    if (o.reason && s.isLocked("Signing/DefaultReason") && *o.reason != s.defaultReason)
        refuseLocked("Signing/DefaultReason");
    if (o.location && s.isLocked("Signing/DefaultLocation") && *o.location != s.defaultLocation)
        refuseLocked("Signing/DefaultLocation");
    if (!o.outputUrl.isEmpty() && s.isLocked("Signing/OutputPattern"))
        refuseLocked("Signing/OutputPattern");
    if (o.notice && s.isLocked("Notice/Enabled") && *o.notice != s.noticeEnabled)
        refuseLocked("Notice/Enabled");
    if (o.certify && s.isLocked("Signing/Certification") && *o.certify != s.certification)
        refuseLocked("Signing/Certification");
    if (o.appearanceStyle && s.isLocked("Signing/AppearanceStyle") && *o.appearanceStyle != s.appearanceStyle)
        refuseLocked("Signing/AppearanceStyle");
}

void requireServerAllowed(const Settings& s)
{
    if (!s.serverEnabled || !s.serverDocumentsLeaveDesk)
        fail(Code::Locked,
             "Signing with a BSrE account is not enabled on this desk: IT must set Server/Enabled and "
             "Server/DocumentsLeaveDesk (documents are sent to BSrE's signing service). Nothing was sent.",
             "Penandatanganan dengan akun BSrE tidak diaktifkan di komputer ini: bagian TI harus mengatur "
             "Server/Enabled dan Server/DocumentsLeaveDesk (dokumen dikirim ke layanan tanda tangan BSrE). Tidak "
             "ada yang dikirim.");
    if (s.serverUrl.empty())
        fail(Code::BadSetting, "Server/Url is empty: the address of BSrE's signing service is not configured.",
             "Server/Url kosong: alamat layanan tanda tangan BSrE belum diatur.");
}

void applyAllowedIssuers(const Settings& settings, std::vector<crypto::CertInfo>& certs)
{
    if (settings.allowedIssuers.empty())
        return;
    for (auto& c : certs) {
        if (!c.usable || issuerAllowed(settings, c))
            continue;
        c.usable = false;
        c.problem = Code::CertUntrusted;
        c.problemEn = "Your organisation does not allow certificates from this issuer.";
        c.problemId = "Organisasi Anda tidak mengizinkan sertifikat dari penerbit ini.";
    }
}

LevelPlan planLevel(const Settings& settings)
{
    LevelPlan plan;
    const bool haveTsa = !settings.tsaUrl.empty();
    if (settings.level.empty()) {
        plan.asked = haveTsa ? Level::BLT : Level::BB;
        plan.allowLower = true;
    } else {
        auto l = parseLevel(settings.level);
        if (!l)
            fail(Code::BadSetting,
                 "The Level setting \"" + settings.level + "\" is not one of B-B, B-T, B-LT, B-LTA (or empty).",
                 "Pengaturan Level \"" + settings.level + "\" bukan salah satu dari B-B, B-T, B-LT, B-LTA (atau kosong).");
        plan.asked = *l;
        plan.allowLower = settings.allowLowerLevel;
        if (*l >= Level::BT && !haveTsa) {
            if (!plan.allowLower)
                fail(Code::NoTsa,
                     std::string("Level ") + levelName(*l) +
                         " needs a timestamp server, but none is configured (TsaUrl); nothing was written.",
                     std::string("Level ") + levelName(*l) +
                         " memerlukan server stempel waktu, tetapi belum diatur (TsaUrl); tidak ada yang ditulis.");
            plan.noteEn = "No timestamp server (TsaUrl) is configured.";
            plan.noteId = "Server stempel waktu (TsaUrl) belum diatur.";
        }
    }
    plan.signAt = haveTsa ? plan.asked : Level::BB;
    plan.timestamp = haveTsa && plan.asked >= Level::BT;
    return plan;
}

} // namespace bsre::ext
