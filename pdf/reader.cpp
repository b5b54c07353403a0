// Poppler adapter: everything we read from a PDF comes through here.
#include "pdf/reader.hpp"

#include "common/error.hpp"
#include "pdf/form.hpp"
#include "pdf/raw_syntax.hpp"
#include "pdf/syntax.hpp"
#include "pdf/update.hpp"

#include <poppler/GfxFont.h>
#include <poppler/GfxState.h>
#include <poppler/OutputDev.h>
#include <poppler/Catalog.h>
#include <poppler/ErrorCodes.h>
#include <poppler/GlobalParams.h>
#include <poppler/PDFDoc.h>
#include <poppler/Stream.h>
#include <poppler/Page.h>
#include <poppler/SplashOutputDev.h>
#include <poppler/splash/SplashBitmap.h>
#include <poppler/XRef.h>
#include <poppler/goo/GooString.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <thread>

namespace bsre::pdf {

// Keys are kept as the file spells them (without the slash); lookups compare
// what they mean, so "/Ann#6Fts" is /Annots.
const std::string* DictSnapshot::get(const std::string& key) const { return raw::find(entries, key); }

void DictSnapshot::set(const std::string& key, std::string value)
{
    if (std::string* v = raw::find(entries, key))
        *v = std::move(value);
    else
        entries.emplace_back(name(key).substr(1), std::move(value));
}

void DictSnapshot::erase(const std::string& key)
{
    std::erase_if(entries, [&](auto& e) { return raw::nameIs(e.first, key); });
}

std::string DictSnapshot::serialize() const
{
    std::string out = "<<";
    for (auto& [k, v] : entries) {
        out += '/';
        out += k;
        out += ' ';
        out += v;
    }
    out += ">>";
    return out;
}

namespace {

// The file, and the object or byte offset when one is to blame, go with the error.
[[noreturn]] void damaged(const std::string& path, const std::string& detail, int object = 0, long long offset = -1)
{
    fail(Code::MalformedPdf, Where{path, object, offset},
         "The PDF " + path + " is damaged (" + detail + "); it was not changed. Export it again from its source.",
         "PDF " + path + " rusak (" + detail + "); berkas tidak diubah. Ekspor ulang dari sumbernya.");
}

std::string serialize(const Object& o, int depth = 0)
{
    if (depth > 64)
        return "null";
    switch (o.getType()) {
    case objBool: return o.getBool() ? "true" : "false";
    case objInt: return num(static_cast<long long>(o.getInt()));
    case objInt64: return num(static_cast<long long>(o.getInt64()));
    case objReal: return num(o.getReal());
    case objString: return literal(std::string_view(o.getString()->c_str(), o.getString()->getLength()));
    case objHexString: return hexString(std::string_view(o.getString()->c_str(), o.getString()->getLength()));
    case objName: return name(o.getName());
    case objNull: return "null";
    case objRef: return std::to_string(o.getRefNum()) + " " + std::to_string(o.getRefGen()) + " R";
    case objArray: {
        std::string s = "[";
        Array* a = o.getArray();
        for (int i = 0; i < a->getLength(); ++i) {
            if (i)
                s += ' ';
            s += serialize(a->getNF(i), depth + 1);
        }
        return s + "]";
    }
    case objDict: {
        std::string s = "<<";
        Dict* d = o.getDict();
        for (int i = 0; i < d->getLength(); ++i) {
            s += name(d->getKey(i));
            s += ' ';
            s += serialize(d->getValNF(i), depth + 1);
        }
        return s + ">>";
    }
    default: return "null"; // streams are never re-emitted through here
    }
}

DictSnapshot snapshotOf(const Object& dict, ObjRef ref)
{
    DictSnapshot s;
    s.ref = ref;
    Dict* d = dict.getDict();
    for (int i = 0; i < d->getLength(); ++i)
        s.entries.emplace_back(name(d->getKey(i)).substr(1), serialize(d->getValNF(i)));
    return s;
}

std::string stringOf(const Object& o)
{
    return o.isString() ? std::string(o.getString()->c_str(), o.getString()->getLength()) : std::string();
}

// Text strings (/T, /Reason) to UTF-8: UTF-16BE with BOM or PDFDocEncoding
// (treated as Latin-1 here, which matches for the printable range).
std::string textToUtf8(const std::string& s)
{
    std::string out;
    auto put = [&](uint32_t cp) {
        if (cp < 0x80) out += static_cast<char>(cp);
        else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) { out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
        else { out += static_cast<char>(0xF0 | (cp >> 18)); out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
    };
    if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xFE && static_cast<unsigned char>(s[1]) == 0xFF) {
        for (size_t i = 2; i + 1 < s.size(); i += 2) {
            uint32_t u = (static_cast<unsigned char>(s[i]) << 8) | static_cast<unsigned char>(s[i + 1]);
            if (u >= 0xD800 && u < 0xDC00 && i + 3 < s.size()) {
                uint32_t l = (static_cast<unsigned char>(s[i + 2]) << 8) | static_cast<unsigned char>(s[i + 3]);
                u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
                i += 2;
            }
            put(u);
        }
        return out;
    }
    for (unsigned char c : s)
        put(c);
    return out;
}

void initPoppler()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // A Poppler linked in (BSRE_BUNDLED_LIBS) looks for poppler-data
        // (CMaps of fonts without their own) where distributions keep it,
        // not under the folder it was built in.
#ifdef BSRE_POPPLER_DATADIR
        if (!globalParams)
            globalParams = std::make_unique<GlobalParams>(BSRE_POPPLER_DATADIR);
#else
        if (!globalParams)
            globalParams = std::make_unique<GlobalParams>();
#endif
        globalParams->setErrQuiet(true);
    });
}

ObjRef refOf(const Object& r)
{
    return {r.getRefNum(), r.getRefGen()};
}

// A /Rect with its corners ordered (ISO 32000-1 7.9.5); zero when it is not
// four numbers' worth of array.
Rect rectOf(const Object& r)
{
    if (!r.isArray() || r.arrayGetLength() != 4)
        return {};
    double v[4];
    for (int i = 0; i < 4; ++i) {
        Object n = r.arrayGet(i);
        v[i] = n.isNum() ? n.getNum() : 0;
    }
    return {std::min(v[0], v[2]), std::min(v[1], v[3]), std::max(v[0], v[2]), std::max(v[1], v[3])};
}

