#include "pdf/form.hpp"

namespace bsre::pdf {

FormEditor::FormEditor(const Reader& reader, IncrementalUpdate& update) : reader_(reader), update_(update)
{
    const DocumentModel& m = reader.model();
    acro_ = reader.dictValue(m.root, "AcroForm", acroIndirect_);
    if (!acro_)
        acro_ = DictSnapshot{};
    if (const std::string* f = acro_->get("Fields")) {
        if (ObjRef r = parseRef(*f); r.valid()) {
            fields_.arrayRef = r;
            fields_.items = reader.arrayItems(r);
        } else {
            fields_.items = splitRefs(*f);
        }
    }
}

DictSnapshot& FormEditor::page(ObjRef ref)
{
    auto it = pages_.find(ref.num);
    if (it == pages_.end())
        it = pages_.emplace(ref.num, reader_.dict(ref)).first;
    return it->second;
}

std::vector<std::string>& FormEditor::annots(ObjRef pageRef)
{
    auto it = annots_.find(pageRef.num);
    if (it == annots_.end()) {
        ItemList l;
        l.owner = pageRef;
        l.items = reader_.arrayValue(pageRef, "Annots", l.arrayRef);
        it = annots_.emplace(pageRef.num, std::move(l)).first;
    }
    return it->second.items;
}

DictSnapshot& FormEditor::catalog()
{
    if (!catalog_)
        catalog_ = reader_.dict(reader_.model().root);
    return *catalog_;
}

void FormEditor::addWidget(ObjRef pageRef, int objectNumber)
{
    annots(pageRef).push_back(ref(objectNumber));
    fields_.items.push_back(ref(objectNumber));
}

void FormEditor::writeList(const ItemList& list, DictSnapshot& owner, const char* key)
{
    if (list.arrayRef.valid())
        update_.rewrite(list.arrayRef, arraySyntax(list.items));
    else
        owner.set(key, arraySyntax(list.items));
}

void FormEditor::finish()
{
    for (auto& [num, list] : annots_)
        writeList(list, page(list.owner), "Annots");
    writeList(fields_, *acro_, "Fields");
    acro_->set("SigFlags", "3");
    if (acroIndirect_)
        update_.rewrite(acro_->ref, acro_->serialize());
    else
        catalog().set("AcroForm", ref(update_.objects().add(acro_->serialize())));
    for (auto& [key, value] : catalogAdds_)
        catalog().set(key, value);
    if (catalog_)
        update_.rewrite(reader_.model().root, catalog_->serialize());
    for (auto& [num, p] : pages_)
        update_.rewrite(p.ref, p.serialize());
}

} // namespace bsre::pdf
