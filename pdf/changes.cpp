#include "pdf/changes.hpp"

#include "pdf/form.hpp"
#include "pdf/raw_syntax.hpp"
#include "pdf/reader.hpp"

#include <algorithm>

namespace bsre::pdf {

namespace {

using Roles = std::map<int, ObjectRole>;
using Entries = std::vector<raw::Entry>;

ObjectRole roleOf(const Roles& roles, int num)
{
    auto it = roles.find(num);
    return it == roles.end() ? ObjectRole{} : it->second;
}

// "object 12 (page 1)" in both languages.
std::pair<std::string, std::string> describe(int num, const ObjectRole& role)
{
    static const std::map<ObjectRole::Kind, std::pair<const char*, const char*>> names{
        {ObjectRole::Catalog, {"the catalog", "katalog"}},
        {ObjectRole::Info, {"the document information", "informasi dokumen"}},
        {ObjectRole::Metadata, {"the XMP metadata", "metadata XMP"}},
        {ObjectRole::Page, {"page", "halaman"}},
        {ObjectRole::AnnotsArray, {"the annotations of page", "anotasi halaman"}},
        {ObjectRole::Annotation, {"an annotation on page", "anotasi di halaman"}},
        {ObjectRole::AcroForm, {"the form (AcroForm)", "formulir (AcroForm)"}},
        {ObjectRole::FieldsArray, {"the form's field list", "daftar kolom formulir"}},
        {ObjectRole::SignatureField, {"a signature field", "kolom tanda tangan"}},
        {ObjectRole::SignatureWidget, {"a signature field's widget", "widget kolom tanda tangan"}},
        {ObjectRole::SignatureValue, {"a signature's value", "nilai tanda tangan"}},
        {ObjectRole::FormField, {"a form field", "kolom formulir"}},
        {ObjectRole::FormWidget, {"a form field's widget", "widget kolom formulir"}},
        {ObjectRole::Dss, {"the DSS", "DSS"}},
        {ObjectRole::DssPart, {"part of the DSS", "bagian DSS"}},
    };
    std::string en = "object " + std::to_string(num), id = "objek " + std::to_string(num);
    if (auto it = names.find(role.kind); it != names.end()) {
        const bool paged = role.kind == ObjectRole::Page || role.kind == ObjectRole::AnnotsArray ||
                           role.kind == ObjectRole::Annotation;
        const std::string page = paged && role.page >= 0 ? " " + std::to_string(role.page + 1) : "";
        en += std::string(" (") + it->second.first + page + ")";
        id += std::string(" (") + it->second.second + page + ")";
    }
    return {en, id};
}

// The keys whose values differ as spelled (added, removed or changed).
std::vector<std::string> changedKeys(const Entries& a, const Entries& b)
{
    std::map<std::string, std::string> av, bv;
    for (auto& [k, v] : a)
        av[raw::decodeName(k)] = v;
    for (auto& [k, v] : b)
        bv[raw::decodeName(k)] = v;
    std::vector<std::string> out;
    for (auto& [k, v] : av)
        if (!bv.count(k) || bv[k] != v)
            out.push_back(k);
    for (auto& [k, v] : bv)
        if (!av.count(k))
            out.push_back(k);
    return out;
}

std::string keyList(const std::vector<std::string>& keys)
{
    std::string s;
    for (const std::string& k : keys)
        s += (s.empty() ? "/" : ", /") + k;
    return s;
}


// Why a change is refused, in both languages; empty `en` when allowed.
struct Reason {
    std::string en, id;
    bool refused() const { return !en.empty(); }
};

struct Judge {
    const Revision& before; // the document as it was
    const Revision& after;  // the document with this revision
    int mdp;