void requirePdfHeader(const std::string& all, const std::string& path)
{
    if (std::string_view(all).substr(0, 1024).find("%PDF-") == std::string_view::npos)
        fail(Code::NotPdf, Where{path}, "The file " + path + " is not a PDF.", "Berkas " + path + " bukan PDF.");
}

// The last cross-reference section: where it starts and whether it is a stream.
struct LastXref {
    unsigned long long offset;
    bool stream;
};

// The last startxref must point at a real cross-reference section;
// otherwise Poppler would silently rebuild it and we would append to a guess.
LastXref lastXref(const std::string& all, const std::string& path)
{
    std::string tail = all.substr(all.size() - std::min<size_t>(all.size(), 2048));
    size_t sx = tail.rfind("startxref");
    if (sx == std::string::npos || tail.find("%%EOF", sx) == std::string::npos)
        damaged(path, "it is truncated: the end-of-file marker is missing");
    const unsigned long long offset = std::strtoull(tail.c_str() + sx + 9, nullptr, 10);
    if (offset == 0 || offset >= all.size())
        damaged(path, "the cross-reference offset points outside the file", 0, static_cast<long long>(offset));
    std::string at = all.substr(offset, 64);
    if (at.rfind("xref", 0) == 0) {
        // A trailer left open (an unclosed array or dictionary) runs on into
        // whatever is appended, so an update would change what it says (found
        // by fuzzing, docs/FUZZING.md).
        if (!raw::trailerDict(all, offset))
            damaged(path, "its trailer dictionary does not end", 0, static_cast<long long>(offset));
        return {offset, false};
    }
    if (at.find(" obj") != std::string::npos)
        return {offset, true};
    damaged(path, "the cross-reference offset is wrong", 0, static_cast<long long>(offset));
}

// What the trailer says that an update must carry on.
struct TrailerFacts {
    int size;
    std::string info, id;   // as PDF syntax, empty when absent
};

TrailerFacts trailerFacts(XRef& xref)
{
    TrailerFacts t{xref.getNumObjects(), {}, {}};
    Object* trailer = xref.getTrailerDict();
    if (!trailer->isDict())
        return t;
    Object s = trailer->dictLookup("Size");
    if (s.isInt())
        t.size = std::max(t.size, s.getInt());
    const Object& info = trailer->getDict()->lookupNF("Info");
    if (info.isRef())
        t.info = serialize(info);
    const Object& id = trailer->getDict()->lookupNF("ID");
    if (id.isArray())
        t.id = serialize(id);
    return t;
}

// The trailer's /ID as spelled, carried on by updates; Poppler's reading
// when the trailer cannot be read so.
std::string spelledId(std::string_view bytes, unsigned long long xrefOffset, std::string parsed)
{
    auto dict = raw::trailerDict(bytes, xrefOffset);
    auto entries = dict ? raw::dictEntries(*dict) : std::nullopt;
    const std::string* id = entries ? raw::find(*entries, "ID") : nullptr;
    return id && !parsed.empty() ? *id : parsed;
}

// Every object where the cross-reference says (ISO 32000-1 7.5.4), before
// anything is read: Poppler looks only when it first needs an object, and a
// rebuild of the table from a guess can then come in the middle of drawing a
// page, or not end (found by fuzzing, docs/FUZZING.md).
void requireObjectsInPlace(XRef& xref, std::string_view bytes, const std::string& path)
{
    for (int num = 1; num < xref.getNumObjects(); ++num) {
        const XRefEntry* e = xref.getEntry(num, false);
        if (!e || e->type != xrefEntryUncompressed)
            continue;
        bool there = e->offset >= 0 && static_cast<unsigned long long>(e->offset) < bytes.size();
        size_t p = there ? static_cast<size_t>(e->offset) : 0;
        for (const std::string& word : {std::to_string(num), std::to_string(e->gen), std::string("obj")}) {
            p = raw::skipSpace(bytes, p);
            there = there && bytes.substr(p, word.size()) == word;
            p += word.size();
            if (word != "obj")
                there = there && p < bytes.size() && raw::skipSpace(bytes, p) > p;
        }
        if (!there)
            damaged(path, "object " + std::to_string(num) + " is not where the cross-reference says", num,
                    static_cast<long long>(e->offset));
    }
}

// The pages in order, and the page each annotation is on.
struct PageList {
    std::vector<PageInfo> pages;
    std::map<std::pair<int, int>, int> annotPage; // annotation ref -> page index
};

PageList readPages(PDFDoc& doc, const std::string& path)
{
    Catalog* cat = doc.getCatalog();
    int n = doc.getNumPages();
    if (n <= 0)
        damaged(path, "it has no pages");
    PageList out;
    for (int i = 1; i <= n; ++i) {
        Page* p = cat->getPage(i);
        Ref* r = cat->getPageRef(i);
        if (!p || !r)
            damaged(path, "page " + std::to_string(i) + " cannot be read");
        const PDFRectangle* cb = p->getCropBox();
        out.pages.push_back({{r->num, r->gen}, {cb->x1, cb->y1, cb->x2, cb->y2}, p->getRotate()});
        Object pageObj = doc.getXRef()->fetch(*r);
        if (!pageObj.isDict())
            continue;
        Object annots = pageObj.dictLookup("Annots");
        if (annots.isArray())
            for (int k = 0; k < annots.arrayGetLength(); ++k) {
                const Object& a = annots.arrayGetNF(k);
                if (a.isRef())
                    out.annotPage[{a.getRefNum(), a.getRefGen()}] = i - 1;
            }
    }
    return out;
}

} // namespace

namespace {
// Poppler over bytes held elsewhere (they outlive the document); onRepair is
// called when Poppler has to reconstruct the cross-reference.
std::unique_ptr<PDFDoc> popplerOver(const std::string& all, std::function<void()> onRepair = {})
{
    auto* stream = new MemStream(all.data(), 0, static_cast<Goffset>(all.size()), Object(objNull));
    return std::make_unique<PDFDoc>(stream, std::nullopt, std::nullopt, nullptr, std::move(onRepair));
}
} // namespace

