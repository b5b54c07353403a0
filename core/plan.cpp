#include "core/plan.hpp"

#include "core/dates.hpp"
#include "core/sign.hpp"
#include "core/verification_url.hpp"
#include "pdf/form.hpp"
#include "pdf/syntax.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace bsre {

namespace {

std::string joinedOr(const std::vector<std::string>& names, const char* none)
{
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? none : out;
}

// 220 x 70 pt, half an inch from the page's edges, above the notice band
// (10 + 40 + 4 pt) when one is stamped now or may be there from the first
// signature.
pdf::Rect cornerRect(const pdf::Rect& b, Placement::Corner c, bool notice)
{
    const bool top = c == Placement::Corner::TopRight || c == Placement::Corner::TopLeft;
    const bool left = c == Placement::Corner::BottomLeft || c == Placement::Corner::TopLeft;
    const double y = top ? b.y2 - 36 - 70 : b.y1 + (notice ? 60 : 36);
    const double x = left ? b.x1 + 36 : b.x2 - 36 - 220;
    return {x, y, x + 220, y + 70};
}

void placeInField(const pdf::DocumentModel& m, const std::string& name, SignaturePlan& p)
{
    const pdf::FieldInfo* f = nullptr;
    std::vector<std::string> empty;
    for (const auto& x : m.fields) {
        if (x.name == name)
            f = &x;
        if (x.isSignature && !x.isSigned)
            empty.push_back(x.name);
    }
    if (!f || !f->isSignature)
        fail(Code::FieldNotFound,
             "The PDF has no signature field named \"" + name + "\" (empty fields: " + joinedOr(empty, "none") + ").",
             "PDF tidak memiliki kolom tanda tangan bernama \"" + name + "\" (kolom kosong: " +
                 joinedOr(empty, "tidak ada") + ").");
    if (f->isSigned)
        fail(Code::FieldSigned, "The signature field \"" + f->name + "\" is already signed.",
             "Kolom tanda tangan \"" + f->name + "\" sudah ditandatangani.");
    p.existing = *f;
    p.fieldName = f->name;
    p.pageIndex = f->page >= 0 ? f->page : 0;
    p.rect = f->rect;
    p.visible = p.rect.width() > 0 && p.rect.height() > 0;
}

void placeOnPage(const pdf::DocumentModel& m, const SignRequest& rq, SignaturePlan& p)
{
    const int n = static_cast<int>(m.pages.size()), page = rq.placement.page;
    if (page < 1 || page > n)
        fail(Code::PageOutOfRange,
             "Page " + std::to_string(page) + " does not exist; the PDF has " + std::to_string(n) + " page(s).",
             "Halaman " + std::to_string(page) + " tidak ada; PDF ini memiliki " + std::to_string(n) + " halaman.");
    p.pageIndex = page - 1;
    const pdf::Rect& box = m.pages[p.pageIndex].cropBox;
    const pdf::Rect r = rq.placement.kind == Placement::Kind::NewVisible
                            ? rq.placement.rect
                            : cornerRect(box, rq.placement.corner, rq.notice.has_value() || m.signatureCount > 0);
    constexpr double eps = 0.01;
    if (r.width() <= 0 || r.height() <= 0 || r.x1 < box.x1 - eps || r.y1 < box.y1 - eps || r.x2 > box.x2 + eps ||
        r.y2 > box.y2 + eps)
        fail(Code::RectOffPage,
             "The signature rectangle " + pdf::rectSyntax(r) + " is not inside page " + std::to_string(page) + " " +
                 pdf::rectSyntax(box) + ".",
             "Persegi tanda tangan " + pdf::rectSyntax(r) + " tidak berada di dalam halaman " + std::to_string(page) +
                 " " + pdf::rectSyntax(box) + ".");
    p.rect = r;
    p.visible = true;
}

struct LineSpot {
    std::string id;
    int page;
    pdf::Rect rect;
};

const LineFields::Line* lineInfo(const LineFields& lf, const std::string& id)
{
    for (const auto& l : lf.lines)
        if (l.id == id)
            return &l;
    return nullptr;
}

// In page order, the first occurrence of each line; a line repeated on every
// page (header or footer) becomes one field and a warning.
std::vector<LineSpot> lineSpots(const std::vector<pdf::MarkerAnnot>& markers, const std::string& prefix,
                                std::vector<Warning>& warnings)
{
    std::vector<LineSpot> spots;
    std::map<std::string, int> pagesOf;
    for (const auto& mk : markers) {
        const std::string id = mk.name.substr(prefix.size());
        if (pagesOf[id]++ == 0)
            spots.push_back({id, mk.page, mk.rect});
    }
    for (const auto& [id, n] : pagesOf)
        for (const auto& spot : spots)
            if (n > 1 && spot.id == id)
                warnings.push_back({WarningCode::LineRepeats,
                                    "The signature line \"" + id + "\" repeats on " + std::to_string(n) +
                                        " pages (header or footer); it became one field, on page " +
                                        std::to_string(spot.page + 1) + ".",
                                    "Baris tanda tangan \"" + id + "\" muncul di " + std::to_string(n) +
                                        " halaman (kepala atau kaki halaman); baris itu menjadi satu kolom, di "
                                        "halaman " +
                                        std::to_string(spot.page + 1) + "."});
    return spots;
}

bool samePlace(const LineSpot& a, const LineSpot& b)
{
    return a.page == b.page && std::fabs(a.rect.x1 - b.rect.x1) < 1 && std::fabs(a.rect.y1 - b.rect.y1) < 1 &&
           std::fabs(a.rect.x2 - b.rect.x2) < 1 && std::fabs(a.rect.y2 - b.rect.y2) < 1;
}

void warnOverlaps(const std::vector<LineSpot>& spots, std::vector<Warning>& warnings)
{
    for (size_t i = 0; i < spots.size(); ++i)
        for (size_t j = i + 1; j < spots.size(); ++j) {
            const auto &a = spots[i], &b = spots[j];
            if (samePlace(a, b))
                warnings.push_back(
                    {WarningCode::LinesOverlap,
                     "The signature lines \"" + a.id + "\" and \"" + b.id + "\" are at the same position on page " +
                         std::to_string(a.page + 1) + "; their fields overlap.",
                     "Baris tanda tangan \"" + a.id + "\" dan \"" + b.id + "\" berada di posisi yang sama di halaman " +
                         std::to_string(a.page + 1) + "; kolomnya saling bertumpuk."});
        }
}

WaitingLine waitingLine(const LineSpot& spot, const LineFields& lf, const std::string& fontFamily)
{
    WaitingLine w{spot.id, spot.page, spot.rect, {}, {}};
    w.style.lines.push_back("Belum ditandatangani / Not yet signed");
    if (const auto* l = lineInfo(lf, spot.id)) {
        if (!l->suggestedName.empty())
            w.style.lines.push_back(l->suggestedName);
        if (!l->suggestedTitle.empty())
            w.style.lines.push_back(l->suggestedTitle);
        w.title = l->suggestedTitle;
    }
    w.style.fontFamily = fontFamily;
    return w;
}

// The line signed now takes the signature; the others wait for later signers.
void planLines(const pdf::Reader& reader, const SignRequest& rq, SignaturePlan& p, std::string& lineTitle)
{
    const LineFields& lf = *rq.lineFields;
    p.markers = reader.markers(lf.markerPrefix);
    const std::vector<LineSpot> spots = lineSpots(p.markers, lf.markerPrefix, p.warnings);
    warnOverlaps(spots, p.warnings);
    if (!lf.sign.empty()) {
        auto it = std::find_if(spots.begin(), spots.end(), [&](const LineSpot& l) { return l.id == lf.sign; });
        if (it == spots.end()) {
            std::vector<std::string> ids;
            for (const auto& l : spots)
                ids.push_back(l.id);
            fail(Code::FieldNotFound,
                 "The document has no signature line \"" + lf.sign + "\" (lines: " + joinedOr(ids, "none") + ").",
                 "Dokumen tidak memiliki baris tanda tangan \"" + lf.sign + "\" (baris: " +
                     joinedOr(ids, "tidak ada") + ").");
        }
        p.existing.reset();
        p.pageIndex = it->page;
        p.rect = it->rect;
        p.visible = true;
        p.fieldName = it->id;
        if (const auto* l = lineInfo(lf, it->id))
            lineTitle = l->suggestedTitle;
    }
    for (const auto& spot : spots)
        if (spot.id != lf.sign)
            p.waiting.push_back(waitingLine(spot, lf, rq.fontFamily));
}

pdf::AppearanceStyle standardAppearance(const SignRequest& rq, const std::string& signer, const std::string& title,
                                        int off)
{
    pdf::AppearanceStyle style;
    style.lines.push_back(signer);
    if (!title.empty())
        style.lines.push_back(title);
    style.lines.push_back("Ditandatangani secara elektronik");
    style.lines.push_back("Waktu: " + displayDate(rq.now, off));
    if (!rq.reason.empty())
        style.lines.push_back("Alasan: " + rq.reason);
    if (!rq.location.empty())
        style.lines.push_back("Lokasi: " + rq.location);
    style.imagePath = rq.imagePath;
    return style;
}

// Tata naskah dinas elektronik: where the wet signature was, the QR code to
// the verification page and who signed, as what. Indonesian whatever the
// notice's language: it is the form of Indonesian official letters.
pdf::AppearanceStyle tndeAppearance(const SignRequest& rq, const std::string& signer, const std::string& title)
{
    pdf::AppearanceStyle style;
    style.lines.push_back("Ditandatangani secara elektronik oleh:");
    if (!title.empty())
        style.lines.push_back(title);
    style.lines.push_back(signer);
    style.qrText = rq.qrText.empty() ? kDefaultVerificationUrl : rq.qrText;
    style.clipOverflow = false; // a specimen never shows a cut word
    style.centreText = true;    // beside the QR code's middle
    return style;
}

// The title shown: the request's, else the line's or the field's.
pdf::AppearanceStyle appearanceOf(const SignRequest& rq, const std::string& signer, const std::string& lineTitle,
                                  int off)
{
    const std::string& title = rq.title.empty() ? lineTitle : rq.title;
    if (rq.appearance == AppearanceStyle::Image) {
        pdf::AppearanceStyle image;
        image.imagePath = rq.imagePath;
        image.border = false;
        return image;
    }
    pdf::AppearanceStyle style = rq.appearance == AppearanceStyle::Tnde ? tndeAppearance(rq, signer, title)
                                                                        : standardAppearance(rq, signer, title, off);
    style.fontFamily = rq.fontFamily;
    return style;
}

// A document certified with DocMDP P1 permits no change at all (ISO 32000-1
// 12.8.2.2): another signature would break its certification.
void refuseIfCertifiedNoChanges(const pdf::Reader& reader)
{
    if (reader.model().signatureCount == 0)
        return;
    for (const pdf::SignatureRecord& s : reader.signatures())
        if (s.docMdp == 1)
            fail(Code::CertifiedNoChanges, Where{reader.model().path},
                 "The PDF is certified with \"no changes allowed\" (by " + s.field +
                     "): another signature would break its certification. Nothing was written.",
                 "PDF ini disertifikasi dengan \"tidak boleh ada perubahan\" (oleh " + s.field +
                     "): tanda tangan lain akan merusak sertifikasinya. Tidak ada yang ditulis.");
}

// Certification and the notice go with the first signature only.
void planFirstSignatureOnly(const SignRequest& rq, int signatures, SignaturePlan& p)
{
    p.certify = rq.certify && signatures == 0;
    p.certifyLevel = rq.certifyLevel;
    if (rq.certify && !p.certify)
        p.warnings.push_back(
            {WarningCode::NotCertified,
             "The PDF is already signed, so it was not certified (only the first signature can be).",
             "PDF ini sudah ditandatangani, jadi tidak disertifikasi (hanya tanda tangan pertama yang dapat "
             "disertifikasi)."});
    if (rq.notice && signatures == 0)
        p.notice = rq.notice;
    else if (rq.notice)
        p.warnings.push_back(
            {WarningCode::NoticeNotRepeated,
             "The PDF is already signed, so the notice was not added again (it would invalidate the earlier "
             "signatures).",
             "PDF ini sudah ditandatangani, jadi keterangan tidak ditambahkan lagi (tanda tangan sebelumnya akan "
             "menjadi tidak sah)."});
}

} // namespace

