#include "core/sign.hpp"

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "core/pdf_edit.hpp"
#include "crypto/cms.hpp"
#include "crypto/digest.hpp"
#include "pdf/appearance.hpp"
#include "pdf/reader.hpp"
#include "pdf/syntax.hpp"
#include "pdf/update.hpp"

#include <cmath>
#include <functional>
#include <algorithm>
#include <map>
#include <ctime>

namespace bsre {

using pdf::DictSnapshot;
using pdf::ObjRef;

int localUtcOffsetMinutes(std::chrono::system_clock::time_point t)
{
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return static_cast<int>(tm.tm_gmtoff / 60);
}

static std::tm shifted(std::chrono::system_clock::time_point t, int off)
{
    std::time_t tt = std::chrono::system_clock::to_time_t(t) + off * 60;
    std::tm tm{};
    gmtime_r(&tt, &tm);
    return tm;
}

std::string pdfDate(std::chrono::system_clock::time_point t, int off)
{
    std::tm tm = shifted(t, off);
    char buf[64];
    std::strftime(buf, sizeof buf, "D:%Y%m%d%H%M%S", &tm);
    std::string s = buf;
    if (off == 0)
        return s + "Z";
    int a = std::abs(off);
    std::snprintf(buf, sizeof buf, "%c%02d'%02d'", off < 0 ? '-' : '+', a / 60, a % 60);
    return s + buf;
}

Placement::Corner parseCorner(std::string_view s) noexcept
{
    if (s == "BottomLeft")
        return Placement::Corner::BottomLeft;
    if (s == "TopRight")
        return Placement::Corner::TopRight;
    if (s == "TopLeft")
        return Placement::Corner::TopLeft;
    return Placement::Corner::BottomRight;
}

std::string isoDate(std::chrono::system_clock::time_point t, int off)
{
    std::tm tm = shifted(t, off);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    int a = std::abs(off);
    char z[24];
    std::snprintf(z, sizeof z, "%c%02d:%02d", off < 0 ? '-' : '+', a / 60, a % 60);
    return std::string(buf) + z;
}

namespace {

std::string displayDate(std::chrono::system_clock::time_point t, int off)
{
    std::tm tm = shifted(t, off);
    char buf[64];
    std::strftime(buf, sizeof buf, "%d-%m-%Y %H:%M:%S", &tm);
    int a = std::abs(off);
    char z[24];
    std::snprintf(z, sizeof z, " %c%02d:%02d", off < 0 ? '-' : '+', a / 60, a % 60);
    return std::string(buf) + z;
}

using edit::parseRef;
using edit::splitRefs;

std::string rectSyntax(const pdf::Rect& r)
{
    return "[" + pdf::num(r.x1) + " " + pdf::num(r.y1) + " " + pdf::num(r.x2) + " " + pdf::num(r.y2) + "]";
}

// Placeholders own their offsets inside the signature dictionary's body.

struct SigDictLayout {
    std::string body;
    edit::SigPlaceholder placeholder;
};

SigDictLayout signatureDictionary(const SignRequest& rq, const std::string& mDate, size_t capacity, bool certify)
{
    SigDictLayout l;
    std::string& b = l.body;
    b = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ";
    l.placeholder = edit::appendSigPlaceholder(b, capacity);
    b += " /M " + pdf::literal(mDate);
    if (!rq.reason.empty())
        b += " /Reason " + pdf::textString(rq.reason);
    if (!rq.location.empty())
        b += " /Location " + pdf::textString(rq.location);
    if (!rq.contact.empty())
        b += " /ContactInfo " + pdf::textString(rq.contact);
    if (certify) // ISO 32000-1 12.8.2.2: P 2 = form filling and signing stay allowed
        b += " /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 2 "
             "/V /1.2 >> >>]";
    b += " >>";
    return l;
}

std::string appendToDict(const std::string& dictSyntax, const std::string& entry)
{
    size_t close = dictSyntax.rfind(">>");
    if (close == std::string::npos)
        return "<<" + entry + ">>";
    return dictSyntax.substr(0, close) + " " + entry + dictSyntax.substr(close);
}

// What a timestamp server can do wrong (a lower level may be allowed for it).
bool isTsaFailure(Code c) { return c == Code::TsaUnreachable || c == Code::TsaRefused || c == Code::TsaBadToken; }

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

using PageEditor = std::function<DictSnapshot&(ObjRef)>;

// The notice band on the chosen pages, in the same update as the first
// signature. Content reaching into the band is scaled down about the top
// centre of the page (at most maxShrink); otherwise nothing is written and the
// pages are named.
void stampNotice(const NoticeRequest& nr, const pdf::Reader& reader, pdf::NewObjects& objs, const PageEditor& editPage,
                 SignOutcome& outcome)
{
    const pdf::DocumentModel& m = reader.model();
    const int n = static_cast<int>(m.pages.size());
    std::vector<int> indices;
    if (nr.pages == pdf::NoticePages::First)
        indices = {0};
    else if (nr.pages == pdf::NoticePages::Last)
        indices = {n - 1};
    else
        for (int i = 0; i < n; ++i)
            indices.push_back(i);

    struct Plan {
        int index;
        double scale;
        pdf::Rect band;
    };
    std::vector<Plan> plans;
    std::string tooFull;
    const pdf::NoticeStyle& st = nr.style;
    for (int i : indices) {
        const pdf::Rect& box = m.pages[i].cropBox;
        pdf::Rect band{box.x1 + st.side, box.y1 + st.bottom, box.x2 - st.side, box.y1 + st.bottom + st.height};
        const double top = band.y2 + st.gap;
        double scale = 1;
        if (auto cb = reader.contentBox(i); cb && cb->y1 < top - 0.01) {
            double s = (box.y2 - top) / (box.y2 - cb->y1);
            if (!nr.allowScaling || s < 1 - nr.maxShrink - 1e-9)
                tooFull += (tooFull.empty() ? "" : ", ") + std::to_string(i + 1);
            else
                scale = s;
        }
        plans.push_back({i, scale, band});
    }
    if (!tooFull.empty())
        fail(Code::NoRoomForNotice,
             "The content of page(s) " + tooFull + " reaches into the bottom band where the BSrE notice goes" +
                 (nr.allowScaling ? " and cannot be shrunk enough (at most 10%)" : " and scaling is not allowed") +
                 "; nothing was written. Enlarge the bottom margin and export again.",
             "Isi halaman " + tooFull + " mencapai pita bawah tempat keterangan BSrE" +
                 (nr.allowScaling ? " dan tidak dapat diperkecil cukup (paling banyak 10%)"
                                  : " dan penskalaan tidak diizinkan") +
                 "; tidak ada yang ditulis. Perbesar margin bawah lalu ekspor ulang.");

    std::map<long long, int> formForWidth; // pages of one width share one band
    for (const Plan& p : plans) {
        const double w = p.band.width(), h = p.band.height();
        long long key = static_cast<long long>(w * 100);
        if (!formForWidth.count(key))
            formForWidth[key] = pdf::renderNotice(st, w, h, objs);
        const int form = formForWidth[key];
        const pdf::Rect& box = m.pages[p.index].cropBox;
        std::string pre = "q\n";
        if (p.scale < 1) {
            const double cx = (box.x1 + box.x2) / 2;
            pre += pdf::num(p.scale) + " 0 0 " + pdf::num(p.scale) + " " + pdf::num(cx * (1 - p.scale)) + " " +
                   pdf::num(box.y2 * (1 - p.scale)) + " cm\n";
            outcome.scaledPages.push_back(p.index + 1);
        }
        const std::string post =
            "\nQ\nq 1 0 0 1 " + pdf::num(p.band.x1) + " " + pdf::num(p.band.y1) + " cm /BsreNotice Do Q\n";
        // Pages of one size share these two small streams.
        const int preNum = objs.memo("pre:" + pre, [&] { return objs.add(pdf::streamObject("", pre, false)); });
        const int postNum = objs.memo("post:" + post + std::to_string(form),
                                      [&] { return objs.add(pdf::streamObject("", post, false)); });

        const ObjRef pageRef = m.pages[p.index].ref;
        DictSnapshot& page = editPage(pageRef);
        ObjRef where;
        std::vector<std::string> items = reader.arrayValue(pageRef, "Contents", where);
        if (items.empty())
            if (const std::string* c = page.get("Contents"))
                items.push_back(*c);
        std::string contents = "[" + pdf::ref(preNum);
        for (const std::string& it : items)
            contents += " " + it;
        page.set("Contents", contents + " " + pdf::ref(postNum) + "]");

        DictSnapshot res = reader.pageResources(p.index);
        const std::string entry = "/BsreNotice " + pdf::ref(form);
        const std::string* xo = res.get("XObject");
        if (xo && parseRef(*xo).valid())
            res.set("XObject", appendToDict(reader.dict(parseRef(*xo)).serialize(), entry));
        else if (xo)
            res.set("XObject", appendToDict(*xo, entry));
        else
            res.set("XObject", "<<" + entry + ">>");
        page.set("Resources", res.serialize());
        outcome.stampedPages.push_back(p.index + 1);
    }
}

} // namespace

std::string signToBytes(const SignRequest& rq, crypto::Signer& signer, SignOutcome& outcome)
{
    auto reader = pdf::Reader::open(rq.input);
    const pdf::DocumentModel& m = reader->model();
    std::string original = reader->bytes();

    const int off = rq.utcOffsetMinutes ? *rq.utcOffsetMinutes : localUtcOffsetMinutes(rq.now);
    pdf::IncrementalUpdate update(m);
    pdf::NewObjects& objs = update.objects();

    // Where the signature goes.
    const pdf::FieldInfo* existing = nullptr;
    std::string lineTitle; // a Signature Line's suggested title, shown under the name
    int pageIndex = 0;
    pdf::Rect rect{};
    bool visible = false;
    switch (rq.placement.kind) {
    case Placement::Kind::ExistingField: {
        for (auto& f : m.fields)
            if (f.name == rq.placement.field)
                existing = &f;
        if (!existing || !existing->isSignature) {
            std::string names;
            for (auto& f : m.fields)
                if (f.isSignature && !f.isSigned)
                    names += (names.empty() ? "" : ", ") + f.name;
            if (names.empty())
                names = "none";
            fail(Code::FieldNotFound,
                 "The PDF has no signature field named \"" + rq.placement.field + "\" (empty fields: " + names + ").",
                 "PDF tidak memiliki kolom tanda tangan bernama \"" + rq.placement.field + "\" (kolom kosong: " +
                     (names == "none" ? std::string("tidak ada") : names) + ").");
        }
        if (existing->isSigned)
            fail(Code::FieldSigned, "The signature field \"" + existing->name + "\" is already signed.",
                 "Kolom tanda tangan \"" + existing->name + "\" sudah ditandatangani.");
        pageIndex = existing->page >= 0 ? existing->page : 0;
        rect = existing->rect;
        lineTitle = existing->alternateName;
        visible = rect.width() > 0 && rect.height() > 0;
        break;
    }
    case Placement::Kind::NewVisible:
    case Placement::Kind::CornerVisible: {
        int n = static_cast<int>(m.pages.size());
        if (rq.placement.page < 1 || rq.placement.page > n)
            fail(Code::PageOutOfRange,
                 "Page " + std::to_string(rq.placement.page) + " does not exist; the PDF has " + std::to_string(n) +
                     " page(s).",
                 "Halaman " + std::to_string(rq.placement.page) + " tidak ada; PDF ini memiliki " + std::to_string(n) +
                     " halaman.");
        pageIndex = rq.placement.page - 1;
        const pdf::Rect& box = m.pages[pageIndex].cropBox;
        rect = rq.placement.kind == Placement::Kind::NewVisible
                   ? rq.placement.rect
                   : cornerRect(box, rq.placement.corner, rq.notice.has_value() || m.signatureCount > 0);
        constexpr double eps = 0.01;
        if (rect.width() <= 0 || rect.height() <= 0 || rect.x1 < box.x1 - eps || rect.y1 < box.y1 - eps ||
            rect.x2 > box.x2 + eps || rect.y2 > box.y2 + eps)
            fail(Code::RectOffPage,
                 "The signature rectangle " + rectSyntax(rect) + " is not inside page " +
                     std::to_string(rq.placement.page) + " " + rectSyntax(box) + ".",
                 "Persegi tanda tangan " + rectSyntax(rect) + " tidak berada di dalam halaman " +
                     std::to_string(rq.placement.page) + " " + rectSyntax(box) + ".");
        visible = true;
        break;
    }
    case Placement::Kind::Invisible: break;
    }

    // The level: what stands in its way lowers it (when allowed) or stops.
    Level target = rq.level ? *rq.level : (rq.tsa ? Level::BT : Level::BB);
    if (target >= Level::BT && !rq.tsa)
        fail(Code::Usage, std::string("Level ") + levelName(target) + " needs a timestamp server.",
             std::string("Level ") + levelName(target) + " memerlukan server stempel waktu.");
    auto lower = [&](Level to, const std::string& en, const std::string& id, Code code) {
        if (!rq.allowLowerLevel)
            fail(code, en + " Nothing was written.", id + " Tidak ada yang ditulis.");
        outcome.levelNoteEn += (outcome.levelNoteEn.empty() ? "" : " ") + en;
        outcome.levelNoteId += (outcome.levelNoteId.empty() ? "" : " ") + id;
        target = std::min(target, to);
    };
    // B-LT: the signer's chain is checked before the key is used, so a
    // revoked certificate signs nothing.
    std::optional<LtvCollector> ltv;
    auto step = [&](const char* en, const char* id) {
        if (rq.onStep)
            rq.onStep(en, id);
    };
    if (target >= Level::BLT) {
        step("Checking the certificate's revocation status…", "Memeriksa status pencabutan sertifikat…");
        ltv.emplace(rq.revocation);
        if (auto gap = judgeEvidence(ltv->checkChain(signer.certificate(), signer.chain()), "the signer's certificate",
                                     "sertifikat penanda tangan", true))
            lower(Level::BT, gap->en, gap->id, Code::RevocationUnavailable);
    }

    // Signature Lines: the export's markers become fields (issue 5).
    struct LineSpot {
        std::string id;
        int page;
        pdf::Rect rect;
    };
    std::vector<LineSpot> lineSpots; // in page order, first occurrence of each id
    std::vector<pdf::MarkerAnnot> markers;
    std::string newFieldName;
    auto lineInfo = [&](const std::string& id) -> const LineFields::Line* {
        for (const auto& l : rq.lineFields->lines)
            if (l.id == id)
                return &l;
        return nullptr;
    };
    if (rq.lineFields) {
        const std::string& prefix = rq.lineFields->markerPrefix;
        markers = reader->markers(prefix);
        std::map<std::string, int> pagesOf;
        for (const auto& mk : markers) {
            const std::string id = mk.name.substr(prefix.size());
            if (pagesOf[id]++ == 0)
                lineSpots.push_back({id, mk.page, mk.rect});
        }
        for (const auto& [id, n] : pagesOf)
            if (n > 1)
                for (const auto& spot : lineSpots)
                    if (spot.id == id)
                        outcome.warnings.push_back(
                            {WarningCode::LineRepeats,
                             "The signature line \"" + id + "\" repeats on " + std::to_string(n) +
                                 " pages (header or footer); it became one field, on page " +
                                 std::to_string(spot.page + 1) + ".",
                             "Baris tanda tangan \"" + id + "\" muncul di " + std::to_string(n) +
                                 " halaman (kepala atau kaki halaman); baris itu menjadi satu kolom, di halaman " +
                                 std::to_string(spot.page + 1) + "."});
        for (size_t i = 0; i < lineSpots.size(); ++i)
            for (size_t j = i + 1; j < lineSpots.size(); ++j) {
                const auto &a = lineSpots[i], &b = lineSpots[j];
                if (a.page == b.page && std::fabs(a.rect.x1 - b.rect.x1) < 1 && std::fabs(a.rect.y1 - b.rect.y1) < 1 &&
                    std::fabs(a.rect.x2 - b.rect.x2) < 1 && std::fabs(a.rect.y2 - b.rect.y2) < 1)
                    outcome.warnings.push_back(
                        {WarningCode::LinesOverlap,
                         "The signature lines \"" + a.id + "\" and \"" + b.id + "\" are at the same position on page " +
                             std::to_string(a.page + 1) + "; their fields overlap.",
                         "Baris tanda tangan \"" + a.id + "\" dan \"" + b.id + "\" berada di posisi yang sama di halaman " +
                             std::to_string(a.page + 1) + "; kolomnya saling bertumpuk."});
            }
        if (!rq.lineFields->sign.empty()) {
            auto it = std::find_if(lineSpots.begin(), lineSpots.end(),
                                   [&](const LineSpot& l) { return l.id == rq.lineFields->sign; });
            if (it == lineSpots.end()) {
                std::string names;
                for (const auto& l : lineSpots)
                    names += (names.empty() ? "" : ", ") + l.id;
                if (names.empty())
                    names = "none";
                fail(Code::FieldNotFound,
                     "The document has no signature line \"" + rq.lineFields->sign + "\" (lines: " + names + ").",
                     "Dokumen tidak memiliki baris tanda tangan \"" + rq.lineFields->sign + "\" (baris: " +
                         (names == "none" ? std::string("tidak ada") : names) + ").");
            }
            existing = nullptr;
            pageIndex = it->page;
            rect = it->rect;
            visible = true;
            newFieldName = it->id;
            if (const auto* l = lineInfo(it->id))
                lineTitle = l->suggestedTitle;
        }
    }

    // The appearance: shaped text with an embedded subset font.
    const std::string signerName = signer.commonName();
    int apNum;
    if (visible) {
        pdf::AppearanceStyle style;
        style.lines.push_back(signerName);
        if (!lineTitle.empty())
            style.lines.push_back(lineTitle);
        style.lines.push_back("Ditandatangani secara elektronik");
        style.lines.push_back("Waktu: " + displayDate(rq.now, off));
        if (!rq.reason.empty())
            style.lines.push_back("Alasan: " + rq.reason);
        if (!rq.location.empty())
            style.lines.push_back("Lokasi: " + rq.location);
        style.imagePath = rq.imagePath;
        style.fontFamily = rq.fontFamily;
        apNum = pdf::renderAppearance(style, rect.width(), rect.height(), objs);
    } else {
        // PDF/A and some viewers want an /AP even for an invisible widget.
        apNum = objs.add(pdf::streamObject("/Type /XObject /Subtype /Form /BBox [0 0 0 0]", "", false));
    }

    // The signature dictionary, sized by a dry run of the CMS.
    // A token with the TSA's chain of three certificates is about 5 KB; 8 KB
    // leaves room for a longer chain (every reserved byte costs two in the file).
    const size_t tsaAllowance = target >= Level::BT ? 8192 : 0;
    const size_t capacity = crypto::estimateSignedDataSize(signer, tsaAllowance) + 32;
    const int sigNum = objs.reserve();
    const bool certify = rq.certify && m.signatureCount == 0;
    if (rq.certify && !certify)
        outcome.warnings.push_back(
            {WarningCode::NotCertified,
             "The PDF is already signed, so it was not certified (only the first signature can be).",
             "PDF ini sudah ditandatangani, jadi tidak disertifikasi (hanya tanda tangan pertama yang dapat "
             "disertifikasi)."});
    SigDictLayout sig = signatureDictionary(rq, pdfDate(rq.now, off), capacity, certify);
    objs.set(sigNum, sig.body);

    // Pages changed in this update are edited once and written once.
    std::map<int, DictSnapshot> pageEdits;
    PageEditor editPage = [&](ObjRef ref) -> DictSnapshot& {
        auto it = pageEdits.find(ref.num);
        if (it == pageEdits.end())
            it = pageEdits.emplace(ref.num, reader->dict(ref)).first;
        return it->second;
    };
    if (rq.notice) {
        if (m.signatureCount == 0)
            stampNotice(*rq.notice, *reader, objs, editPage, outcome);
        else
            outcome.warnings.push_back(
                {WarningCode::NoticeNotRepeated,
                 "The PDF is already signed, so the notice was not added again (it would invalidate the earlier "
                 "signatures).",
                 "PDF ini sudah ditandatangani, jadi keterangan tidak ditambahkan lagi (tanda tangan sebelumnya akan "
                 "menjadi tidak sah)."});
    }

    const ObjRef pageRef = m.pages[pageIndex].ref;
    std::string fieldName;
    bool acroIndirect = false;
    std::optional<DictSnapshot> acro = reader->dictValue(m.root, "AcroForm", acroIndirect);
    if (!acro)
        acro = DictSnapshot{};

    // Annotation lists of the pages and the form's field list, edited here
    // and written once below (inline, or the indirect array rewritten).
    struct ItemList {
        ObjRef owner;
        ObjRef arrayRef;
        std::vector<std::string> items;
    };
    std::map<int, ItemList> annotLists;
    auto annotsOf = [&](ObjRef page) -> ItemList& {
        auto it = annotLists.find(page.num);
        if (it == annotLists.end()) {
            ItemList l;
            l.owner = page;
            l.items = reader->arrayValue(page, "Annots", l.arrayRef);
            it = annotLists.emplace(page.num, std::move(l)).first;
        }
        return it->second;
    };
    ItemList fields;
    if (const std::string* f = acro->get("Fields")) {
        if (ObjRef r = parseRef(*f); r.valid()) {
            fields.arrayRef = r;
            fields.items = reader->arrayItems(r);
        } else {
            fields.items = splitRefs(*f);
        }
    }
    auto addField = [&](ObjRef page, int fieldNum) {
        annotsOf(page).items.push_back(pdf::ref(fieldNum));
        fields.items.push_back(pdf::ref(fieldNum));
    };

    // The markers leave: a Link marker from the page, a Calc widget marker
    // from the page and the form.
    bool widgetMarkers = false;
    for (const auto& mk : markers) {
        auto& items = annotsOf(m.pages[mk.page].ref).items;
        std::erase(items, mk.annot.syntax());
        if (mk.widget) {
            std::erase(fields.items, mk.annot.syntax());
            widgetMarkers = true;
        }
    }
    if (widgetMarkers)
        acro->erase("NeedAppearances");

    if (existing) {
        fieldName = existing->name;
        DictSnapshot field = reader->dict(existing->field);
        field.set("V", std::to_string(sigNum) + " 0 R");
        if (existing->widget == existing->field) {
            field.set("AP", "<< /N " + pdf::ref(apNum) + " >>");
            update.rewrite(field.ref, field.serialize());
        } else {
            update.rewrite(field.ref, field.serialize());
            DictSnapshot widget = reader->dict(existing->widget);
            widget.set("AP", "<< /N " + pdf::ref(apNum) + " >>");
            update.rewrite(widget.ref, widget.serialize());
        }
    } else {
        fieldName = newFieldName.empty() ? edit::uniqueFieldName(m, "Signature") : newFieldName;
        const int fieldNum = objs.reserve();
        objs.set(fieldNum, "<< /Type /Annot /Subtype /Widget /FT /Sig /T " + pdf::textString(fieldName) + " /V " +
                               pdf::ref(sigNum) + " /F 132 /P " + pageRef.syntax() + " /Rect " +
                               (visible ? rectSyntax(rect) : std::string("[0 0 0 0]")) + " /AP << /N " +
                               pdf::ref(apNum) + " >> >>");
        addField(pageRef, fieldNum);
    }

    // The other lines stay empty fields for later signers, showing whom they wait for.
    for (const auto& spot : lineSpots) {
        if (spot.id == newFieldName)
            continue;
        pdf::AppearanceStyle waiting;
        waiting.lines.push_back("Belum ditandatangani / Not yet signed");
        if (const auto* l = lineInfo(spot.id)) {
            if (!l->suggestedName.empty())
                waiting.lines.push_back(l->suggestedName);
            if (!l->suggestedTitle.empty())
                waiting.lines.push_back(l->suggestedTitle);
        }
        waiting.fontFamily = rq.fontFamily;
        const int ap = pdf::renderAppearance(waiting, spot.rect.width(), spot.rect.height(), objs);
        const ObjRef p = m.pages[spot.page].ref;
        const auto* info = lineInfo(spot.id);
        // /TU keeps the suggested title for the signer who fills this field later.
        const std::string tu = info && !info->suggestedTitle.empty() ? " /TU " + pdf::textString(info->suggestedTitle) : "";
        const int num = objs.add("<< /Type /Annot /Subtype /Widget /FT /Sig /T " + pdf::textString(spot.id) + tu +
                                 " /F 4 /P " + p.syntax() + " /Rect " + rectSyntax(spot.rect) + " /AP << /N " +
                                 pdf::ref(ap) + " >> >>");
        addField(p, num);
        outcome.emptyFields.push_back(spot.id);
    }

    using edit::arraySyntax;
    for (auto& [num, list] : annotLists) {
        if (list.arrayRef.valid())
            update.rewrite(list.arrayRef, arraySyntax(list.items));
        else
            editPage(list.owner).set("Annots", arraySyntax(list.items));
    }
    if (fields.arrayRef.valid())
        update.rewrite(fields.arrayRef, arraySyntax(fields.items));
    else
        acro->set("Fields", arraySyntax(fields.items));

    // ISO 32000-1 12.7.2: SignaturesExist | AppendOnly.
    acro->set("SigFlags", "3");
    std::optional<DictSnapshot> catalog;
    if (acroIndirect) {
        update.rewrite(acro->ref, acro->serialize());
    } else {
        // An inline or missing AcroForm moves into an object of its own.
        int acroNum = objs.add(acro->serialize());
        catalog = reader->dict(m.root);
        catalog->set("AcroForm", pdf::ref(acroNum));
    }
    if (certify) {
        if (!catalog)
            catalog = reader->dict(m.root);
        catalog->set("Perms", "<< /DocMDP " + pdf::ref(sigNum) + " >>");
    }
    if (catalog)
        update.rewrite(m.root, catalog->serialize());

    for (auto& [num, page] : pageEdits)
        update.rewrite(page.ref, page.serialize());

    // Assemble the file with placeholders, then fill in the byte range.
    const bool eol = !original.empty() && (original.back() == '\n' || original.back() == '\r');
    pdf::IncrementalUpdate::Result appended = update.finish(eol);
    std::string out = std::move(original);
    const size_t originalSize = out.size();
    out += appended.bytes;
    const edit::ContentsSpan span =
        edit::fillByteRange(out, originalSize + appended.bodyOffset.at(sigNum), sig.placeholder);

    crypto::Digest digest(signer.hashAlg());
    digest.update(std::string_view(out).substr(0, span.start));
    digest.update(std::string_view(out).substr(span.end));
    crypto::CmsRequest cmsRequest;
    cmsRequest.contentDigest = digest.finish();
    std::optional<crypto::Bytes> token;
    if (target >= Level::BT)
        cmsRequest.timestamper = [&](const crypto::Bytes& signatureValue) -> std::optional<crypto::Bytes> {
            try {
                step("Getting a timestamp…", "Meminta stempel waktu…");
                crypto::TimestampToken t = crypto::requestTimestamp(*rq.tsa, signatureValue, rq.tsaTransport);
                outcome.timestampTime = t.genTime;
                outcome.tsaName = t.tsaName;
                token = t.der;
                return t.der;
            } catch (const Error& e) {
                if (!rq.allowLowerLevel || !isTsaFailure(e.code()))
                    throw;
                lower(Level::BB, e.english(), e.indonesian(), e.code());
                return std::nullopt;
            }
        };
    const int opsBefore = signer.operations();
    crypto::Bytes cms = crypto::buildSignedData(signer, cmsRequest);
    if (cms.size() > capacity)
        fail(Code::SignatureTooLarge,
             "The signature needs " + std::to_string(cms.size()) + " bytes but " + std::to_string(capacity) +
                 " were reserved.",
             "Tanda tangan memerlukan " + std::to_string(cms.size()) + " bita tetapi hanya " +
                 std::to_string(capacity) + " bita yang disediakan.");
    edit::fillContents(out, span, cms);
    outcome.level = token ? "B-T" : "B-B";
    outcome.contentsReserved = capacity;
    outcome.contentsUsed = cms.size();
    outcome.privateKeyOperations = signer.operations() - opsBefore;

    // B-LT: the TSA's chain too, then the DSS in an update of its own.
    if (target >= Level::BLT && token) {
        step("Adding long-term validation data…", "Menambahkan data validasi jangka panjang…");
        crypto::CmsCertificates tsaCerts = crypto::cmsCertificates(*token);
        if (auto gap = judgeEvidence(ltv->checkChain(tsaCerts.signer, tsaCerts.all), "the timestamp server's certificate",
                                     "sertifikat server stempel waktu"))
            lower(Level::BT, gap->en, gap->id, Code::RevocationUnavailable);
    }
    if (ltv)
        outcome.revocationChecks = ltv->checks();
    if (target >= Level::BLT) {
        // The /Contents string as stored: the CMS and its zero padding.
        std::string contents = cms + std::string(capacity - cms.size(), '\0');
        ltv->addVri(contents, ltv->checks()); // the signer's chain, then the TSA's
        auto signedBytes = std::make_shared<const std::string>(std::move(out));
        auto signedReader = pdf::Reader::openBytes(signedBytes, rq.output);
        out = pdf::appendDss(*signedReader, ltv->addition(), outcome.dss);
        outcome.level = "B-LT";
        if (target >= Level::BLTA) {
            step("Adding the document timestamp…", "Menambahkan stempel waktu dokumen…");
            auto withDss = pdf::Reader::openBytes(std::make_shared<const std::string>(std::move(out)), rq.output);
            try {
                DocTimestampOutcome dts;
                out = appendDocumentTimestamp(*withDss, *rq.tsa, rq.tsaTransport, dts, token ? token->size() : 0);
                outcome.docTimestamp = dts;
                outcome.level = "B-LTA";
            } catch (const Error& e) {
                if (!rq.allowLowerLevel || !isTsaFailure(e.code()))
                    throw;
                out = withDss->bytes(); // B-LT stands
                lower(Level::BLT, "The document timestamp could not be added: " + std::string(e.english()),
                      "Stempel waktu dokumen tidak dapat ditambahkan: " + e.indonesian(), e.code());
            }
        }
    }

    outcome.output = rq.output;
    outcome.signerName = signerName;
    outcome.signingTime = isoDate(rq.now, off);
    outcome.fieldName = fieldName;
    outcome.bytesAdded = out.size() - originalSize;
    return out;
}

SignOutcome signPdf(const SignRequest& request, crypto::Signer& signer)
{
    SignOutcome outcome;
    std::string bytes = signToBytes(request, signer, outcome);
    writeFileAtomically(request.output, bytes, request.overwrite);
    return outcome;
}

} // namespace bsre