struct Reader::Impl {
    std::shared_ptr<const std::string> bytes; // what Poppler reads (a MemStream over it)
    bool reconstructed = false;               // Poppler had to rebuild the cross-reference
    std::unique_ptr<PDFDoc> doc;
    DocumentModel model;
    std::map<std::pair<int, int>, int> annotPage; // widget ref -> page index
    // For measuring only: the same document without its PDF/A OutputIntents
    // (see measuringDoc); null when it has none.
    std::unique_ptr<Reader> measuring;
    bool measuringChecked = false;
    struct ObjectStreamText {
        std::string data; // decoded
        std::vector<std::pair<long long, size_t>> objects; // from its header: number, where its value starts
    };
    std::map<int, ObjectStreamText> objectStreams; // by object number, read once each

    // What the product copies from the file it copies as spelled there (see
    // raw_syntax.hpp); Poppler's reading, re-serialised, is the fallback for
    // what the lexer cannot follow.
    std::optional<std::string_view> rawValue(ObjRef ref);
    const ObjectStreamText& objectStream(int num);
    std::optional<std::string_view> inObjectStream(int streamNum, int index, int num);
    // The value under `key` of owner's dictionary as spelled: "" when it has
    // none, nullopt when the owner cannot be read as spelled.
    std::optional<std::string> rawEntry(ObjRef owner, const std::string& key);
    DictSnapshot snapshot(ObjRef ref);
    std::optional<DictSnapshot> dictAt(const std::string& value, ObjRef owner, bool& indirect);
    std::vector<std::string> itemsAt(const std::string& value, ObjRef& where);

    // Poppler over the bytes, refusing what it could only read by guessing
    // the cross-reference or by decrypting.
    void openDocument(const std::string& path)
    {
        // The callback may run on any later fetch too, so the flag lives as long as the document.
        doc = popplerOver(*bytes, [this] { reconstructed = true; });
        if (!doc->isOk()) {
            if (doc->getErrorCode() == errEncrypted)
                fail(Code::EncryptedPdf, Where{path}, "The PDF " + path + " is encrypted; BSrE Sign does not open encrypted PDFs. Remove the password protection first (the original was not changed).",
                     "PDF " + path + " terenkripsi; BSrE Sign tidak membuka PDF terenkripsi. Hapus dulu perlindungan kata sandinya (berkas asli tidak diubah).");
            damaged(path, "Poppler error " + std::to_string(doc->getErrorCode()));
        }
        if (reconstructed)
            damaged(path, "its cross-reference table had to be reconstructed");
        if (doc->isEncrypted())
            fail(Code::EncryptedPdf, Where{path}, "The PDF " + path + " is encrypted; remove the protection before signing.",
                 "PDF " + path + " terenkripsi; hapus perlindungan sebelum menandatangani.");
    }

    // Whether the AcroForm is an object of its own, and every terminal field.
    void readAcroForm()
    {
        Object catObj = doc->getXRef()->fetch(model.root.num, model.root.gen);
        if (!catObj.isDict())
            return;
        const Object& af = catObj.getDict()->lookupNF("AcroForm");
        if (af.isRef()) {
            model.acroFormIndirect = true;
            model.acroForm = refOf(af);
        }
        Object acro = catObj.dictLookup("AcroForm");
        if (!acro.isDict())
            return;
        Object fields = acro.dictLookup("Fields");
        std::set<int> visited;
        if (fields.isArray())
            for (int k = 0; k < fields.arrayGetLength(); ++k)
                walkField(fields.arrayGetNF(k), "", "", visited);
    }

    void walkField(const Object& fieldRef, const std::string& parentName, const std::string& inheritedFt,
                   std::set<int>& visited)
    {
        if (!fieldRef.isRef() || visited.count(fieldRef.getRefNum()))
            return;
        visited.insert(fieldRef.getRefNum());
        Object f = doc->getXRef()->fetch(fieldRef.getRef());
        if (!f.isDict())
            return;
        Dict* d = f.getDict();
        Object t = d->lookup("T");
        std::string part = textToUtf8(stringOf(t));
        std::string full = parentName.empty() ? part : (part.empty() ? parentName : parentName + "." + part);
        Object ft = d->lookup("FT");
        std::string type = ft.isName() ? ft.getName() : inheritedFt;
        Object kids = d->lookup("Kids");
        bool hasFieldKids = false;
        if (kids.isArray())
            for (int i = 0; i < kids.arrayGetLength(); ++i) {
                Object k = kids.arrayGet(i);
                if (k.isDict() && k.dictLookup("T").isString())
                    hasFieldKids = true;
            }
        if (hasFieldKids) {
            for (int i = 0; i < kids.arrayGetLength(); ++i)
                walkField(kids.arrayGetNF(i), full, type, visited);
            return;
        }
        FieldInfo info;
        info.name = full;
        info.field = refOf(fieldRef);
        info.isSignature = type == "Sig";
        info.alternateName = textToUtf8(stringOf(d->lookup("TU")));
        info.isSigned = d->lookup("V").isDict();
        info.widget = info.field;
        if (kids.isArray() && kids.arrayGetLength() > 0 && kids.arrayGetNF(0).isRef())
            info.widget = refOf(kids.arrayGetNF(0));
        Object w = doc->getXRef()->fetch(info.widget.num, info.widget.gen);
        if (w.isDict())
            info.rect = rectOf(w.dictLookup("Rect"));
        auto it = annotPage.find({info.widget.num, info.widget.gen});
        info.page = it == annotPage.end() ? -1 : it->second;
        if (info.isSignature && info.isSigned)
            ++model.signatureCount;
        model.fields.push_back(std::move(info));
    }
};

std::optional<std::string_view> Reader::Impl::rawValue(ObjRef ref)
{
    XRef* xref = doc->getXRef();
    if (ref.num <= 0 || ref.num >= xref->getNumObjects())
        return std::nullopt;
    XRefEntry* e = xref->getEntry(ref.num, false);
    if (e && e->type == xrefEntryUncompressed && e->gen == ref.gen && e->offset >= 0)
        return raw::indirectValue(*bytes, static_cast<size_t>(e->offset), ref.num, ref.gen);
    if (e && e->type == xrefEntryCompressed && ref.gen == 0)
        return inObjectStream(static_cast<int>(e->offset), e->gen, ref.num);
    return std::nullopt;
}

namespace {

// An unsigned integer of at most 12 digits after white space, from p (moved past it).
std::optional<long long> unsignedAt(std::string_view s, size_t& p)
{
    p = raw::skipSpace(s, p);
    size_t end = p;
    while (end < s.size() && end - p < 13 && s[end] >= '0' && s[end] <= '9')
        ++end;
    if (end == p || end - p > 12)
        return std::nullopt;
    const long long v = std::stoll(std::string(s.substr(p, end - p)));
    p = end;
    return v;
}

} // namespace

