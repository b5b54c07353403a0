// bsre-sign: sign and verify PDFs with the same engine as the extension.
#include "cli/args.hpp"
#include "cli/exit_codes.hpp"
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
                   [--notice [--notice-text TEXT | --notice-preset id|en|id-2026|en-2026]
                             [--notice-second-line] [--logo PNG|JPEG]
                             [--qr-url TEMPLATE] [--notice-pages all|first|last] [--no-notice-scaling]]
                   [--tsa URL [--tsa-user U --tsa-password-file F] [--tsa-timeout SECONDS]]
                   [--level B-B|B-T|B-LT|B-LTA [--allow-lower-level]]
                   [--certify [--certify-level 1|2|3]] [--overwrite] IN.pdf -o OUT.pdf
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
8 two-phase: the STATE is damaged, the input changed, or the signature does not match.
--level: B-T with --tsa, B-B without, unless given. B-LT adds the signer's and
the TSA's certificates and their OCSP responses or CRLs (DSS); B-LTA then a
document timestamp. A level that cannot be reached stops with nothing written,
or with --allow-lower-level signs at the level reached and says why.
)";

[[noreturn]] void usage(const std::string& en, const std::string& id)
{
    throw Error(Code::Usage, en, id);
}

Args parse(int argc, char** argv)
{
    static const std::vector<std::string> flags = {"json", "invisible", "overwrite", "help", "notice", "certify",
                                                   "notice-second-line", "no-notice-scaling", "allow-lower-level",
                                                   "no-ledger", "require-ledger", "sign"};
    Args a;
    if (argc < 2)
        usage("No command given.", "Perintah tidak diberikan.");
    a.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        std::string s = argv[i];
        if (s == "-o") {
            s = "--output";
        }
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

std::string trimNewline(std::string s)
{
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
        s.pop_back();
    return s;
}

crypto::PinProvider pinProvider(const Args& a)
{
    if (a.has("pin-file")) {
        std::string path = a.get("pin-file");
        return [path](const std::string&) -> std::optional<std::string> { return trimNewline(readFile(path)); };
    }
    if (a.has("pin-fd")) {
        int fd = std::atoi(a.get("pin-fd").c_str());
        return [fd](const std::string&) -> std::optional<std::string> {
            std::string pin;
            char c;
            while (::read(fd, &c, 1) == 1 && c != '\n')
                pin += c;
            return trimNewline(pin);
        };
    }
    return [](const std::string& token) -> std::optional<std::string> {
        if (!::isatty(STDIN_FILENO))
            return std::nullopt;
        std::fprintf(stderr, "PIN for / PIN untuk \"%s\": ", token.c_str());
        termios old{};
        ::tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        std::string pin;
        std::getline(std::cin, pin);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fputc('\n', stderr);
        return pin;
    };
}

std::string json(const std::string& s) { return json::quoted(s); }

std::unique_ptr<crypto::Store> openStore(const Args& a)
{
    if (!a.has("nssdb"))
        usage("--nssdb DIR is required.", "--nssdb DIR wajib diisi.");
    auto store = crypto::Store::open(a.get("nssdb"));
    if (a.has("module"))
        for (auto& m : a.opts.at("module"))
            store->loadModule(m);
    return store;
}

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

pdf::Rect parseRect(const std::string& s)
{
    double x, y, w, h;
    char tail;
    if (std::sscanf(s.c_str(), "%lf,%lf,%lf,%lf%c", &x, &y, &w, &h, &tail) != 4 || w <= 0 || h <= 0)
        usage("--rect must be X,Y,W,H in points with positive width and height.",
              "--rect harus X,Y,W,H dalam poin dengan lebar dan tinggi positif.");
    return {x, y, x + w, y + h};
}

bool samePath(const std::string& a, const std::string& b)
{
    struct stat sa{}, sb{};
    if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0)
        return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

std::optional<crypto::TsaConfig> tsaConfig(const Args& a)
{
    if (!a.has("tsa")) {
        for (const char* k : {"tsa-user", "tsa-password-file"})
            if (a.has(k))
                usage(std::string("--") + k + " needs --tsa.", std::string("--") + k + " memerlukan --tsa.");
        return std::nullopt;
    }
    crypto::TsaConfig t;
    t.url = a.get("tsa");
    if (a.has("tsa-user")) {
        if (!a.has("tsa-password-file"))
            usage("--tsa-user needs --tsa-password-file.", "--tsa-user memerlukan --tsa-password-file.");
        t.user = a.get("tsa-user");
        t.password = trimNewline(readFile(a.get("tsa-password-file")));
    }
    if (a.has("tsa-timeout"))
        t.timeout = std::chrono::seconds(std::max(1, std::atoi(a.get("tsa-timeout").c_str())));
    return t;
}

std::chrono::seconds networkTimeout(const Args& a)
{
    return std::chrono::seconds(a.has("tsa-timeout") ? std::max(1, std::atoi(a.get("tsa-timeout").c_str())) : 15);
}

void printChecks(const std::vector<crypto::CertRevocation>& checks)
{
    std::vector<std::string> shown; // a CA shared by two chains is listed once
    for (const auto& c : checks) {
        if (c.status == crypto::RevocationStatus::NotNeeded ||
            std::find(shown.begin(), shown.end(), c.certDer) != shown.end())
            continue;
        shown.push_back(c.certDer);
        std::cout << "  revocation / pencabutan: " << c.subject << ": " << crypto::statusName(c.status);
        if (!c.source.empty())
            std::cout << " (" << c.source << ")";
        if (!c.problemEn.empty())
            std::cout << " - " << c.problemEn;
        std::cout << "\n";
    }
}

void printWarnings(const std::vector<Warning>& warnings)
{
    for (const Warning& w : warnings)
        std::cout << "  warning: " << w.en << "\n  peringatan: " << w.id << "\n";
}

// IN.pdf -o OUT.pdf, never the same file.
std::pair<std::string, std::string> inputAndOutput(const Args& a)
{
    if (a.positional.size() != 1)
        usage("Give exactly one input PDF.", "Berikan tepat satu PDF masukan.");
    if (!a.has("output"))
        usage("-o OUT.pdf is required.", "-o OUT.pdf wajib diisi.");
    if (samePath(a.positional[0], a.get("output")))
        usage("The output must not be the input file: the input is never changed.",
              "Berkas keluaran tidak boleh sama dengan berkas masukan: masukan tidak pernah diubah.");
    return {a.positional[0], a.get("output")};
}

// --field, --page/--rect or --invisible (the default).
Placement placementFrom(const Args& a)
{
    Placement p;
    int modes = a.has("field") + (a.has("page") || a.has("rect")) + a.has("invisible");
    if (modes > 1)
        usage("Choose one of --field, --page/--rect or --invisible.",
              "Pilih salah satu: --field, --page/--rect atau --invisible.");
    if (a.has("field")) {
        p.kind = Placement::Kind::ExistingField;
        p.field = a.get("field");
    } else if (a.has("page") || a.has("rect")) {
        if (!a.has("page") || !a.has("rect"))
            usage("A visible signature needs both --page and --rect.",
                  "Tanda tangan yang terlihat memerlukan --page dan --rect.");
        p.kind = Placement::Kind::NewVisible;
        char* end = nullptr;
        long n = std::strtol(a.get("page").c_str(), &end, 10);
        if (!end || *end)
            usage("--page must be a number.", "--page harus berupa angka.");
        p.page = static_cast<int>(n);
        p.rect = parseRect(a.get("rect"));
    }
    return p;
}

// What the signature says and where it goes: shared by sign and prepare.
SignRequest appearanceRequest(const Args& a)
{
    SignRequest rq;
    std::tie(rq.input, rq.output) = inputAndOutput(a);
    rq.overwrite = a.has("overwrite");
    rq.certify = a.has("certify") || a.has("certify-level");
    if (a.has("certify-level")) {
        const std::string l = a.get("certify-level");
        if (l != "1" && l != "2" && l != "3")
            usage("--certify-level takes 1 (no changes), 2 (form filling and signing) or 3 (also annotations).",
                  "--certify-level menerima 1 (tanpa perubahan), 2 (pengisian formulir dan penandatanganan) atau 3 (juga anotasi).");
        rq.certifyLevel = l[0] - '0';
    }
    rq.placement = placementFrom(a);
    rq.reason = a.get("reason");
    rq.location = a.get("location");
    rq.contact = a.get("contact");
    rq.imagePath = a.get("image");
    if (a.has("font"))
        rq.fontFamily = a.get("font");
    for (const char* k : {"notice-text", "notice-preset", "notice-second-line", "logo", "qr-url", "notice-pages",
                          "no-notice-scaling"})
        if (a.has(k) && !a.has("notice"))
            usage(std::string("--") + k + " needs --notice.", std::string("--") + k + " memerlukan --notice.");
    return rq;
}

std::optional<Level> levelFrom(const Args& a, bool haveTsa)
{
    if (!a.has("level"))
        return std::nullopt;
    auto level = parseLevel(a.get("level"));
    if (!level)
        usage("--level must be B-B, B-T, B-LT or B-LTA.", "--level harus B-B, B-T, B-LT atau B-LTA.");
    if (*level >= Level::BT && !haveTsa)
        usage("Level " + a.get("level") + " needs a timestamp server: --tsa URL.",
              "Level " + a.get("level") + " memerlukan server stempel waktu: --tsa URL.");
    return level;
}

// The QR code's address: {file} (the input's file name) and {sha256} (of its bytes). NSS must be up.
std::string qrText(std::string url, const std::string& input)
{
    const std::string file = input.substr(input.rfind('/') + 1);
    for (size_t at; (at = url.find("{file}")) != std::string::npos;)
        url.replace(at, 6, file);
    if (url.find("{sha256}") != std::string::npos) {
        const std::string hex = crypto::hexUpper(crypto::hash(crypto::HashAlg::Sha256, readFile(input)));
        for (size_t at; (at = url.find("{sha256}")) != std::string::npos;)
            url.replace(at, 8, hex);
    }
    return url;
}

std::optional<NoticeRequest> noticeFrom(const Args& a, const std::string& input)
{
    if (!a.has("notice"))
        return std::nullopt;
    NoticeRequest n;
    if (a.has("notice-preset")) {
        n.style.paragraphs = noticePreset(a.get("notice-preset"));
        if (n.style.paragraphs.empty() || a.has("notice-text"))
            usage("--notice-preset is id, en, id-2026 or en-2026 (and not with --notice-text).",
                  "--notice-preset adalah id, en, id-2026 atau en-2026 (dan tidak bersama --notice-text).");
    } else {
        n.style.paragraphs.push_back(a.has("notice-text") ? a.get("notice-text") : kDefaultNotice);
    }
    if (a.has("notice-second-line"))
        n.style.paragraphs.push_back(kUuIteLine);
    n.style.logoPath = a.has("logo") ? a.get("logo") : std::string(BSRE_DEFAULT_LOGO);
    if (a.has("qr-url"))
        n.style.qrText = qrText(a.get("qr-url"), input);
    const std::string pages = a.has("notice-pages") ? a.get("notice-pages") : "all";
    if (pages == "all")
        n.pages = pdf::NoticePages::All;
    else if (pages == "first")
        n.pages = pdf::NoticePages::First;
    else if (pages == "last")
        n.pages = pdf::NoticePages::Last;
    else
        usage("--notice-pages must be all, first or last.", "--notice-pages harus all, first atau last.");
    n.allowScaling = !a.has("no-notice-scaling");
    return n;
}

void printSigned(const SignOutcome& out)
{
    std::cout << "Signed / Ditandatangani: " << out.output << "\n"
              << "  signer / penanda tangan: " << out.signerName << "\n"
              << "  time / waktu:            " << out.signingTime << "\n"
              << "  field / kolom:           " << out.fieldName << "\n"
              << "  level / level:           PAdES " << out.level << "\n"
              << "  bytes added:             " << out.bytesAdded << "\n";
    if (!out.timestampTime.empty())
        std::cout << "  timestamp / stempel:     " << out.timestampTime << " (" << out.tsaName << ")\n";
    if (!out.stampedPages.empty())
        std::cout << "  notice / keterangan:     " << out.stampedPages.size() << " page(s) / halaman"
                  << (out.scaledPages.empty() ? "" : ", " + std::to_string(out.scaledPages.size()) +
                                                         " scaled down / diperkecil")
                  << "\n";
    if (out.docTimestamp)
        std::cout << "  document timestamp:      " << out.docTimestamp->time << " (" << out.docTimestamp->tsaName
                  << "), field " << out.docTimestamp->field << "\n";
    if (out.level == "B-LT" || out.level == "B-LTA")
        std::cout << "  DSS / LTV:               " << out.dss.certsAdded << " certificate(s), " << out.dss.ocspsAdded
                  << " OCSP, " << out.dss.crlsAdded << " CRL\n";
    printChecks(out.revocationChecks);
    if (!out.levelNoteEn.empty())
        std::cout << "  LOWER LEVEL: " << out.levelNoteEn << "\n  LEVEL LEBIH RENDAH: " << out.levelNoteId << "\n";
    printWarnings(out.warnings);
}

// Signs through `steps` and records the attempt in the usage ledger: signed
// (with a warning when the ledger could not be written), or refused.
template <class Steps>
int recorded(LedgerAttempt& attempt, Steps&& steps)
{
    try {
        SignOutcome out = steps();
        if (auto w = attempt.signedAs(out.level, out.pages))
            out.warnings.push_back(*w);
        printSigned(out);
        return cli::Ok;
    } catch (const Error& e) {
        attempt.refused(e);
        throw;
    }
}

int cmdSign(const Args& a)
{
    requireKnown(a, {"nssdb", "module", "cert", "pin-file", "pin-fd", "field", "page", "rect", "invisible",
                     "reason", "location", "contact", "image", "output", "overwrite", "font", "notice",
                     "notice-text", "notice-preset", "notice-second-line", "logo", "qr-url", "notice-pages",
                     "no-notice-scaling",
                     "tsa", "tsa-user", "tsa-password-file", "tsa-timeout", "level", "certify", "certify-level",
                     "allow-lower-level", "ledger", "no-ledger", "require-ledger"});
    SignRequest rq = appearanceRequest(a);
    if (!a.has("cert"))
        usage("--cert is required (see: bsre-sign certs).", "--cert wajib diisi (lihat: bsre-sign certs).");
    rq.tsa = tsaConfig(a);
    rq.level = levelFrom(a, rq.tsa.has_value());
    if (rq.level == Level::BB)
        rq.tsa.reset();
    rq.allowLowerLevel = a.has("allow-lower-level");
    rq.revocation.timeout = networkTimeout(a);
    LedgerAttempt attempt = cliAttempt(a, rq.level ? levelName(*rq.level) : (rq.tsa ? "B-T" : "B-B"),
                                       rq.placement.kind != Placement::Kind::Invisible, a.has("notice"));
    std::unique_ptr<crypto::Store> store; // outlives the attempt's catch: a refusal is recorded with NSS up
    return recorded(attempt, [&] {
        store = openStore(a); // NSS is up from here (the QR's SHA-256 uses it)
        rq.notice = noticeFrom(a, rq.input);
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
                     "image", "output", "overwrite", "font", "notice", "notice-text", "notice-preset", "notice-second-line", "logo",
                     "qr-url", "notice-pages", "no-notice-scaling", "certify", "certify-level", "level"});
    SignRequest rq = appearanceRequest(a);
    const auto level = a.has("level") ? parseLevel(a.get("level")) : std::optional<Level>(Level::BT);
    if (!level)
        usage("--level must be B-B, B-T, B-LT or B-LTA.", "--level harus B-B, B-T, B-LT atau B-LTA.");
    auto nss = crypto::TrustContext::none(); // NSS without a database: no key is used here
    rq.notice = noticeFrom(a, rq.input);
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
