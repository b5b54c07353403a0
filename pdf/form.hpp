// Editing a document's form in an incremental update: references and arrays
// in PDF syntax, and FormEditor, shared by signatures and document timestamps.
#pragma once

#include "common/error.hpp"
#include "pdf/model.hpp"
#include "pdf/reader.hpp"
#include "pdf/syntax.hpp"
#include "pdf/update.hpp"

#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bsre::pdf {

// "12 0 R" -> ref, anything else -> invalid.
inline ObjRef parseRef(const std::string& s)
{
    int n = 0, g = 0;
    char r = 0;
    if (std::sscanf(s.c_str(), "%d %d %c", &n, &g, &r) == 3 && r == 'R')
        return {n, g};
    return {};
}

// "[1 0 R 5 0 R]" -> {"1 0 R", "5 0 R"} (field arrays hold references only).
inline std::vector<std::string> splitRefs(const std::string& arraySyntax)
{
    std::vector<std::string> out;
    const char* p = arraySyntax.c_str();
    while (*p) {
        int n = 0, g = 0, used = 0;
        char r = 0;
        if (std::sscanf(p, " %d %d %c%n", &n, &g, &r, &used) == 3 && r == 'R') {
            out.push_back(std::to_string(n) + " " + std::to_string(g) + " R");
            p += used;
        } else {
            ++p;
        }
    }
    return out;
}

inline std::string arraySyntax(const std::vector<std::string>& items)
{
    std::string a = "[";
    for (size_t i = 0; i < items.size(); ++i)
        a += (i ? " " : "") + items[i];
    return a + "]";
}

// "[x1 y1 x2 y2]"
inline std::string rectSyntax(const Rect& r)
{
    return "[" + num(r.x1) + " " + num(r.y1) + " " + num(r.x2) + " " + num(r.y2) + "]";
}

// A merged signature field and widget (ISO 32000-1 12.7.4.5, 12.5.6.19).
// `entries`: what goes after /T (" /V 12 0 R" when signed, " /TU (…)" for a
// line waiting for its signer); `flags`: 132 print+locked, 4 print.
inline std::string signatureWidget(const std::string& name, const std::string& entries, int flags, ObjRef page,
                                   const std::string& rect, int appearance)
{
    return "<< /Type /Annot /Subtype /Widget /FT /Sig /T " + textString(name) + entries + " /F " +
           std::to_string(flags) + " /P " + page.syntax() + " /Rect " + rect + " /AP << /N " + ref(appearance) +
           " >> >>";
}

// The empty Form XObject an invisible widget shows (PDF/A and some viewers want an /AP).
inline int emptyAppearance(NewObjects& objs)
{
    return objs.add(streamObject("/Type /XObject /Subtype /Form /BBox [0 0 0 0]", "", false));
}

inline std::string uniqueFieldName(const DocumentModel& m, const std::string& stem)
{
    for (int i = 1;; ++i) {
        std::string n = stem + std::to_string(i);
        bool clash = false;
        for (auto& f : m.fields)
            if (f.name == n)
                clash = true;
        if (!clash)
            return n;
    }
}

// The form and page edits of one incremental update, shared by the
// signature and the document timestamp (qpdf's AcroForm helper in spirit):
// each page, annotation list and the field list is read once, edited in
// memory, and written once by finish().
class FormEditor {
public:
    FormEditor(const Reader& reader, IncrementalUpdate& update);

    DictSnapshot& page(ObjRef ref);                 // a page dictionary to change
    std::vector<std::string>& annots(ObjRef page);  // the page's /Annots items
    std::vector<std::string>& fields() { return fields_.items; } // the form's /Fields items
    DictSnapshot& acroForm() { return *acro_; }
    DictSnapshot& catalog();
    // An entry the catalog gains after the AcroForm (e.g. /Perms).
    void addToCatalog(std::string key, std::string value) { catalogAdds_.emplace_back(std::move(key), std::move(value)); }
    // A merged field/widget dictionary joins the page's annotations and the form.
    void addWidget(ObjRef page, int objectNumber);

    // Writes the lists back (inline or the indirect array), /SigFlags 3
    // (ISO 32000-1 12.7.2: SignaturesExist | AppendOnly), the AcroForm (an
    // inline or missing one moves into an object of its own), the catalog
    // when it changed, and every edited page.
    void finish();

private:
    struct ItemList {
        ObjRef owner, arrayRef;
        std::vector<std::string> items;
    };
    void writeList(const ItemList& list, DictSnapshot& owner, const char* key);

    const Reader& reader_;
    IncrementalUpdate& update_;
    std::map<int, DictSnapshot> pages_;
    std::map<int, ItemList> annots_;
    ItemList fields_;
    std::optional<DictSnapshot> acro_, catalog_;
    std::vector<std::pair<std::string, std::string>> catalogAdds_;
    bool acroIndirect_ = false;
};

} // namespace bsre::pdf