// Object streams (ISO 32000-1 7.5.7): N pairs "number offset", then the
// objects from /First on. Decoded, and its header read, once each.
const Reader::Impl::ObjectStreamText& Reader::Impl::objectStream(int num)
{
    if (auto it = objectStreams.find(num); it != objectStreams.end())
        return it->second;
    ObjectStreamText text;
    Object st = doc->getXRef()->fetch(num, 0);
    Object first = st.isStream() ? st.streamGetDict()->lookup("First") : Object(objNull);
    if (first.isInt() && first.getInt() >= 0) {
        st.getStream()->fillString(text.data);
        const size_t base = static_cast<size_t>(first.getInt());
        const std::string_view header = std::string_view(text.data).substr(0, std::min(text.data.size(), base));
        size_t p = 0;
        while (true) {
            const auto number = unsignedAt(header, p), offset = number ? unsignedAt(header, p) : std::nullopt;
            if (!offset)
                break;
            text.objects.emplace_back(*number, base + static_cast<size_t>(*offset));
        }
    }
    return objectStreams.emplace(num, std::move(text)).first->second;
}

std::optional<std::string_view> Reader::Impl::inObjectStream(int streamNum, int index, int num)
{
    const ObjectStreamText& os = objectStream(streamNum);
    if (index < 0 || static_cast<size_t>(index) >= os.objects.size() || os.objects[index].first != num)
        return std::nullopt;
    const std::string_view data = os.data;
    const size_t from = raw::skipSpace(data, os.objects[index].second);
    const size_t to = raw::valueEnd(data, from);
    if (to == std::string_view::npos)
        return std::nullopt;
    return data.substr(from, to - from);
}

std::optional<std::string> Reader::Impl::rawEntry(ObjRef owner, const std::string& key)
{
    auto text = rawValue(owner);
    auto entries = text ? raw::dictEntries(*text) : std::nullopt;
    if (!entries)
        return std::nullopt;
    const std::string* v = raw::find(*entries, key);
    return v ? *v : std::string();
}

DictSnapshot Reader::Impl::snapshot(ObjRef ref)
{
    if (auto text = rawValue(ref))
        if (auto entries = raw::dictEntries(*text))
            return DictSnapshot{ref, std::move(*entries)};
    Object o = doc->getXRef()->fetch(ref.num, ref.gen);
    if (!o.isDict())
        damaged(model.path, "object " + std::to_string(ref.num) + " is not a dictionary", ref.num);
    return snapshotOf(o, ref);
}

// A dictionary value as spelled: inline (then it belongs to owner) or a reference.
std::optional<DictSnapshot> Reader::Impl::dictAt(const std::string& value, ObjRef owner, bool& indirect)
{
    if (ObjRef r = parseRef(value); r.valid()) {
        Object target = doc->getXRef()->fetch(r.num, r.gen);
        if (!target.isDict())
            return std::nullopt;
        indirect = true;
        return snapshot(r);
    }
    if (auto entries = raw::dictEntries(value))
        return DictSnapshot{owner, std::move(*entries)};
    return std::nullopt;
}

// An array value as spelled, inline or a reference (then `where` is set).
std::vector<std::string> Reader::Impl::itemsAt(const std::string& value, ObjRef& where)
{
    std::optional<std::vector<std::string>> items;
    if (ObjRef r = parseRef(value); r.valid()) {
        auto target = rawValue(r);
        items = target ? raw::arrayItems(*target) : std::nullopt;
        if (items)
            where = r;
    } else {
        items = raw::arrayItems(value);
    }
    return items ? std::move(*items) : std::vector<std::string>{};
}

Reader::Reader(std::unique_ptr<Impl> i) : impl_(std::move(i)) {}
Reader::~Reader() = default;

std::unique_ptr<Reader> Reader::open(const std::string& path)
{
    std::FILE* fp = std::fopen(path.c_str(), "rb");
    if (!fp)
        fail(Code::Io, "The file " + path + " cannot be read (" + std::strerror(errno) + ").",
             "Berkas " + path + " tidak dapat dibaca (" + std::strerror(errno) + ").");
    struct stat st{};
    if (::fstat(::fileno(fp), &st) == 0 && static_cast<unsigned long long>(st.st_size) > kMaxPdfBytes) {
        std::fclose(fp);
        fail(Code::InputTooLarge, Where{path},
             "The PDF " + path + " is larger than 512 MiB; BSrE Sign does not read files that large (nothing was changed).",
             "PDF " + path + " lebih besar dari 512 MiB; BSrE Sign tidak membaca berkas sebesar itu (tidak ada yang diubah).");
    }
    auto bytes = std::make_shared<std::string>();
    bytes->reserve(static_cast<size_t>(st.st_size));
    char buf[1 << 16];
    size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, fp)) > 0)
        bytes->append(buf, got);
    const bool bad = std::ferror(fp);
    std::fclose(fp);
    if (bad)
        fail(Code::Io, "The file " + path + " cannot be read.", "Berkas " + path + " tidak dapat dibaca.");
    return openBytes(std::move(bytes), path);
}

std::unique_ptr<Reader> Reader::openBytes(std::shared_ptr<const std::string> bytes, const std::string& path)
{
    initPoppler();
    requirePdfHeader(*bytes, path);
    const LastXref last = lastXref(*bytes, path);

    auto impl = std::make_unique<Impl>();
    impl->bytes = bytes;
    DocumentModel& m = impl->model;
    m.path = path;
    m.fileSize = bytes->size();
    m.lastXref = last.offset;
    m.xrefStream = last.stream;
    impl->openDocument(path);

    XRef* xref = impl->doc->getXRef();
    requireObjectsInPlace(*xref, *bytes, path);
    TrailerFacts trailer = trailerFacts(*xref);
    m.size = trailer.size;
    m.info = std::move(trailer.info);
    m.id = spelledId(*bytes, last.offset, std::move(trailer.id));
    m.root = {xref->getRootNum(), xref->getRootGen()};
    Catalog* cat = impl->doc->getCatalog();
    if (!cat || !cat->isOk())
        damaged(path, "the document catalog is missing");
    PageList pages = readPages(*impl->doc, path);
    m.pages = std::move(pages.pages);
    impl->annotPage = std::move(pages.annotPage);
    impl->readAcroForm();
    // Reading the catalog, the pages and the form fetches objects, and a fetch
    // whose offset is wrong rebuilds the cross-reference then: the model would
    // mix the file's table and Poppler's guess (found by fuzzing, docs/FUZZING.md).
    if (impl->reconstructed)
        damaged(path, "its cross-reference table had to be reconstructed");
    return std::unique_ptr<Reader>(new Reader(std::move(impl)));
}

