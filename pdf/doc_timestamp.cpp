#include "pdf/doc_timestamp.hpp"

#include "pdf/form.hpp"

namespace bsre::pdf {

// An invisible /DocTimeStamp field (ETSI.RFC3161) on the first page, with a
// placeholder of `capacity` bytes: the same prepare step as a signature's.
PreparedTimestamp prepareDocumentTimestamp(const Reader& reader, size_t capacity)
{
    const DocumentModel& m = reader.model();
    IncrementalUpdate update(m);
    NewObjects& objs = update.objects();
    const int sigNum = objs.reserve();
    std::string body = "<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 ";
    const SigPlaceholder placeholder = appendSigPlaceholder(body, capacity);
    objs.set(sigNum, body + " >>");

    PreparedTimestamp out;
    out.field = uniqueFieldName(m, "DocTimeStamp");
    const ObjRef page = m.pages.front().ref;
    const int ap = emptyAppearance(objs);
    const int widget = objs.add(signatureWidget(out.field, " /V " + ref(sigNum), 132, page, "[0 0 0 0]", ap));
    FormEditor form(reader, update);
    form.addWidget(page, widget);
    form.finish();

    const std::string& original = reader.bytes();
    out.document = prepareDocument(original, update.finish(endsWithEol(original)), sigNum, placeholder);
    return out;
}

} // namespace bsre::pdf
