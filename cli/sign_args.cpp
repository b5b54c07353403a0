// The options `sign`, `prepare`, `complete` and `extend` share, read from the
// command line into the engine's requests; and how a signing is printed.
#include "cli/sign_args.hpp"

#include "common/atomic_file.hpp"
#include "core/notice_text.hpp"
#include "core/verification_url.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sys/stat.h>
#include <termios.h>
#include <tuple>
#include <unistd.h>

namespace bsre::cli {

std::string trimNewline(std::string s)
{
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
        s.pop_back();
    return s;
}

crypto::PinProvider pinProvider(const Args& a)
{
    return secretProvider(a, [](const std::string& token) { return "PIN for / PIN untuk \"" + token + "\": "; });
}

crypto::PinProvider secretProvider(const Args& a, std::function<std::string(const std::string&)> prompt)
{
    if (a.has("pin-file")) {
        std::string path = a.get("pin-file");
        return [path](const std::string&) -> std::optional<std::string> { return trimNewline(readFile(path)); };
    }
    if (a.has("pin-fd")) {
        int fd = std::atoi(a.get("pin-fd").c_str());
        return [fd](const std::string&) -> std::optional<std::string> {
            std::string pin;
            pin.reserve(256); // no reallocation leaves a copy of its first letters behind
            char c;
            while (::read(fd, &c, 1) == 1 && c != '\n')
                pin += c;
            return trimNewline(pin);
        };
    }
    return [prompt](const std::string& token) -> std::optional<std::string> {
        if (!::isatty(STDIN_FILENO))
            return std::nullopt;
        std::fputs(prompt(token).c_str(), stderr);
        termios old{};
        ::tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        std::string pin;
        pin.reserve(256);
        std::getline(std::cin, pin);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fputc('\n', stderr);
        return pin;
    };
}

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

pdf::Rect parseRect(const std::string& s)
{
    double x, y, w, h;
    char tail;
    if (std::sscanf(s.c_str(), "%lf,%lf,%lf,%lf%c", &x, &y, &w, &h, &tail) != 4 || w <= 0 || h <= 0)
        usage("--rect must be X,Y,W,H in points with positive width and height.",
              "--rect harus X,Y,W,H dalam poin dengan lebar dan tinggi positif.");
    return {x, y, x + w, y + h};
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

SignRequest appearanceRequest(const Args& a)
{
    SignRequest rq = appearanceOptions(a);
    std::tie(rq.input, rq.output) = inputAndOutput(a);
    return rq;
}

SignRequest appearanceOptions(const Args& a)
{
    SignRequest rq;
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
    blockOptions(a, rq);
    for (const char* k : {"notice-text", "notice-preset", "notice-second-line", "logo", "notice-pages",
                          "no-notice-scaling"})
        if (a.has(k) && !a.has("notice"))
            usage(std::string("--") + k + " needs --notice.", std::string("--") + k + " memerlukan --notice.");
    if (a.has("qr-url") && !a.has("notice") && rq.appearance != AppearanceStyle::Tnde)
        usage("--qr-url needs --notice or --appearance tnde.",
              "--qr-url memerlukan --notice atau --appearance tnde.");
    return rq;
}

void blockOptions(const Args& a, SignRequest& rq)
{
    const std::string style = a.has("appearance") ? a.get("appearance") : "standard";
    if (style != "standard" && style != "tnde" && style != "image")
        usage("--appearance must be standard, tnde or image.", "--appearance harus standard, tnde atau image.");
    rq.appearance = style == "tnde" ? AppearanceStyle::Tnde : style == "image" ? AppearanceStyle::Image
                                                                               : AppearanceStyle::Standard;
    if (rq.appearance == AppearanceStyle::Image && !a.has("image"))
        usage("--appearance image needs --image PNG (the image is the whole signature block).",
              "--appearance image memerlukan --image PNG (gambar itu adalah seluruh blok tanda tangan).");
    rq.title = a.get("title");
    const bool invisible = rq.placement.kind == Placement::Kind::Invisible;
    if (invisible && a.has("title"))
        usage("--title needs a visible signature (--page and --rect, or --field).",
              "--title memerlukan tanda tangan yang terlihat (--page dan --rect, atau --field).");
    if (invisible && rq.appearance == AppearanceStyle::Tnde)
        usage("--appearance tnde needs a visible signature (--page and --rect, or --field), not --invisible.",
              "--appearance tnde memerlukan tanda tangan yang terlihat (--page dan --rect, atau --field), bukan "
              "--invisible.");
    if (a.has("image") && rq.appearance == AppearanceStyle::Tnde)
        usage("--image is not drawn in the tnde specimen: its QR code takes the image's place.",
              "--image tidak ditampilkan pada spesimen tnde: kode QR menempati tempat gambar.");
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

void inputOptions(const Args& a, SignRequest& rq)
{
    const bool tnde = rq.appearance == AppearanceStyle::Tnde;
    std::string qr;
    if (a.has("qr-url") || tnde)
        qr = verificationUrl(a.has("qr-url") ? a.get("qr-url") : kDefaultVerificationUrl,
                             rq.input.substr(rq.input.rfind('/') + 1), rq.input);
    rq.notice = noticeFrom(a, a.has("qr-url") ? qr : "");
    if (tnde)
        rq.qrText = qr;
}

std::string defaultLogo()
{
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = exe.parent_path().parent_path() / "share/bsre-sign/placeholder-logo.png";
        if (std::filesystem::exists(installed, ec))
            return installed.string();
    }
    return BSRE_DEFAULT_LOGO;
}

std::optional<NoticeRequest> noticeFrom(const Args& a, const std::string& qrText)
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
    n.style.logoPath = a.has("logo") ? a.get("logo") : defaultLogo();
    n.style.qrText = qrText;
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

void signingOptions(const Args& a, SignRequest& rq)
{
    if (!a.has("cert"))
        usage("--cert is required (see: bsre-sign certs).", "--cert wajib diisi (lihat: bsre-sign certs).");
    rq.tsa = tsaConfig(a);
    rq.level = levelFrom(a, rq.tsa.has_value());
    if (rq.level == Level::BB)
        rq.tsa.reset();
    rq.allowLowerLevel = a.has("allow-lower-level");
    rq.revocation.timeout = networkTimeout(a);
}

} // namespace bsre::cli