const DocumentModel& Reader::model() const { return impl_->model; }
const std::string& Reader::bytes() const { return *impl_->bytes; }

DictSnapshot Reader::dict(ObjRef ref) const { return impl_->snapshot(ref); }

std::vector<std::string> Reader::arrayItems(ObjRef ref) const
{
    if (auto text = impl_->rawValue(ref))
        if (auto items = raw::arrayItems(*text))
            return std::move(*items);
    Object o = impl_->doc->getXRef()->fetch(ref.num, ref.gen);
    if (!o.isArray())
        damaged(impl_->model.path, "object " + std::to_string(ref.num) + " is not an array");
    std::vector<std::string> out;
    for (int i = 0; i < o.arrayGetLength(); ++i)
        out.push_back(serialize(o.arrayGetNF(i)));
    return out;
}

std::optional<DictSnapshot> Reader::dictValue(ObjRef owner, const std::string& key, bool& indirect) const
{
    indirect = false;
    if (auto value = impl_->rawEntry(owner, key))
        return value->empty() ? std::nullopt : impl_->dictAt(*value, owner, indirect);
    XRef* xref = impl_->doc->getXRef();
    Object o = xref->fetch(owner.num, owner.gen);
    if (!o.isDict())
        return std::nullopt;
    const Object& v = o.getDict()->lookupNF(key.c_str());
    if (v.isRef()) {
        Object target = xref->fetch(v.getRef());
        if (!target.isDict())
            return std::nullopt;
        indirect = true;
        return snapshotOf(target, refOf(v));
    }
    if (v.isDict())
        return snapshotOf(v, owner);
    return std::nullopt;
}

std::vector<std::string> Reader::arrayValue(ObjRef owner, const std::string& key, ObjRef& where) const
{
    where = {};
    if (auto value = impl_->rawEntry(owner, key))
        return impl_->itemsAt(*value, where);
    XRef* xref = impl_->doc->getXRef();
    Object o = xref->fetch(owner.num, owner.gen);
    std::vector<std::string> out;
    if (!o.isDict())
        return out;
    const Object& v = o.getDict()->lookupNF(key.c_str());
    Object arr;
    if (v.isRef()) {
        arr = xref->fetch(v.getRef());
        if (arr.isArray())
            where = refOf(v);
    } else {
        arr = v.copy();
    }
    if (arr.isArray())
        for (int i = 0; i < arr.arrayGetLength(); ++i)
            out.push_back(serialize(arr.arrayGetNF(i)));
    return out;
}

namespace {

// What a page draws, as one box in device space (72 dpi, y up, origin at the
// media box corner). A fill or image covering most of the page is a
// background (Impress and Draw export one), not content the band must avoid.
class ContentBoxDev : public OutputDev {
    static bool isBlank(Unicode c)
    {
        return c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d || c == 0xa0 || (c >= 0x2000 && c <= 0x200b) ||
               c == 0x202f || c == 0x205f || c == 0x3000;
    }

public:
    explicit ContentBoxDev(double pageArea) : pageArea_(pageArea) {}
    bool upsideDown() override { return false; } // Poppler: false gives y growing upwards
    bool useDrawChar() override { return true; }
    bool interpretType3Chars() override { return false; }

    void stroke(GfxState* s) override { addPath(s, s->getTransformedLineWidth() / 2, false); }
    void fill(GfxState* s) override { addPath(s, 0, true); }
    void eoFill(GfxState* s) override { addPath(s, 0, true); }

    void drawChar(GfxState* s, double x, double y, double dx, double dy, double, double, CharCode, int,
                  const Unicode* u, int uLen) override
    {
        // Glyphs that draw nothing are not content: invisible text (render
        // mode 3) and white space (Impress exports a space for each empty
        // footer, date and slide-number field of the master, near the lower
        // edge of every slide).
        if (s->getRender() == 3 || (uLen > 0 && std::all_of(u, u + uLen, isBlank)))
            return;
        // Baseline run from (x, y) to (x+dx, y+dy) in user space, widened by
        // the font's ascent and descent as Poppler's text boxes are
        // (TextOutputDev, pdftotext -bbox): LibreOffice writes /Descent 0, for
        // which Poppler takes 0.35 of the font size.
        double x0, y0, x1, y1;
        s->transform(x, y, &x0, &y0);
        s->transform(x + dx, y + dy, &x1, &y1);
        const double fs = s->getTransformedFontSize();
        double ascent = 0.95, descent = -0.35;
        if (const auto& font = s->getFont()) {
            ascent = font->getAscent();
            descent = font->getDescent();
        }
        add(std::min(x0, x1), std::min(y0, y1) + descent * fs, std::max(x0, x1), std::max(y0, y1) + ascent * fs);
    }
    void drawImageMask(GfxState* s, Object* ref, Stream* str, int w, int h, bool inv, bool interp, bool inl) override
    {
        addImage(s);
        OutputDev::drawImageMask(s, ref, str, w, h, inv, interp, inl);
    }
    void drawImage(GfxState* s, Object* ref, Stream* str, int w, int h, GfxImageColorMap* cm, bool interp,
                   const int* mask, bool inl) override
    {
        addImage(s);
        OutputDev::drawImage(s, ref, str, w, h, cm, interp, mask, inl);
    }
    void drawMaskedImage(GfxState* s, Object* ref, Stream* str, int w, int h, GfxImageColorMap* cm, bool interp,
                         Stream* ms, int mw, int mh, bool minv, bool minterp) override
    {
        addImage(s);
        OutputDev::drawMaskedImage(s, ref, str, w, h, cm, interp, ms, mw, mh, minv, minterp);
    }
    void drawSoftMaskedImage(GfxState* s, Object* ref, Stream* str, int w, int h, GfxImageColorMap* cm, bool interp,
                             Stream* ms, int mw, int mh, GfxImageColorMap* mcm, bool minterp) override
    {
        addImage(s);
        OutputDev::drawSoftMaskedImage(s, ref, str, w, h, cm, interp, ms, mw, mh, mcm, minterp);
    }

