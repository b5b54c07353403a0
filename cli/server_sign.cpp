// `bsre-sign sign --bsre-service URL ...`: signing with a BSrE account, the
// key held by BSrE's signing service (docs/SERVER.md, docs/CLI.md).
#include "cli/server_sign.hpp"

#include "cli/exit_codes.hpp"
#include "cli/sign_args.hpp"
#include "cli/usage_ledger.hpp"
#include "common/atomic_file.hpp"
#include "core/server_sign.hpp"
#include "crypto/verify.hpp"

#include <cstdlib>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace bsre::cli {

namespace {

// FILE: one line "client-id:client-secret", readable by its owner only.
std::pair<std::string, std::string> clientCredentials(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        fail(Code::Io, "The client file " + path + " cannot be read.", "Berkas klien " + path + " tidak dapat dibaca.");
    if (st.st_uid != ::geteuid() || (st.st_mode & 077) != 0)
        usage("The client file " + path +
                  " must belong to you and be readable by you only (chmod 600): it holds the institution's secret.",
              "Berkas klien " + path +
                  " harus milik Anda dan hanya dapat dibaca oleh Anda (chmod 600): berkas itu memuat rahasia instansi.");
    const std::string line = trimNewline(readFile(path));
    const size_t colon = line.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == line.size() || line.find('\n') != std::string::npos)
        usage("The client file must hold one line: client-id:client-secret.",
              "Berkas klien harus berisi satu baris: client-id:client-secret.");
    return {line.substr(0, colon), line.substr(colon + 1)};
}

net::ServiceConfig serviceConfig(const Args& a)
{
    for (const char* k : {"bsre-id", "bsre-client"})
        if (!a.has(k))
            usage(std::string("--bsre-service needs --") + k + ".",
                  std::string("--bsre-service memerlukan --") + k + ".");
    net::ServiceConfig c;
    c.url = a.get("bsre-service");
    std::tie(c.clientId, c.clientSecret) = clientCredentials(a.get("bsre-client"));
    if (a.has("bsre-timeout"))
        c.timeout = std::chrono::seconds(std::max(1, std::atoi(a.get("bsre-timeout").c_str())));
    return c;
}

// The level asked for: nullopt takes what the service gives (B-T with its
// timestamp); B-LTA needs --tsa for the document timestamp.
std::optional<Level> serverLevel(const Args& a, bool haveTsa)
{
    if (!a.has("level"))
        return std::nullopt;
    auto level = parseLevel(a.get("level"));
    if (!level)
        usage("--level must be B-B, B-T, B-LT or B-LTA.", "--level harus B-B, B-T, B-LT atau B-LTA.");
    if (*level == Level::BLTA && !haveTsa)
        usage("Level B-LTA needs a timestamp server for the document timestamp: --tsa URL.",
              "Level B-LTA memerlukan server stempel waktu untuk stempel waktu dokumen: --tsa URL.");
    return level;
}

ServerSignRequest serverRequest(const Args& a)
{
    ServerSignRequest rq;
    rq.sign = appearanceRequest(a);
    rq.sign.tsa = tsaConfig(a);
    rq.sign.level = serverLevel(a, rq.sign.tsa.has_value());
    rq.sign.allowLowerLevel = a.has("allow-lower-level");
    rq.sign.revocation.timeout = networkTimeout(a);
    rq.signerName = a.get("signer-name");
    rq.requireTrust = a.has("nssdb"); // its roots judge the service's certificate
    if (rq.signerName.empty() && rq.sign.placement.kind != Placement::Kind::Invisible)
        usage("A visible signature with a BSrE account needs --signer-name NAME: the appearance is drawn before "
              "the service's certificate is known.",
              "Tanda tangan yang terlihat dengan akun BSrE memerlukan --signer-name NAMA: tampilan dibuat sebelum "
              "sertifikat dari layanan diketahui.");
    return rq;
}

// The passphrase, or the one-time code (asked from BeSign first with --bsre-send-totp).
net::ServiceSecret serviceSecret(const Args& a, const net::ServiceConfig& config, const net::ServiceUser& user)
{
    net::ServiceSecret secret;
    const bool code = a.has("bsre-totp") || a.has("bsre-send-totp");
    secret.kind = code ? net::ServiceSecret::Kind::OneTimeCode : net::ServiceSecret::Kind::Passphrase;
    if (a.has("bsre-send-totp")) {
        net::requestOneTimeCode(config, user);
        std::cerr << "A one-time code was sent to the BeSign app. / Kode sekali pakai (OTP) telah dikirim ke "
                     "aplikasi BeSign.\n";
    }
    auto read = secretProvider(a, [code](const std::string&) {
        return std::string(code ? "One-time code from BeSign / Kode sekali pakai (OTP) dari aplikasi BeSign: "
                                : "BSrE passphrase / Passphrase (frasa sandi) BSrE: ");
    });
    auto value = read("BSrE");
    if (!value || value->empty())
        usage(code ? "No one-time code was given (--pin-file, --pin-fd or the terminal)."
                   : "No passphrase was given (--pin-file, --pin-fd or the terminal).",
              code ? "Kode sekali pakai tidak diberikan (--pin-file, --pin-fd atau terminal)."
                   : "Passphrase tidak diberikan (--pin-file, --pin-fd atau terminal).");
    secret.value = std::move(*value);
    return secret;
}

} // namespace

int cmdSignWithService(const Args& a)
{
    requireKnown(a, {"bsre-service", "bsre-id", "bsre-client", "bsre-totp", "bsre-send-totp", "bsre-timeout",
                     "signer-name", "nssdb", "pin-file", "pin-fd", "page", "rect", "invisible", "appearance", "title",
                     "reason", "location", "contact", "image", "output", "overwrite", "font", "notice", "notice-text",
                     "notice-preset", "notice-second-line", "logo", "qr-url", "notice-pages", "no-notice-scaling",
                     "tsa", "tsa-user", "tsa-password-file", "tsa-timeout", "level", "allow-lower-level", "ledger",
                     "no-ledger", "require-ledger"});
    ServerSignRequest rq = serverRequest(a);
    const net::ServiceConfig config = serviceConfig(a);
    const net::ServiceUser user{a.get("bsre-id")};
    LedgerAttempt attempt = cliAttempt(a, rq.sign.level ? levelName(*rq.sign.level) : "service",
                                       rq.sign.placement.kind != Placement::Kind::Invisible, a.has("notice"));
    attempt.keyHolder(net::keyHolderName(config.url));
    std::unique_ptr<crypto::TrustContext> nss = a.has("nssdb") ? crypto::TrustContext::withDatabase(a.get("nssdb"))
                                                               : crypto::TrustContext::none();
    return recorded(attempt, [&] {
        inputOptions(a, rq.sign);
        attempt.requireWritable();
        attempt.fileName(rq.sign.input);
        net::requireActiveCertificate(config, user); // before the passphrase is asked for
        const net::ServiceSecret secret = serviceSecret(a, config, user);
        ServerSigned out = signWithService(rq, [&](const std::string& pdf, const net::SignatureProperties& p) {
            return net::signRemotely(config, user, secret, pdf, p);
        });
        attempt.certificate(out.certificate);
        std::cout << "Signed by the BSrE signing service / Ditandatangani oleh layanan BSrE: " << config.url << "\n";
        return out.outcome;
    });
}

} // namespace bsre::cli
