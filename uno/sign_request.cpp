#include "sign_request.hpp"

#include "core/notice_text.hpp"
#include "core/verification_url.hpp"
#include "pdf/reader.hpp"

#include <com/sun/star/deployment/PackageInformationProvider.hpp>
#include <com/sun/star/graphic/GraphicProvider.hpp>
#include <com/sun/star/graphic/XGraphicProvider.hpp>
#include <com/sun/star/task/InteractionHandler.hpp>
#include <com/sun/star/task/PasswordContainer.hpp>
#include <com/sun/star/task/XPasswordContainer2.hpp>

#include <cctype>
#include <tuple>
#include <cstring>
#include <filesystem>

namespace bsre::ext {

using namespace css;
namespace fs = std::filesystem;

namespace {

// For matching a suggested signer with a certificate: trimmed, inner runs of
// white space as one space, ASCII letters lower-case.
std::string normalised(const std::string& s)
{
    std::string out;
    bool space = false;
    for (unsigned char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0) {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
}

} // namespace

std::optional<size_t> lineForCertificate(const std::vector<SignatureLine>& lines, const crypto::CertInfo& cert)
{
    const std::string name = normalised(cert.commonName), email = normalised(cert.email);
    for (size_t i = 0; i < lines.size(); ++i) {
        if (!name.empty() && normalised(lines[i].suggestedName) == name)
            return i;
        if (!email.empty() && normalised(lines[i].suggestedEmail) == email)
            return i;
    }
    return std::nullopt;
}

RequestBuilder::RequestBuilder(uno::Reference<uno::XComponentContext> ctx, const Settings& settings,
                               std::string scratchDir)
    : ctx_(std::move(ctx)), settings_(settings), scratchDir_(std::move(scratchDir))
{
}

void RequestBuilder::output(SignRequest& rq, const std::string& output, const std::string& pdfPath,
                            const std::string& sourcePath, bool overwrite) const
{
    rq.output = output;
    if (rq.output.empty())
        fail(Code::Io, "The output location is not a local file.", "Lokasi keluaran bukan berkas lokal.");
    std::error_code ec;
    if (fs::equivalent(rq.output, pdfPath, ec) || fs::equivalent(rq.output, sourcePath, ec))
        fail(Code::OutputIsInput, "The output must not replace the original file.",
             "Berkas keluaran tidak boleh menggantikan berkas asli.");
    if (!overwrite && fs::exists(rq.output))
        fail(Code::OutputExists, "The output file " + rq.output + " already exists; nothing was written.",
             "Berkas keluaran " + rq.output + " sudah ada; tidak ada yang ditulis.");
    rq.overwrite = overwrite;
}

void RequestBuilder::level(SignRequest& rq, const LevelPlan& plan, bool interactive) const
{
    rq.level = plan.signAt;
    rq.allowLowerLevel = plan.allowLower;
    if (plan.timestamp) {
        crypto::TsaConfig tsa;
        tsa.url = settings_.tsaUrl;
        std::tie(tsa.user, tsa.password) = storedCredentials(ctx_, tsa.url, interactive);
        rq.tsa = tsa;
    }
}

void RequestBuilder::texts(SignRequest& rq, const JobOptions& o) const
{
    rq.reason = o.reason.value_or(settings_.defaultReason);
    rq.location = o.location.value_or(settings_.defaultLocation);
    rq.contact = o.contact.value_or("");
}

std::string RequestBuilder::lineFields(SignRequest& rq, const std::vector<SignatureLine>& lines, const JobOptions& o,
                                       const std::optional<crypto::CertInfo>& chosen) const
{
    if (lines.empty())
        return {};
    LineFields lf;
    lf.markerPrefix = kSignatureLineMarker;
    for (const SignatureLine& l : lines)
        lf.lines.push_back({l.id, l.suggestedName, l.suggestedTitle});
    if (!o.newSignature) {
        if (!o.field.empty())
            lf.sign = o.field; // checked against the lines by SignJob::signDocument
        else if (auto i = chosen ? lineForCertificate(lines, *chosen) : std::nullopt)
            lf.sign = lines[*i].id;
        else
            lf.sign = lines.front().id; // document order: the first signer's line
    }
    const std::string lineSigned = lf.sign;
    rq.lineFields = std::move(lf);
    return lineSigned;
}

void RequestBuilder::placement(SignRequest& rq, const JobOptions& o, const std::string& lineSigned) const
{
    if (!lineSigned.empty()) {
        // The engine puts the signature into the line's field, visibly.
        rq.placement.kind = Placement::Kind::Invisible;
        rq.imagePath = logoPng();
    } else if (!o.field.empty() && !o.newSignature) {
        // An existing empty field (a later signer of a signed PDF): visible
        // when the field has a rectangle.
        rq.placement.kind = Placement::Kind::ExistingField;
        rq.placement.field = o.field;
        rq.imagePath = logoPng();
    } else if (o.visible.value_or(settings_.visible)) {
        rq.placement.page = o.page;
        if (o.rect) {
            rq.placement.kind = Placement::Kind::NewVisible;
            rq.placement.rect = *o.rect;
        } else { // the engine's default size, in the chosen corner
            rq.placement.kind = Placement::Kind::CornerVisible;
            rq.placement.corner = parseCorner(o.position);
        }
        rq.imagePath = logoPng(); // the BSrE logo beside the signer's name
    }
}

void RequestBuilder::appearance(SignRequest& rq, const JobOptions& o, const std::string& sourcePath) const
{
    const std::string style = o.appearanceStyle.value_or(settings_.appearanceStyle);
    if (style != "Standard" && style != "Tnde")
        fail(Code::BadSetting,
             "The AppearanceStyle setting \"" + style + "\" is not one of Standard, Tnde.",
             "Pengaturan AppearanceStyle \"" + style + "\" bukan salah satu dari Standard, Tnde.");
    rq.title = o.title.value_or("");
    if (style != "Tnde")
        return;
    rq.appearance = AppearanceStyle::Tnde;
    if (rq.notice && !rq.notice->style.qrText.empty())
        rq.qrText = rq.notice->style.qrText; // the same template, filled in once (a {sha256} reads the whole PDF)
    else
        rq.qrText = verificationUrl(settings_.qrUrlTemplate.empty() ? kDefaultVerificationUrl : settings_.qrUrlTemplate,
                                    fs::path(sourcePath).filename().string(), rq.input);
}

// Asked for explicitly, certification and the notice are passed on (the
// engine says why it did not add them to a signed PDF); from the settings, a
// later signer (the next Signature Line) gets neither and no warning about them.
void RequestBuilder::certificationAndNotice(SignRequest& rq, const JobOptions& o, const std::string& sourcePath) const
{
    std::optional<bool> alreadySigned;
    auto signedBefore = [&] {
        if (!alreadySigned)
            alreadySigned = pdf::Reader::open(rq.input)->model().signatureCount > 0;
        return *alreadySigned;
    };
    if (o.certify)
        rq.certify = *o.certify;
    else if (settings_.certification)
        rq.certify = !signedBefore();

    if (o.notice ? *o.notice : settings_.noticeEnabled && !signedBefore())
        rq.notice = notice(rq.input, sourcePath);
}

std::string RequestBuilder::logoPng() const
{
    const std::string& logo = settings_.logoPath;
    auto endsWith = [](const std::string& s, const char* e) {
        std::string x = s;
        for (char& c : x)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return x.size() >= std::strlen(e) && x.compare(x.size() - std::strlen(e), std::string::npos, e) == 0;
    };
    // A configured logo that is not there is IT's mistake to hear about, not
    // a reason to stamp the placeholder on an official letter unnoticed.
    if (!logo.empty() && !fs::exists(logo))
        fail(Code::LogoInvalid,
             "The logo file " + logo + " does not exist on this computer; ask IT to check Notice/LogoPath.",
             "Berkas logo " + logo + " tidak ada di komputer ini; minta TI memeriksa Notice/LogoPath.");
    if (!logo.empty()) {
        if (endsWith(logo, ".png"))
            return logo;
        // SVG (or another format LibreOffice reads): rasterised through LibreOffice.
        try {
            auto provider = graphic::GraphicProvider::create(ctx_);
            auto g = provider->queryGraphic(seq<beans::PropertyValue>({prop("URL", uno::Any(fileUrl(logo)))}));
            const std::string png = scratchDir_ + "/logo.png";
            provider->storeGraphic(g, seq<beans::PropertyValue>({prop("URL", uno::Any(fileUrl(png))),
                                                                 prop("MimeType", uno::Any(OUString("image/png")))}));
            if (fs::exists(png))
                return png;
        } catch (const uno::Exception&) {
        }
        fail(Code::LogoInvalid, "The logo file " + logo + " could not be read; ask IT to check Notice/LogoPath.",
             "Berkas logo " + logo + " tidak dapat dibaca; minta TI memeriksa Notice/LogoPath.");
    }
    try {
        OUString root = deployment::PackageInformationProvider::get(ctx_)->getPackageLocation("id.bsresign.libreoffice");
        std::string placeholder = systemPath(root + "/icons/placeholder-logo.png");
        if (!placeholder.empty() && fs::exists(placeholder))
            return placeholder;
    } catch (const uno::Exception&) {
    }
    return {};
}

NoticeRequest RequestBuilder::notice(const std::string& pdfPath, const std::string& sourcePath) const
{
    NoticeRequest n;
    n.style.paragraphs = noticePreset(settings_.noticePreset);
    if (n.style.paragraphs.empty())
        n.style.paragraphs.push_back(settings_.noticeText.empty() ? std::string(kDefaultNotice) : settings_.noticeText);
    if (settings_.noticeSecondLine)
        n.style.paragraphs.push_back(settings_.noticeSecondLineText.empty() ? std::string(kUuIteLine)
                                                                            : settings_.noticeSecondLineText);
    n.style.logoPath = logoPng();
    if (!settings_.qrUrlTemplate.empty())
        n.style.qrText = verificationUrl(settings_.qrUrlTemplate, fs::path(sourcePath).filename().string(), pdfPath);
    n.pages = settings_.noticePages == "first"  ? pdf::NoticePages::First
              : settings_.noticePages == "last" ? pdf::NoticePages::Last
                                                : pdf::NoticePages::All;
    n.allowScaling = settings_.allowScaling;
    return n;
}

// HTTP basic credentials from LibreOffice's password container (a record for
// the service's URL), so they never sit in the configuration. A persistent
// record may need the master password: asked only when interactive.
std::pair<std::string, std::string> storedCredentials(const uno::Reference<uno::XComponentContext>& ctx,
                                                      const std::string& url, bool interactive)
{
    try {
        uno::Reference<task::XPasswordContainer2> container = task::PasswordContainer::create(ctx);
        uno::Reference<task::XInteractionHandler> handler;
        if (interactive)
            handler.set(task::InteractionHandler::createWithParent(ctx, nullptr), uno::UNO_QUERY);
        task::UrlRecord record = container->find(toU(url), handler);
        if (record.UserList.hasElements()) {
            const task::UserRecord& user = record.UserList[0];
            return {fromU(user.UserName), user.Passwords.hasElements() ? fromU(user.Passwords[0]) : std::string()};
        }
    } catch (const uno::Exception&) {
        // No container or no master password given: the service is asked
        // without credentials and says so (HTTP 401) if it needs them.
    }
    return {};
}

} // namespace bsre::ext