void LevelGoal::lower(Level to, const std::string& en, const std::string& id, Code code)
{
    if (!allowLower)
        fail(code, en + " Nothing was written.", id + " Tidak ada yang ditulis.");
    noteEn += (noteEn.empty() ? "" : " ") + en;
    noteId += (noteId.empty() ? "" : " ") + id;
    target = std::min(target, to);
}

LevelGoal levelGoal(std::optional<Level> asked, bool allowLower, bool haveTsa)
{
    LevelGoal g;
    g.target = asked ? *asked : (haveTsa ? Level::BT : Level::BB);
    g.allowLower = allowLower;
    if (g.target >= Level::BT && !haveTsa)
        fail(Code::Usage, std::string("Level ") + levelName(g.target) + " needs a timestamp server.",
             std::string("Level ") + levelName(g.target) + " memerlukan server stempel waktu.");
    return g;
}

SignaturePlan planSignature(const pdf::Reader& reader, const SignRequest& rq, const std::string& signerName)
{
    const pdf::DocumentModel& m = reader.model();
    const int off = rq.utcOffsetMinutes ? *rq.utcOffsetMinutes : localUtcOffsetMinutes(rq.now);
    refuseIfCertifiedNoChanges(reader);
    SignaturePlan p;
    std::string lineTitle; // a Signature Line's suggested title, shown under the name
    if (rq.placement.kind == Placement::Kind::ExistingField) {
        placeInField(m, rq.placement.field, p);
        lineTitle = p.existing->alternateName;
    } else if (rq.placement.kind != Placement::Kind::Invisible) {
        placeOnPage(m, rq, p);
    }
    p.level = levelGoal(rq.level, rq.allowLowerLevel, rq.tsa.has_value());
    if (rq.lineFields)
        planLines(reader, rq, p, lineTitle);
    if (!p.existing && p.fieldName.empty())
        p.fieldName = pdf::uniqueFieldName(m, "Signature");
    if (p.visible)
        p.appearance = appearanceOf(rq, signerName, lineTitle, off);
    p.mDate = pdfDate(rq.now, off);
    p.reason = rq.reason;
    p.location = rq.location;
    p.contact = rq.contact;
    planFirstSignatureOnly(rq, m.signatureCount, p);
    p.signerName = signerName;
    p.signingTime = isoDate(rq.now, off);
    return p;
}

} // namespace bsre
