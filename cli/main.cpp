// bsre-sign: sign and verify PDFs with the same engine as the extension.
#include "cli/args.hpp"
#include "cli/batch.hpp"
#include "cli/exit_codes.hpp"
#include "cli/server_sign.hpp"
#include "cli/sign_args.hpp"
#include "cli/usage_ledger.hpp"
#include "cli/verify_print.hpp"
#include "common/atomic_file.hpp"
#include "common/hex.hpp"
#include "common/json.hpp"
#include "core/notice_text.hpp"
#include "core/sign.hpp"
#include "core/two_phase.hpp"
#include "crypto/external.hpp"
#include "crypto/digest.hpp"
#include "core/verify.hpp"
#include "core/verify_json.hpp"
#include "core/verify_report.hpp"
#include "core/dates.hpp"
#include "crypto/store.hpp"
#include "crypto/verify.hpp"

#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <tuple>
#include <vector>

using namespace bsre;

namespace bsre::cli {

const char* const kUsage = R"(bsre-sign: sign PDFs with BSrE certificates (PAdES) / menandatangani PDF dengan sertifikat BSrE

usage:
  bsre-sign certs  --nssdb DIR [--module PATH]... [--pin-file FILE | --pin-fd N] [--json]
  bsre-sign sign   --nssdb DIR [--module PATH]... --cert SHA256-FINGERPRINT|NICKNAME
                   [--pin-file FILE | --pin-fd N]
                   [--field NAME | --page N --rect X,Y,W,H | --invisible]
                   [--reason TEXT] [--location TEXT] [--contact TEXT] [--image PNG]
                   [--appearance standard|tnde|image] [--title TEXT]
                   [--notice [--notice-text TEXT | --notice-preset id|en|id-2026|en-2026]
                             [--notice-second-line] [--logo PNG|JPEG]
                             [--qr-url TEMPLATE] [--notice-pages all|first|last] [--no-notice-scaling]]
                   [--tsa URL [--tsa-user U --tsa-password-file F] [--tsa-timeout SECONDS]]
                   [--level B-B|B-T|B-LT|B-LTA [--allow-lower-level]]
                   [--certify [--certify-level 1|2|3]] [--overwrite] IN.pdf -o OUT.pdf
  bsre-sign sign   [the same options] IN.pdf... | --from-list FILE|-  -O OUTDIR
                   [--suffix _signed] [--jobs N] [--shard I/N] [--json]     (many files, one PIN)
  bsre-sign sign   --bsre-service URL --bsre-id NIK|EMAIL --bsre-client FILE
                   [--bsre-totp | --bsre-send-totp] [--bsre-timeout SECONDS] [--nssdb DIR]
                   [--pin-file FILE | --pin-fd N] [--signer-name NAME] [the placement, appearance,
                   --notice, --tsa and --level options above] IN.pdf -o OUT.pdf
                   (a BSrE account: the key is held by BSrE's signing service, docs/SERVER.md)
  bsre-sign extend --nssdb DIR --level B-LT|B-LTA [--tsa URL [--tsa-user U --tsa-password-file F]]
                   [--tsa-timeout SECONDS] [--overwrite] IN.pdf -o OUT.pdf
  bsre-sign verify [--nssdb DIR | --trust CERT.pem...] [--json] [--report OUT.pdf [--overwrite]] IN.pdf

yearly usage report from the ledgers (docs/LEDGER.md):
  bsre-sign report --year YYYY [--ledger FILE|DIR]... [--format json|csv|pdf] [--institution NAME]
                   [--sign --nssdb DIR --cert CERT [--pin-file FILE | --pin-fd N]] -o OUT

sign and complete record every attempt in the usage ledger: --ledger DIR
(default ~/.local/share/bsre-sign/ledger), --no-ledger (unless IT's policy
forbids it), --require-ledger (a ledger that cannot be written stops signing).

two-phase signing (the private key is used outside this program):
  bsre-sign prepare --cert CERT.pem [--chain CHAIN.pem]
                   [--field NAME | --page N --rect X,Y,W,H | --invisible]
                   [--reason TEXT] [--location TEXT] [--contact TEXT] [--image PNG] [--notice ...]
                   [--appearance standard|tnde] [--title TEXT] [--qr-url TEMPLATE]
                   [--certify] [--level B-B] [--overwrite] IN.pdf -o STATE
      prints: digest: sha256 <hex>   (sign exactly this digest: RSA PKCS#1 v1.5 or ECDSA, DER)
  bsre-sign complete STATE --signature SIG.bin [--nssdb DIR] [--input IN.pdf]
                   [--tsa URL [--tsa-user U --tsa-password-file F] [--tsa-timeout SECONDS]]
                   [--level B-B|B-T|B-LT|B-LTA [--allow-lower-level]] [--overwrite] -o OUT.pdf

The PIN is read from --pin-file, from file descriptor --pin-fd, or asked on the
terminal without echo; it is never accepted on the command line.
Exit codes: 0 ok, 1 signature not valid, 2 usage, 3 input PDF problem,
4 certificate/PIN/token problem (also: revoked), 5 I/O problem, 6 other error,
7 network: timestamp server or revocation data (OCSP/CRL) not available,
8 two-phase: the STATE is damaged, the input changed, or the signature does not match,
10 BSrE account: the service's answer is not a PDF, or its signed PDF failed the checks.
--level: B-T with --tsa, B-B without, unless given. B-LT adds the signer's and
the TSA's certificates and their OCSP responses or CRLs (DSS); B-LTA then a
document timestamp. A level that cannot be reached stops with nothing written,
or with --allow-lower-level signs at the level reached and says why.
The visible signature (--field, or --page and --rect) / tanda tangan yang terlihat:
--appearance standard (the default: name, --title, time, reason, location, --image)
or tnde, the specimen of tata naskah dinas elektronik: a QR code to --qr-url
(default https://tte.komdigi.go.id/verifyPDF), "Ditandatangani secara elektronik
oleh:", --title (jabatan) and the name / spesimen TNDE: kode QR ke --qr-url, lalu
jabatan (--title) dan nama. Without --title, a field's tooltip (/TU) is the title.
)";

[[noreturn]] void usage(const std::string& en, const std::string& id)
{
    throw Error(Code::Usage, en, id);
}

Args parse(int argc, char** argv)
{
    static const std::vector<std::string> flags = {"json", "invisible", "overwrite", "help", "notice", "certify",
                                                   "notice-second-line", "no-notice-scaling", "allow-lower-level",
                                                   "no-ledger", "require-ledger", "sign", "bsre-totp",
                                                   "bsre-send-totp"};
    Args a;
    if (argc < 2)
        usage("No command given.", "Perintah tidak diberikan.");
    a.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        std::string s = argv[i];
        if (s == "-o")
            s = "--output";
        else if (s == "-O")
            s = "--output-dir";
        if (s.rfind("--", 0) == 0) {
            std::string k = s.substr(2);
            if (k == "pin")
                usage("A PIN is never accepted on the command line; use --pin-file or --pin-fd.",
                      "PIN tidak pernah diterima di baris perintah; gunakan --pin-file atau --pin-fd.");
            if (std::find(flags.begin(), flags.end(), k) != flags.end()) {
                a.opts[k].push_back("1");
                continue;
            }
            if (i + 1 >= argc)
                usage("The option " + s + " needs a value.", "Opsi " + s + " memerlukan nilai.");
            a.opts[k].push_back(argv[++i]);
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

void requireKnown(const Args& a, std::initializer_list<const char*> known)
{
    for (auto& [k, v] : a.opts) {
        bool ok = false;
        for (const char* n : known)
            ok = ok || k == n;
        if (!ok)
            usage("Unknown option --" + k + " for '" + a.command + "'.",
                  "Opsi --" + k + " tidak dikenal untuk '" + a.command + "'.");
    }
}

std::string json(const std::string& s) { return json::quoted(s); }

int cmdCerts(const Args& a)
{
    requireKnown(a, {"nssdb", "module", "json", "pin-file", "pin-fd"});
    auto store = openStore(a);
    auto certs = store->list();
    if (a.has("json")) {
        std::cout << "[";
        for (size_t i = 0; i < certs.size(); ++i) {
            const auto& c = certs[i];
            std::cout << (i ? ",\n " : "\n ") << "{\"fingerprint\":" << json(c.fingerprint)
                      << ",\"nickname\":" << json(c.nickname) << ",\"commonName\":" << json(c.commonName)
                      << ",\"organisation\":" << json(c.organisation) << ",\"email\":" << json(c.email)
                      << ",\"subject\":" << json(c.subject) << ",\"issuer\":" << json(c.issuer)
                      << ",\"notBefore\":" << json(c.notBefore) << ",\"notAfter\":" << json(c.notAfter)
                      << ",\"token\":" << json(c.token) << ",\"hasKey\":" << (c.hasKey ? "true" : "false")
                      << ",\"usable\":" << (c.usable ? "true" : "false")
                      << ",\"problem\":" << (c.problem ? json(codeName(*c.problem)) : "null")
                      << ",\"problemText\":" << json(c.problemEn) << ",\"problemTextId\":" << json(c.problemId) << "}";
        }
        std::cout << "\n]\n";
        return cli::Ok;
    }
    if (certs.empty())
        std::cout << "No certificates found. / Tidak ada sertifikat.\n";
    for (const auto& c : certs) {
        std::cout << (c.usable ? "[usable]   " : "[unusable] ") << c.commonName;
        if (!c.organisation.empty())
            std::cout << ", " << c.organisation;
        std::cout << "\n  token:       " << c.token << "\n  nickname:    " << c.nickname
                  << "\n  sha256:      " << c.fingerprint << "\n  issuer:      " << c.issuer
                  << "\n  valid until: " << c.notAfter << "\n";
        if (!c.usable)
            std::cout << "  problem:     " << c.problemEn << "\n  masalah:     " << c.problemId << "\n";
    }
    return cli::Ok;
}

int cmdSign(const Args& a)
{
    if (a.has("bsre-service"))
        return cmdSignWithService(a);
    if (isBatch(a))
        return cmdSignBatch(a);
    requireKnown(a, {"nssdb", "module", "cert", "pin-file", "pin-fd", "field", "page", "rect", "invisible",
                     "appearance", "title",
                     "reason", "location", "contact", "image", "output", "overwrite", "font", "notice",
                     "notice-text", "notice-preset", "notice-second-line", "logo", "qr-url", "notice-pages",
                     "no-notice-scaling",
                     "tsa", "tsa-user", "tsa-password-file", "tsa-timeout", "level", "certify", "certify-level",
                     "allow-lower-level", "ledger", "no-ledger", "require-ledger"});
    SignRequest rq = appearanceRequest(a);
    signingOptions(a, rq);
    LedgerAttempt attempt = cliAttempt(a, rq.level ? levelName(*rq.level) : (rq.tsa ? "B-T" : "B-B"),
                                       rq.placement.kind != Placement::Kind::Invisible, a.has("notice"));
    std::unique_ptr<crypto::Store> store; // outlives the attempt's catch: a refusal is recorded with NSS up
    return recorded(attempt, [&] {
        store = openStore(a); // NSS is up from here (the QR's SHA-256 uses it)
        inputOptions(a, rq);
        attempt.requireWritable();
        attempt.fileName(rq.input);
        auto signer = store->signer(a.get("cert"), pinProvider(a));
        attempt.certificate(signer->certificate());
        return signPdf(rq, *signer);
    });
}

const char* hashLabel(crypto::HashAlg h)
{
    return h == crypto::HashAlg::Sha384 ? "sha384" : h == crypto::HashAlg::Sha512 ? "sha512" : "sha256";
}


// The signer known by its certificate only: --cert (its first certificate is
// the signer's, any others are its chain) and --chain.
std::unique_ptr<crypto::SignerIdentity> identityFrom(const Args& a)
{
    if (!a.has("cert"))
        usage("--cert CERT.pem is required.", "--cert CERT.pem wajib diisi.");
    std::vector<crypto::Bytes> certs = crypto::readCertificates(a.get("cert"));
    std::vector<crypto::Bytes> chain(certs.begin() + 1, certs.end());
    if (a.has("chain"))
        for (auto& c : crypto::readCertificates(a.get("chain")))
            chain.push_back(std::move(c));
    return crypto::identityFromCertificate(certs.front(), std::move(chain));
}

int cmdPrepare(const Args& a)
{
    requireKnown(a, {"cert", "chain", "field", "page", "rect", "invisible", "reason", "location", "contact",
                     "image", "appearance", "title", "output", "overwrite", "font", "notice", "notice-text", "notice-preset", "notice-second-line", "logo",
                     "qr-url", "notice-pages", "no-notice-scaling", "certify", "certify-level", "level"});
    SignRequest rq = appearanceRequest(a);
    const auto level = a.has("level") ? parseLevel(a.get("level")) : std::optional<Level>(Level::BT);
    if (!level)
        usage("--level must be B-B, B-T, B-LT or B-LTA.", "--level harus B-B, B-T, B-LT atau B-LTA.");
    auto nss = crypto::TrustContext::none(); // NSS without a database: no key is used here
    inputOptions(a, rq);
    auto identity = identityFrom(a);
    const PreparedState p = prepareState(rq, *identity, *level >= Level::BT);
    writeFileAtomically(rq.output, serializeState(p.state), rq.overwrite);
    std::cout << "digest: " << hashLabel(p.hash) << " " << hex(p.toBeSigned) << "\n";
    std::cerr << "STATE: " << rq.output << " (field / kolom " << p.state.fieldName << ", signer / penanda tangan "
              << identity->commonName() << ")\n";
    for (const Warning& w : p.warnings)
        std::cerr << "  warning: " << w.en << "\n  peringatan: " << w.id << "\n";
    return cli::Ok;
}

int cmdComplete(const Args& a)
{
    requireKnown(a, {"signature", "tsa", "tsa-user", "tsa-password-file", "tsa-timeout", "level",
                     "allow-lower-level", "nssdb", "output", "overwrite", "input", "ledger", "no-ledger",
                     "require-ledger"});
    if (a.positional.size() != 1)
        usage("Give exactly one STATE file.", "Berikan tepat satu berkas STATE.");
    if (!a.has("signature") || !a.has("output"))
        usage("--signature SIG.bin and -o OUT.pdf are required.", "--signature SIG.bin dan -o OUT.pdf wajib diisi.");
    std::unique_ptr<crypto::Store> store;
    std::unique_ptr<crypto::TrustContext> nss;
    if (a.has("nssdb"))
        store = crypto::Store::open(a.get("nssdb")); // its CAs judge the TSA and the OCSP responders
    else
        nss = crypto::TrustContext::none();
    CompleteRequest rq;
    rq.state = parseState(readFile(a.positional[0]));
    if (a.has("input")) // the input was moved since prepare; its bytes are still checked
        rq.state.input = a.get("input");
    if (samePath(rq.state.input, a.get("output")))
        usage("The output must not be the input file: the input is never changed.",
              "Berkas keluaran tidak boleh sama dengan berkas masukan: masukan tidak pernah diubah.");
    rq.signature = readFile(a.get("signature"));
    rq.options.tsa = tsaConfig(a);
    rq.level = levelFrom(a, rq.options.tsa.has_value());
    if (rq.level == Level::BB)
        rq.options.tsa.reset();
    rq.allowLowerLevel = a.has("allow-lower-level");
    rq.options.revocation.timeout = networkTimeout(a);
    rq.options.outputName = a.get("output");
    rq.overwrite = a.has("overwrite");
    LedgerAttempt attempt = cliAttempt(a, rq.level ? levelName(*rq.level) : (rq.options.tsa ? "B-T" : "B-B"),
                                       false, false);
    return recorded(attempt, [&] {
        attempt.requireWritable();
        attempt.fileName(rq.state.input);
        attempt.certificate(rq.state.certificate);
        return completeState(rq);
    });
}

int cmdExtend(const Args& a)
{
    requireKnown(a, {"nssdb", "level", "tsa", "tsa-user", "tsa-password-file", "tsa-timeout", "output", "overwrite"});
    ExtendRequest rq;
    std::tie(rq.input, rq.output) = inputAndOutput(a);
    if (!a.has("nssdb"))
        usage("--nssdb DIR is required (its CAs judge the OCSP responders and the TSA).",
              "--nssdb DIR wajib diisi (CA di dalamnya menilai responder OCSP dan TSA).");
    rq.overwrite = a.has("overwrite");
    auto level = parseLevel(a.has("level") ? a.get("level") : "B-LT");
    if (!level || *level < Level::BLT)
        usage("extend's --level must be B-LT or B-LTA.", "--level untuk extend harus B-LT atau B-LTA.");
    rq.level = *level;
    rq.tsa = tsaConfig(a);
    if (rq.level == Level::BLTA && !rq.tsa)
        usage("B-LTA needs a timestamp server: --tsa URL.", "B-LTA memerlukan server stempel waktu: --tsa URL.");
    rq.revocation.timeout = networkTimeout(a);
    auto trust = crypto::TrustContext::withDatabase(a.get("nssdb"));
    ExtendOutcome out = extendPdf(rq);
    std::cout << "Extended / Diperpanjang: " << out.output << "\n"
              << "  signatures / tanda tangan: " << out.signatures << " (+" << out.documentTimestamps
              << " document timestamp(s))\n"
              << "  level / level:             PAdES " << out.level << "\n"
              << "  DSS / LTV:                 " << out.dss.certsAdded << " certificate(s), " << out.dss.ocspsAdded
              << " OCSP, " << out.dss.crlsAdded << " CRL added\n"
              << "  bytes added:               " << out.bytesAdded << "\n";
    if (out.docTimestamp)
        std::cout << "  document timestamp:        " << out.docTimestamp->time << " (" << out.docTimestamp->tsaName
                  << ")\n";
    printChecks(out.checks);
    printWarnings(out.warnings);
    return cli::Ok;
}

int cmdVerify(const Args& a)
{
    requireKnown(a, {"nssdb", "trust", "json", "report", "overwrite"});
    if (a.positional.size() != 1)
        usage("Give exactly one PDF to verify.", "Berikan tepat satu PDF untuk diverifikasi.");
    if (a.has("report") && samePath(a.positional[0], a.get("report")))
        usage("The report must not be written over the PDF being verified.",
              "Laporan tidak boleh ditulis menimpa PDF yang diverifikasi.");
    if (a.has("nssdb") && a.has("trust"))
        usage("Use either --nssdb or --trust, not both.", "Gunakan --nssdb atau --trust, tidak keduanya.");
    std::unique_ptr<crypto::TrustContext> trust = a.has("nssdb")   ? crypto::TrustContext::withDatabase(a.get("nssdb"))
                                               : a.has("trust") ? crypto::TrustContext::withAnchors(a.opts.at("trust"))
                                                                : crypto::TrustContext::none();
    VerifyReport r = verifyPdf(a.positional[0], trust->checksTrust());
    if (a.has("report")) {
        const std::string by = a.has("nssdb") ? "basis data NSS / NSS database " + a.get("nssdb")
                               : a.has("trust") ? "sertifikat akar yang diberikan / the CA certificates given"
                                                : "";
        writeFileAtomically(a.get("report"), verifyReportPdf(r, readFile(a.positional[0]), {by, localTimeNow()}),
                            a.has("overwrite"));
    }
    if (a.has("json"))
        std::cout << verifyJson(r);
    else
        printVerifyText(r, std::cout);
    if (a.has("report") && !a.has("json"))
        std::cout << "Report / Laporan: " << a.get("report") << "\n";
    return r.allPassed() ? cli::Ok : cli::NotValid;
}

} // namespace bsre::cli

using namespace bsre::cli;

int main(int argc, char** argv)
{
    try {
        if (argc >= 2 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help"))) {
            std::cout << kUsage;
            return cli::Ok;
        }
        Args a = parse(argc, argv);
        if (a.command == "certs")
            return cmdCerts(a);
        if (a.command == "sign")
            return cmdSign(a);
        if (a.command == "verify")
            return cmdVerify(a);
        if (a.command == "extend")
            return cmdExtend(a);
        if (a.command == "prepare")
            return cmdPrepare(a);
        if (a.command == "complete")
            return cmdComplete(a);
        if (a.command == "report")
            return cmdReport(a);
        usage("Unknown command '" + a.command + "'.", "Perintah '" + a.command + "' tidak dikenal.");
    } catch (const Error& e) {
        std::cerr << "bsre-sign: " << e.english() << "\n           " << e.indonesian() << "\n";
        if (e.code() == Code::Usage)
            std::cerr << "\n" << kUsage;
        return cli::exitFor(e.code());
    } catch (const std::exception& e) {
        std::cerr << "bsre-sign: internal error / galat internal: " << e.what() << "\n";
        return cli::Internal;
    }
}
