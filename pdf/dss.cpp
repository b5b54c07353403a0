#include "pdf/dss.hpp"

#include "pdf/syntax.hpp"
#include "pdf/update.hpp"

#include <algorithm>
#include <map>

namespace bsre::pdf {

namespace {

// "[a b c]" of references as written.
std::string refArray(const std::vector<std::string>& items)
{
    std::string a = "[";
    for (size_t i = 0; i < items.size(); ++i)
        a += (i ? " " : "") + items[i];
    return a + "]";
}

// References of one DSS array: the existing ones first, then a stream per new datum.
struct Column {
    std::vector<std::string> refs;
    std::vector<std::string> data; // aligned with refs where known
    int added = 0;

    Column(const std::vector<std::string>& oldRefs, const std::vector<std::string>& oldData) : refs(oldRefs)
    {
        if (oldData.size() == oldRefs.size())
            data = oldData;
    }
    // The reference of `der`, adding a stream when it is new.
    std::string place(const std::string& der, NewObjects& objs)
    {
        auto it = std::find(data.begin(), data.end(), der);
        if (it != data.end() && data.size() == refs.size())
            return refs[it - data.begin()];
        const std::string r = ref(objs.add(streamObject("", der, false)));
        refs.push_back(r);
        if (data.size() + 1 == refs.size())
            data.push_back(der);
        ++added;
        return r;
    }
    // The references of each of `ders`, in their order.
    std::vector<std::string> placeAll(const std::vector<std::string>& ders, NewObjects& objs)
    {
        std::vector<std::string> out;
        for (const auto& der : ders)
            out.push_back(place(der, objs));
        return out;
    }
};

// The three arrays of the DSS, and where this addition's data went in them.
struct Columns {
    Column certs, ocsps, crls;
    std::vector<std::string> certRef, ocspRef, crlRef; // aligned with DssAddition's lists

    Columns(const DssRecord& old, const DssAddition& add, NewObjects& objs)
        : certs(old.certRefs, old.certs), ocsps(old.ocspRefs, old.ocsps), crls(old.crlRefs, old.crls),
          certRef(certs.placeAll(add.certs, objs)), ocspRef(ocsps.placeAll(add.ocsps, objs)),
          crlRef(crls.placeAll(add.crls, objs))
    {
    }
    int added() const { return certs.added + ocsps.added + crls.added; }
};

std::string picked(const std::vector<int>& idx, const std::vector<std::string>& refs)
{
    std::vector<std::string> items;
    for (int i : idx)
        items.push_back(refs.at(static_cast<size_t>(i)));
    return refArray(items);
}

std::string vriEntry(const DssAddition::Vri& v, const Columns& c)
{
    std::string d = "<<";
    if (!v.certs.empty())
        d += " /Cert " + picked(v.certs, c.certRef);
    if (!v.ocsps.empty())
        d += " /OCSP " + picked(v.ocsps, c.ocspRef);
    if (!v.crls.empty())
        d += " /CRL " + picked(v.crls, c.crlRef);
    return d + " >>";
}

// VRI: existing entries kept unless this update speaks for the same signature.
std::map<std::string, std::string> mergedVri(const DssRecord& old, const DssAddition& add, const Columns& c)
{
    std::map<std::string, std::string> vri;
    for (const auto& [k, v] : old.vri)
        vri[k] = v;
    for (const auto& v : add.vri)
        vri[v.key] = vriEntry(v, c);
    return vri;
}

// Nothing new (an archive extended again the same day): no update at all.
// (No new data means the VRI entries point at what is there already.)
bool addsNothing(const DssRecord& old, const DssAddition& add, const Columns& c)
{
    bool newKey = false;
    for (const auto& v : add.vri)
        newKey = newKey || std::none_of(old.vri.begin(), old.vri.end(), [&](const auto& kv) { return kv.first == v.key; });
    return old.present && c.added() == 0 && !newKey;
}

std::string dssBody(const Columns& c, const std::map<std::string, std::string>& vri)
{
    std::string body = "<< /Type /DSS";
    if (!c.certs.refs.empty())
        body += " /Certs " + refArray(c.certs.refs);
    if (!c.ocsps.refs.empty())
        body += " /OCSPs " + refArray(c.ocsps.refs);
    if (!c.crls.refs.empty())
        body += " /CRLs " + refArray(c.crls.refs);
    if (!vri.empty()) {
        body += " /VRI <<";
        for (const auto& [k, v] : vri)
            body += " " + name(k) + " " + v;
        body += " >>";
    }
    return body + " >>";
}

// The DSS object rewritten in place, or a new one the catalog points at.
void attachDss(IncrementalUpdate& update, const Reader& reader, const DssRecord& old, const std::string& body)
{
    const ObjRef root = reader.model().root;
    DictSnapshot catalog = reader.dict(root);
    if (old.ref.valid()) {
        update.rewrite(old.ref, body);
    } else {
        catalog.set("DSS", ref(update.objects().add(body)));
        update.rewrite(root, catalog.serialize());
    }
    // ISO 32000-2 (Extensions): a PDF 1.7 reader learns of the DSS through ESIC level 5.
    if (!catalog.get("Extensions")) {
        catalog.set("Extensions", "<< /ESIC << /BaseVersion /1.7 /ExtensionLevel 5 >> >>");
        update.rewrite(root, catalog.serialize());
    }
}

} // namespace

std::string appendDss(const Reader& reader, const DssAddition& add, DssOutcome& outcome)
{
    const DssRecord old = reader.dss();
    IncrementalUpdate update(reader.model());
    const Columns columns(old, add, update.objects());
    const std::map<std::string, std::string> vri = mergedVri(old, add, columns);
    if (addsNothing(old, add, columns)) {
        outcome = {};
        return reader.bytes();
    }
    attachDss(update, reader, old, dssBody(columns, vri));

    const std::string& original = reader.bytes();
    IncrementalUpdate::Result r = update.finish(endsWithEol(original));
    outcome = {columns.certs.added, columns.ocsps.added, columns.crls.added, r.bytes.size()};
    return original + r.bytes;
}

} // namespace bsre::pdf