    std::optional<Rect> box() const { return any_ ? std::optional<Rect>(box_) : std::nullopt; }

private:
    void add(double x1, double y1, double x2, double y2, bool mayBeBackground = false)
    {
        if (mayBeBackground && (x2 - x1) * (y2 - y1) >= 0.9 * pageArea_)
            return;
        if (!any_)
            box_ = {x1, y1, x2, y2};
        box_ = {std::min(box_.x1, x1), std::min(box_.y1, y1), std::max(box_.x2, x2), std::max(box_.y2, y2)};
        any_ = true;
    }
    void addPath(GfxState* s, double widen, bool isFill)
    {
        const GfxPath* path = s->getPath();
        double x1 = 1e300, y1 = 1e300, x2 = -1e300, y2 = -1e300;
        for (int i = 0; i < path->getNumSubpaths(); ++i) {
            const GfxSubpath* sp = path->getSubpath(i);
            for (int j = 0; j < sp->getNumPoints(); ++j) {
                double tx, ty;
                s->transform(sp->getX(j), sp->getY(j), &tx, &ty);
                x1 = std::min(x1, tx), y1 = std::min(y1, ty), x2 = std::max(x2, tx), y2 = std::max(y2, ty);
            }
        }
        if (x1 <= x2)
            add(x1 - widen, y1 - widen, x2 + widen, y2 + widen, isFill);
    }
    void addImage(GfxState* s)
    {
        double xs[4], ys[4];
        s->transform(0, 0, &xs[0], &ys[0]);
        s->transform(1, 0, &xs[1], &ys[1]);
        s->transform(0, 1, &xs[2], &ys[2]);
        s->transform(1, 1, &xs[3], &ys[3]);
        add(*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4), *std::max_element(xs, xs + 4),
            *std::max_element(ys, ys + 4), true);
    }

    double pageArea_;
    Rect box_;
    bool any_ = false;
};

} // namespace

// Poppler builds colour transforms from a PDF/A OutputIntent's ICC profile
// for every page it renders (Gfx::initDisplayProfile, ~40 ms a page with
// lcms2); measuring where content lies needs no colour. So the measuring is
// done on an in-memory copy whose catalog lacks /OutputIntents (an
// incremental update that is never written anywhere).
const Reader& Reader::measuring() const
{
    if (!impl_->measuringChecked) {
        impl_->measuringChecked = true;
        DictSnapshot catalog = dict(impl_->model.root);
        if (catalog.get("OutputIntents")) {
            catalog.erase("OutputIntents");
            IncrementalUpdate update(impl_->model);
            update.rewrite(impl_->model.root, catalog.serialize());
            auto copy = std::make_shared<std::string>(*impl_->bytes);
            *copy += update.finish(endsWithEol(*copy)).bytes;
            impl_->measuring = Reader::openBytes(std::move(copy), impl_->model.path);
        }
    }
    return impl_->measuring ? *impl_->measuring : *this;
}

namespace {
std::optional<Rect> measurePage(PDFDoc& doc, int pageIndex)
{
    Page* page = doc.getCatalog()->getPage(pageIndex + 1);
    const PDFRectangle* mb = page->getMediaBox();
    ContentBoxDev dev((mb->x2 - mb->x1) * (mb->y2 - mb->y1));
    doc.displayPage(&dev, pageIndex + 1, 72, 72, 0, true, false, false);
    auto b = dev.box();
    if (!b)
        return std::nullopt;
    return Rect{b->x1 + mb->x1, b->y1 + mb->y1, b->x2 + mb->x1, b->y2 + mb->y1};
}

// Workers for measuring n pages: one per core, at most 4, at least 4 pages
// each (another worker's own Poppler document costs about what 2 pages do).
size_t measuringThreads(size_t n)
{
    const size_t cores = std::max(1u, std::thread::hardware_concurrency());
    return std::min({cores, size_t(4), n / 4});
}
} // namespace

std::optional<Rect> Reader::contentBox(int pageIndex) const
{
    return measurePage(*measuring().impl_->doc, pageIndex);
}