    Modification change(int num, int revision) const;

private:
    Reason items(const std::string& oldValue, const std::string& newValue, bool fieldList) const;
    Reason key(const ObjectRole& role, const std::string& key, const Entries& a, const Entries& b) const;
    Reason dict(const ObjectRole& role, const Entries& a, const Entries& b) const;
    Reason newItem(const std::string& item, bool fieldList) const;
};

// An array value as spelled, following one reference into the revision given.
std::vector<std::string> arrayOf(const std::string& value, const Reader& reader)
{
    std::string text = value;
    if (ObjRef r = parseRef(value); r.valid())
        text = reader.rawObject(r).value_or("");
    return raw::arrayItems(text).value_or(std::vector<std::string>{});
}

// An entry a list gained: a signature field (P >= 2, or a document
// timestamp), or under P3 an annotation; anything else is refused.
Reason Judge::newItem(const std::string& item, bool fieldList) const
{
    const ObjectRole role = roleOf(after.roles, parseRef(item).num);
    if (role.kind == ObjectRole::SignatureField || role.kind == ObjectRole::SignatureWidget) {
        if (mdp >= 2 || mdp == RevisionHistory::kOnlySignatures || role.docTimestamp)
            return {};
        return {"a signature field was added (" + item + "), which the certification (P1) does not allow",
                "kolom tanda tangan ditambahkan (" + item + "), padahal sertifikasi (P1) tidak mengizinkannya"};
    }
    if (fieldList)
        return {"a field other than a signature field was added", "kolom selain kolom tanda tangan ditambahkan"};
    if (mdp == 3 && role.kind == ObjectRole::Annotation)
        return {};
    return {"an annotation was added (" + item + ")", "anotasi ditambahkan (" + item + ")"};
}

// A list of references that may only grow (/Annots, /Fields): every earlier
// item kept in order, and each new one of an allowed kind.
Reason Judge::items(const std::string& oldValue, const std::string& newValue, bool fieldList) const
{
    const auto a = arrayOf(oldValue, *before.reader), b = arrayOf(newValue, *after.reader);
    size_t k = 0;
    std::vector<std::string> added;
    for (const std::string& item : b) {
        if (k < a.size() && item == a[k])
            ++k;
        else
            added.push_back(item);
    }
    if (k < a.size())
        return {"an entry present when signed was removed", "entri yang ada saat ditandatangani dihapus"};
    for (const std::string& item : added)
        if (Reason r = newItem(item, fieldList); r.refused())
            return r;
    return {};
}

Reason Judge::key(const ObjectRole& role, const std::string& k, const Entries& a, const Entries& b) const
{
    const std::string* ap = raw::find(a, k);
    const std::string* bp = raw::find(b, k);
    const std::string av = ap ? *ap : std::string(), bv = bp ? *bp : std::string();
    const Reason refused{"/" + k + " changed", "/" + k + " diubah"};
    switch (role.kind) {
    case ObjectRole::Catalog:
        if (k == "DSS" || k == "Extensions" || k == "Metadata" || (k == "AcroForm" && av.empty()))
            return {};
        if (k == "AcroForm" && av.rfind("<<", 0) == 0 && bv.rfind("<<", 0) == 0)
            return dict(ObjectRole{ObjectRole::AcroForm}, raw::dictEntries(av).value_or(Entries{}),
                        raw::dictEntries(bv).value_or(Entries{}));
        return refused;
    case ObjectRole::Page: return k == "Annots" ? items(av, bv, false) : refused;
    case ObjectRole::AcroForm:
        return k == "Fields" ? items(av, bv, true) : k == "SigFlags" ? Reason{} : refused;
    case ObjectRole::SignatureField:
        return (k == "V" && av.empty()) || k == "AP" ? Reason{} : refused;
    case ObjectRole::SignatureWidget: return k == "AP" ? Reason{} : refused;
    case ObjectRole::FormField: return mdp >= 2 && (k == "V" || k == "AS" || k == "AP") ? Reason{} : refused;
    case ObjectRole::FormWidget: return mdp >= 2 && (k == "AS" || k == "AP" || k == "MK") ? Reason{} : refused;
    case ObjectRole::Annotation: return mdp == 3 ? Reason{} : refused;
    default: return refused;
    }
}

Reason Judge::dict(const ObjectRole& role, const Entries& a, const Entries& b) const
{
    if (role.kind == ObjectRole::SignatureField && role.signedField)
        return {"the field was already signed", "kolom sudah ditandatangani"};
    for (const std::string& k : changedKeys(a, b))
        if (Reason r = key(role, k, a, b); r.refused())
            return r;
    return {};
}


bool wholeObjectAllowed(ObjectRole::Kind k)
{
    return k == ObjectRole::Dss || k == ObjectRole::DssPart || k == ObjectRole::Info || k == ObjectRole::Metadata;
}

Modification Judge::change(int num, int revision) const
{
    const ObjectSpot a = before.reader->spot(num), b = after.reader->spot(num);
    const ObjectRole role = roleOf(before.roles, num);
    auto [en, id] = describe(num, a.inUse ? role : roleOf(after.roles, num));
    Modification m{revision, false, en, id};
    auto say = [&m](bool ok, const std::string& e, const std::string& i) {
        m.allowed = ok;
        m.what += ": " + e;
        m.whatId += ": " + i;
        return m;
    };
    if (!b.inUse)
        return say(false, "removed", "dihapus");
    if (b.offset < before.end)
        return say(false, "now read from byte " + std::to_string(b.offset) + ", inside an earlier revision (hidden content brought back)",
                   "kini dibaca dari bita " + std::to_string(b.offset) + ", di dalam revisi sebelumnya (isi tersembunyi dimunculkan)");
    if (!a.inUse)
        return say(true, "added", "ditambahkan");
    if (wholeObjectAllowed(role.kind))
        return say(true, "updated", "diperbarui");
    const auto ta = before.reader->rawObject({num, a.gen}), tb = after.reader->rawObject({num, b.gen});
    if (a.gen != b.gen || !ta || !tb || before.reader->isStream({num, a.gen}) || after.reader->isStream({num, b.gen}))
        return say(false, "redefined", "didefinisikan ulang");
    if (role.kind == ObjectRole::AnnotsArray || role.kind == ObjectRole::FieldsArray) {
        const Reason r = items(*ta, *tb, role.kind == ObjectRole::FieldsArray);
        return r.refused() ? say(false, r.en, r.id) : say(true, "entries added", "entri ditambahkan");
    }
    const auto ea = raw::dictEntries(*ta), eb = raw::dictEntries(*tb);
    if (!ea || !eb)
        return *ta == *tb ? say(true, "rewritten unchanged", "ditulis ulang tanpa perubahan")
                          : say(false, "changed", "diubah");
    const auto keys = changedKeys(*ea, *eb);
    if (keys.empty())
        return say(true, "rewritten unchanged", "ditulis ulang tanpa perubahan");
    if (role.kind == ObjectRole::SignatureField && mdp == 1 && !roleOf(after.roles, num).docTimestamp)
        return say(false, "signed, but the certification allows no changes", "ditandatangani, padahal sertifikasi tidak mengizinkan perubahan");
    const Reason r = dict(role, *ea, *eb);
    return r.refused() ? say(false, r.en, r.id) : say(true, keyList(keys) + " changed as allowed", keyList(keys) + " diubah sesuai izin");
}

void compare(const Judge& judge, int revision, std::vector<Modification>& out)
{
    const int n = std::max(judge.before.reader->objectCount(), judge.after.reader->objectCount());
    for (int num = 1; num < n; ++num)
        if (!(judge.before.reader->spot(num) == judge.after.reader->spot(num)))
            out.push_back(judge.change(num, revision));
}

} // namespace

const Revision* RevisionHistory::at(unsigned long long end, bool required)
{
    auto it = opened_.find(end);
    if (it == opened_.end()) {
        auto r = std::make_unique<Revision>();
        try {
            auto prefix = std::make_shared<const std::string>(bytes_.substr(0, end));
            r->reader = Reader::openBytes(std::move(prefix), "revision ending at byte " + std::to_string(end));
            r->roles = r->reader->roles();
            r->end = end;
        } catch (const Error&) {
            if (required)
                throw;
            r.reset(); // an "%%EOF" inside a stream, not a revision's end
        }
        it = opened_.emplace(end, std::move(r)).first;
    }
    if (!it->second && required)
        fail(Code::MalformedPdf, "The revision ending at byte " + std::to_string(end) + " cannot be read.",
             "Revisi yang berakhir pada bita " + std::to_string(end) + " tidak dapat dibaca.");
    return it->second.get();
}

std::vector<Modification> RevisionHistory::modificationsAfter(unsigned long long signedEnd, int mdp)
{
    std::vector<Modification> out;
    const Revision* before = at(signedEnd, true);
    for (size_t k = 0; k < ends_.size(); ++k) {
        if (ends_[k] <= signedEnd)
            continue;
        const Revision* after = at(ends_[k], ends_[k] >= bytes_.size());
        if (!after)
            continue;
        compare(Judge{*before, *after, mdp}, static_cast<int>(k) + 1, out);
        before = after;
    }
    return out;
}

} // namespace bsre::pdf
