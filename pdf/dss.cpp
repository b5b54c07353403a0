#include "pdf/dss.hpp"

#include "pdf/syntax.hpp"
#include "pdf/update.hpp"

#include <algorithm>
#include <map>

namespace bsre::pdf {

namespace {

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
    std::string array(const std::vector<std::string>& items) const
    {
        std::string a = "[";
        for (size_t i = 0; i < items.size(); ++i)
            a += (i ? " " : "") + items[i];
        return a + "]";
    }
};

} // namespace

std::string appendDss(const Reader& reader, const DssAddition& add, DssOutcome& outcome)
{
    const DocumentModel& m = reader.model();
    const DssRecord old = reader.dss();
    IncrementalUpdate update(m);
    NewObjects& objs = update.objects();

    Column certs(old.certRefs, old.certs), ocsps(old.ocspRefs, old.ocsps), crls(old.crlRefs, old.crls);
    std::vector<std::string> certRef, ocspRef, crlRef;
    for (const auto& c : add.certs)
        certRef.push_back(certs.place(c, objs));
    for (const auto& o : add.ocsps)
        ocspRef.push_back(ocsps.place(o, objs));
    for (const auto& c : add.crls)
        crlRef.push_back(crls.place(c, objs));

    // VRI: existing entries kept unless this update speaks for the same signature.
    std::map<std::string, std::string> vri;
    for (const auto& [k, v] : old.vri)
        vri[k] = v;
    for (const auto& v : add.vri) {
        auto pick = [](const std::vector<int>& idx, const std::vector<std::string>& refs) {
            std::string a = "[";
            for (size_t i = 0; i < idx.size(); ++i)
                a += (i ? " " : "") + refs.at(static_cast<size_t>(idx[i]));
            return a + "]";
        };
        std::string d = "<<";
        if (!v.certs.empty())
            d += " /Cert " + pick(v.certs, certRef);
        if (!v.ocsps.empty())
            d += " /OCSP " + pick(v.ocsps, ocspRef);
        if (!v.crls.empty())
            d += " /CRL " + pick(v.crls, crlRef);
        vri[v.key] = d + " >>";
    }

    // Nothing new (an archive extended again the same day): no update at all.
    // (No new data means the VRI entries point at what is there already.)
    bool newKey = false;
    for (const auto& v : add.vri)
        newKey = newKey || std::none_of(old.vri.begin(), old.vri.end(), [&](const auto& kv) { return kv.first == v.key; });
    if (old.present && certs.added + ocsps.added + crls.added == 0 && !newKey) {
        outcome = {};
        return reader.bytes();
    }

    std::string body = "<< /Type /DSS";
    if (!certs.refs.empty())
        body += " /Certs " + certs.array(certs.refs);
    if (!ocsps.refs.empty())
        body += " /OCSPs " + ocsps.array(ocsps.refs);
    if (!crls.refs.empty())
        body += " /CRLs " + crls.array(crls.refs);
    if (!vri.empty()) {
        body += " /VRI <<";
        for (const auto& [k, v] : vri)
            body += " " + name(k) + " " + v;
        body += " >>";
    }
    body += " >>";

    DictSnapshot catalog = reader.dict(m.root);
    if (old.ref.valid()) {
        update.rewrite(old.ref, body);
    } else {
        catalog.set("DSS", ref(objs.add(body)));
        update.rewrite(m.root, catalog.serialize());
    }
    // ISO 32000-2 (Extensions): a PDF 1.7 reader learns of the DSS through ESIC level 5.
    if (!catalog.get("Extensions")) {
        catalog.set("Extensions", "<< /ESIC << /BaseVersion /1.7 /ExtensionLevel 5 >> >>");
        update.rewrite(m.root, catalog.serialize());
    }

    const std::string& original = reader.bytes();
    const bool eol = !original.empty() && (original.back() == '\n' || original.back() == '\r');
    IncrementalUpdate::Result r = update.finish(eol);
    outcome.certsAdded = certs.added;
    outcome.ocspsAdded = ocsps.added;
    outcome.crlsAdded = crls.added;
    outcome.bytesAdded = r.bytes.size();
    return original + r.bytes;
}

} // namespace bsre::pdf