std::vector<std::optional<Rect>> Reader::contentBoxes(const std::vector<int>& pages) const
{
    const Reader& r = measuring();
    std::vector<std::optional<Rect>> out(pages.size());
    const size_t threads = measuringThreads(pages.size());
    std::atomic<size_t> next{0};
    std::mutex failed;
    std::exception_ptr error;
    // The calling thread measures with the reader's own document; each other
    // worker opens its own over the same bytes.
    auto work = [&](bool own) {
        try {
            std::unique_ptr<PDFDoc> mine;
            if (!own) {
                mine = popplerOver(*r.impl_->bytes);
                if (!mine->isOk())
                    damaged(r.impl_->model.path, "Poppler error " + std::to_string(mine->getErrorCode()));
            }
            PDFDoc& doc = own ? *r.impl_->doc : *mine;
            for (size_t k; (k = next++) < pages.size();)
                out[k] = measurePage(doc, pages[k]);
        } catch (...) {
            std::lock_guard<std::mutex> lock(failed);
            if (!error)
                error = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t)
        pool.emplace_back(work, false);
    work(true);
    for (std::thread& t : pool)
        t.join();
    if (error)
        std::rethrow_exception(error);
    return out;
}

namespace {
Page* existingPage(PDFDoc& doc, int pageIndex, const std::string& path)
{
    if (pageIndex < 0 || pageIndex >= doc.getNumPages())
        damaged(path, "it has no page " + std::to_string(pageIndex + 1));
    Page* page = doc.getCatalog()->getPage(pageIndex + 1);
    if (!page)
        damaged(path, "page " + std::to_string(pageIndex + 1) + " cannot be read");
    return page;
}
} // namespace

std::pair<double, double> Reader::pageSize(int pageIndex) const
{
    Page* page = existingPage(*impl_->doc, pageIndex, impl_->model.path);
    return {page->getCropWidth(), page->getCropHeight()};
}

RasterImage Reader::render(int pageIndex, double dpi) const
{
    PDFDoc& doc = *measuring().impl_->doc;
    existingPage(doc, pageIndex, impl_->model.path);
    SplashColor paper{255, 255, 255};
    SplashOutputDev out(splashModeRGB8, 1, false, paper);
    out.startDoc(&doc);
    doc.displayPage(&out, pageIndex + 1, dpi, dpi, 0, false, true, false);
    SplashBitmap* bitmap = out.getBitmap();
    RasterImage image;
    image.width = bitmap->getWidth();
    image.height = bitmap->getHeight();
    const size_t row = static_cast<size_t>(image.width) * 3;
    image.rgb.reserve(row * static_cast<size_t>(image.height));
    const auto* data = reinterpret_cast<const char*>(bitmap->getDataPtr());
    for (int y = 0; y < image.height; ++y)
        image.rgb.append(data + static_cast<size_t>(y) * static_cast<size_t>(bitmap->getRowSize()), row);
    return image;
}

std::vector<MarkerAnnot> Reader::markers(const std::string& prefix) const
{
    std::vector<MarkerAnnot> out;
    XRef* xref = impl_->doc->getXRef();
    for (size_t i = 0; i < impl_->model.pages.size(); ++i) {
        const ObjRef pr = impl_->model.pages[i].ref;
        Object page = xref->fetch(pr.num, pr.gen);
        if (!page.isDict())
            continue;
        Object annots = page.dictLookup("Annots");
        if (!annots.isArray())
            continue;
        for (int k = 0; k < annots.arrayGetLength(); ++k) {
            const Object& r = annots.arrayGetNF(k);
            if (!r.isRef())
                continue;
            Object a = xref->fetch(r.getRef());
            if (!a.isDict())
                continue;
            Object sub = a.dictLookup("Subtype");
            std::string name;
            bool widget = false;
            if (sub.isName("Link")) {
                Object action = a.dictLookup("A");
                if (action.isDict())
                    name = stringOf(action.dictLookup("URI"));
            } else if (sub.isName("Widget")) {
                name = textToUtf8(stringOf(a.dictLookup("T")));
                widget = true;
            }
            if (name.rfind(prefix, 0) != 0)
                continue;
            MarkerAnnot m;
            m.page = static_cast<int>(i);
            m.annot = refOf(r);
            m.name = name;
            m.widget = widget;
            m.rect = rectOf(a.dictLookup("Rect"));
            out.push_back(m);
        }
    }
    return out;
}

DictSnapshot Reader::pageResources(int pageIndex) const
{
    // As spelled: the page's /Resources, else the nearest ancestor's (ISO 32000-1 7.7.3.4).
    ObjRef node = impl_->model.pages.at(static_cast<size_t>(pageIndex)).ref;
    for (int depth = 0; node.valid() && depth < 64; ++depth) {
        auto value = impl_->rawEntry(node, "Resources");
        if (!value)
            break; // not followable as spelled: Poppler's reading below
        bool indirect = false;
        if (!value->empty()) {
            if (auto res = impl_->dictAt(*value, {}, indirect))
                return indirect ? DictSnapshot{{}, std::move(res->entries)} : std::move(*res);
            break;
        }
        auto parent = impl_->rawEntry(node, "Parent");
        node = parent ? parseRef(*parent) : ObjRef{};
    }
    Page* page = impl_->doc->getCatalog()->getPage(pageIndex + 1);
    DictSnapshot s;
    if (page && page->getResourceDictObject() && page->getResourceDictObject()->isDict())
        s = snapshotOf(*page->getResourceDictObject(), {});
    return s;
}

namespace {

// ISO 32000-1 12.8.2.2: a /Reference entry with /TransformMethod /DocMDP
// makes a certification signature; its /P defaults to 2.
int docMdpLevel(const Object& sig)
{
    Object refs = sig.dictLookup("Reference");
    for (int i = 0; refs.isArray() && i < refs.arrayGetLength(); ++i) {
        Object r = refs.arrayGet(i);
        if (!r.isDict() || !r.dictLookup("TransformMethod").isName("DocMDP"))
            continue;
        Object p = r.dictLookup("TransformParams").isDict() ? r.dictLookup("TransformParams").dictLookup("P") : Object(objNull);
        return p.isInt() && p.getInt() >= 1 && p.getInt() <= 3 ? p.getInt() : 2;
    }
    return 0;
}

} // namespace

std::vector<SignatureRecord> Reader::signatures() const
{
    std::vector<SignatureRecord> out;
    XRef* xref = impl_->doc->getXRef();
    for (const FieldInfo& f : impl_->model.fields) {
        if (!f.isSignature || !f.isSigned)
            continue;
        Object field = xref->fetch(f.field.num, f.field.gen);
        Object v = field.dictLookup("V");
        if (!v.isDict())
            continue;
        SignatureRecord r;
        r.field = f.name;
        Object br = v.dictLookup("ByteRange");
        if (br.isArray())
            for (int i = 0; i < br.arrayGetLength(); ++i) {
                Object n = br.arrayGet(i);
                r.byteRange.push_back(n.isInt64() ? static_cast<unsigned long long>(n.getInt64())
                                      : n.isInt() ? static_cast<unsigned long long>(n.getInt())
                                                  : 0ull);
            }
        r.contents = stringOf(v.dictLookup("Contents"));
        Object sf = v.dictLookup("SubFilter");
        r.subFilter = sf.isName() ? sf.getName() : "";
        r.signingTime = stringOf(v.dictLookup("M"));
        r.reason = textToUtf8(stringOf(v.dictLookup("Reason")));
        r.location = textToUtf8(stringOf(v.dictLookup("Location")));
        Object type = v.dictLookup("Type");
        r.type = type.isName() ? type.getName() : "Sig";
        r.docMdp = docMdpLevel(v);
        out.push_back(std::move(r));
    }
    return out;
}

DssRecord Reader::dss() const
{
    DssRecord d;
    XRef* xref = impl_->doc->getXRef();
    Object cat = xref->fetch(impl_->model.root.num, impl_->model.root.gen);
    if (!cat.isDict())
        return d;
    const Object& nf = cat.getDict()->lookupNF("DSS");
    Object dss;
    if (nf.isRef()) {
        d.ref = refOf(nf);
        XRefEntry* e = xref->getEntry(nf.getRefNum());
        if (e && e->type == xrefEntryUncompressed)
            d.offset = static_cast<unsigned long long>(e->offset);
        else if (e && e->type == xrefEntryCompressed) {
            XRefEntry* os = xref->getEntry(static_cast<int>(e->offset));
            if (os && os->type == xrefEntryUncompressed)
                d.offset = static_cast<unsigned long long>(os->offset);
        }
        dss = xref->fetch(nf.getRef());
    } else {
        dss = nf.copy();
    }
    if (!dss.isDict())
        return d;
    d.present = true;
    auto collect = [&](const char* key, std::vector<std::string>& data, std::vector<std::string>& refs) {
        Object arr = dss.dictLookup(key);
        if (!arr.isArray())
            return;
        for (int i = 0; i < arr.arrayGetLength(); ++i) {
            refs.push_back(serialize(arr.arrayGetNF(i)));
            Object st = arr.arrayGet(i);
            if (!st.isStream())
                continue;
            std::vector<unsigned char> raw = st.getStream()->toUnsignedChars();
            data.emplace_back(reinterpret_cast<const char*>(raw.data()), raw.size());
        }
    };
    collect("Certs", d.certs, d.certRefs);
    collect("OCSPs", d.ocsps, d.ocspRefs);
    collect("CRLs", d.crls, d.crlRefs);
    // VRI entries are written back when the DSS grows: as spelled in the
    // file (an indirect DSS; Poppler's reading only for an inline one).
    bool indirect = false;
    if (auto raw = nf.isRef() ? dictValue(d.ref, "VRI", indirect) : std::nullopt) {
        for (const auto& [key, value] : raw->entries)
            d.vri.emplace_back(raw::decodeName(key), value);
        return d;
    }
    Object vri = dss.dictLookup("VRI");
    if (vri.isDict())
        for (int i = 0; i < vri.dictGetLength(); ++i)
            d.vri.emplace_back(vri.dictGetKey(i), serialize(vri.dictGetValNF(i)));
    return d;
}

int Reader::objectCount() const { return impl_->doc->getXRef()->getNumObjects(); }

ObjectSpot Reader::spot(int num) const
{
    ObjectSpot s;
    XRef* xref = impl_->doc->getXRef();
    XRefEntry* e = num > 0 && num < xref->getNumObjects() ? xref->getEntry(num, false) : nullptr;
    if (!e || e->type == xrefEntryFree || e->offset < 0)
        return s;
    s.inUse = true;
    s.compressed = e->type == xrefEntryCompressed;
    if (s.compressed) {
        s.stream = static_cast<int>(e->offset);
        s.index = e->gen;
        XRefEntry* os = xref->getEntry(s.stream, false);
        s.offset = os && os->type == xrefEntryUncompressed ? static_cast<unsigned long long>(os->offset) : 0;
    } else {
        s.offset = static_cast<unsigned long long>(e->offset);
        s.gen = e->gen;
    }
    return s;
}

std::optional<std::string> Reader::rawObject(ObjRef ref) const
{
    if (auto text = impl_->rawValue(ref))
        return std::string(*text);
    return std::nullopt;
}

bool Reader::isStream(ObjRef ref) const { return impl_->doc->getXRef()->fetch(ref.num, ref.gen).isStream(); }

namespace {

using Roles = std::map<int, ObjectRole>;

void mark(Roles& r, const Object& ref, ObjectRole::Kind kind, int page = -1)
{
    if (ref.isRef())
        r[ref.getRefNum()] = ObjectRole{kind, page};
}

// The DSS, its arrays and VRI dictionaries: all of it is validation data.
void markDss(Roles& r, XRef* xref, const Object& dssRef)
{
    mark(r, dssRef, ObjectRole::Dss);
    Object dss = dssRef.isRef() ? xref->fetch(dssRef.getRef()) : dssRef.copy();
    if (!dss.isDict())
        return;
    for (const char* key : {"Certs", "OCSPs", "CRLs", "VRI"})
        mark(r, dss.getDict()->lookupNF(key), ObjectRole::DssPart);
    Object vri = dss.dictLookup("VRI");
    if (vri.isDict())
        for (int i = 0; i < vri.dictGetLength(); ++i)
            mark(r, vri.dictGetValNF(i), ObjectRole::DssPart);
}

void markFields(Roles& r, XRef* xref, const std::vector<FieldInfo>& fields)
{
    for (const FieldInfo& f : fields) {
        const auto widgetKind = f.isSignature ? ObjectRole::SignatureWidget : ObjectRole::FormWidget;
        r[f.widget.num] = ObjectRole{widgetKind, f.page};
        ObjectRole field{f.isSignature ? ObjectRole::SignatureField : ObjectRole::FormField, f.page, f.isSigned};
        Object fo = xref->fetch(f.field.num, f.field.gen);
        if (f.isSignature && f.isSigned && fo.isDict()) {
            mark(r, fo.getDict()->lookupNF("V"), ObjectRole::SignatureValue);
            Object type = fo.dictLookup("V").dictLookup("Type");
            field.docTimestamp = type.isName("DocTimeStamp");
        }
        r[f.field.num] = field;
    }
}

} // namespace

std::map<int, ObjectRole> Reader::roles() const
{
    Roles r;
    XRef* xref = impl_->doc->getXRef();
    const DocumentModel& m = impl_->model;
    if (Object* trailer = xref->getTrailerDict(); trailer->isDict())
        mark(r, trailer->getDict()->lookupNF("Info"), ObjectRole::Info);
    for (const auto& [annot, page] : impl_->annotPage)
        r[annot.first] = ObjectRole{ObjectRole::Annotation, page};
    for (size_t i = 0; i < m.pages.size(); ++i) {
        r[m.pages[i].ref.num] = ObjectRole{ObjectRole::Page, static_cast<int>(i)};
        Object page = xref->fetch(m.pages[i].ref.num, m.pages[i].ref.gen);
        if (page.isDict())
            mark(r, page.getDict()->lookupNF("Annots"), ObjectRole::AnnotsArray, static_cast<int>(i));
    }
    markFields(r, xref, m.fields);
    Object cat = xref->fetch(m.root.num, m.root.gen);
    if (cat.isDict()) {
        mark(r, cat.getDict()->lookupNF("Metadata"), ObjectRole::Metadata);
        mark(r, cat.getDict()->lookupNF("AcroForm"), ObjectRole::AcroForm);
        Object acro = cat.dictLookup("AcroForm");
        if (acro.isDict())
            mark(r, acro.getDict()->lookupNF("Fields"), ObjectRole::FieldsArray);
        markDss(r, xref, cat.getDict()->lookupNF("DSS"));
    }
    r[m.root.num] = ObjectRole{ObjectRole::Catalog};
    return r;
}

} // namespace bsre::pdf
