#include "core/prepare.hpp"

#include "crypto/cms.hpp"
#include "crypto/digest.hpp"
#include "pdf/form.hpp"
#include "pdf/syntax.hpp"

#include <algorithm>
#include <memory>

namespace bsre {

namespace {

using pdf::ObjRef;

struct SigDict {
    std::string body;
    pdf::SigPlaceholder placeholder;
};

SigDict signatureDictionary(const SignaturePlan& p, size_t capacity)
{
    SigDict d;
    std::string& b = d.body;
    b = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ";
    d.placeholder = pdf::appendSigPlaceholder(b, capacity);
    b += " /M " + pdf::literal(p.mDate);
    if (!p.reason.empty())
        b += " /Reason " + pdf::textString(p.reason);
    if (!p.location.empty())
        b += " /Location " + pdf::textString(p.location);
    if (!p.contact.empty())
        b += " /ContactInfo " + pdf::textString(p.contact);
    if (p.certify) // ISO 32000-1 12.8.2.2: P 2 = form filling and signing stay allowed
        b += " /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P " +
             std::to_string(p.certifyLevel) + " /V /1.2 >> >>]";
    b += " >>";
    return d;
}

// PDF/A and some viewers want an /AP even for an invisible widget.
int appearanceObject(const SignaturePlan& p, pdf::NewObjects& objs)
{
    if (p.appearance)
        return pdf::renderAppearance(*p.appearance, p.rect.width(), p.rect.height(), objs);
    return pdf::emptyAppearance(objs);
}

// The markers leave: a Link marker from the page, a Calc widget marker from
// the page and the form (whose NeedAppearances then goes too).
void removeMarkers(const std::vector<pdf::MarkerAnnot>& markers, const pdf::DocumentModel& m, pdf::FormEditor& form)
{
    bool widgetMarkers = false;
    for (const auto& mk : markers) {
        std::erase(form.annots(m.pages[mk.page].ref), mk.annot.syntax());
        if (mk.widget) {
            std::erase(form.fields(), mk.annot.syntax());
            widgetMarkers = true;
        }
    }
    if (widgetMarkers)
        form.acroForm().erase("NeedAppearances");
}

void fillExistingField(const pdf::Reader& reader, pdf::IncrementalUpdate& update, const pdf::FieldInfo& f, int sigNum,
                       int apNum)
{
    pdf::DictSnapshot field = reader.dict(f.field);
    field.set("V", pdf::ref(sigNum));
    const std::string ap = "<< /N " + pdf::ref(apNum) + " >>";
    if (f.widget == f.field) {
        field.set("AP", ap);
        update.rewrite(field.ref, field.serialize());
        return;
    }
    update.rewrite(field.ref, field.serialize());
    pdf::DictSnapshot widget = reader.dict(f.widget);
    widget.set("AP", ap);
    update.rewrite(widget.ref, widget.serialize());
}

void addNewField(const SignaturePlan& p, ObjRef page, int sigNum, int apNum, pdf::NewObjects& objs,
                 pdf::FormEditor& form)
{
    const int fieldNum = objs.reserve();
    objs.set(fieldNum, pdf::signatureWidget(p.fieldName, " /V " + pdf::ref(sigNum), 132, page,
                                            p.visible ? pdf::rectSyntax(p.rect) : std::string("[0 0 0 0]"), apNum));
    form.addWidget(page, fieldNum);
}

std::vector<std::string> addWaitingLines(const SignaturePlan& p, const pdf::DocumentModel& m, pdf::NewObjects& objs,
                                         pdf::FormEditor& form)
{
    std::vector<std::string> names;
    for (const WaitingLine& w : p.waiting) {
        const int ap = pdf::renderAppearance(w.style, w.rect.width(), w.rect.height(), objs);
        const ObjRef page = m.pages[w.page].ref;
        const std::string tu = w.title.empty() ? "" : " /TU " + pdf::textString(w.title);
        const int num = objs.add(pdf::signatureWidget(w.id, tu, 4, page, pdf::rectSyntax(w.rect), ap));
        form.addWidget(page, num);
        names.push_back(w.id);
    }
    return names;
}

} // namespace


// On some damaged inputs that Poppler opens without a rebuild, what the update
// copies or points to reads differently once appended (a junk /Fields array
// whose entries are pages and the catalog, with a wrong generation; a widget cut
// by a stray `obj`): verify then calls the signed file damaged
// (docs/FUZZING.md, finding 4). Opening runs the same checks as verify.
void requireReadsBack(const PreparedSignature& expected, std::shared_ptr<const std::string> bytes, bool keyUsed)
{
    std::string en, id;
    try {
        auto again = pdf::Reader::openBytes(std::move(bytes), expected.input);
        const pdf::DocumentModel& after = again->model();
        const std::string n = std::to_string(after.pages.size()), m = std::to_string(expected.pages);
        if (after.pages.size() != expected.pages)
            en = "it would have " + n + " pages, not " + m, id = "berkas itu akan memiliki " + n + " halaman, bukan " + m;
        else if (std::none_of(after.fields.begin(), after.fields.end(),
                              [&](const pdf::FieldInfo& f) { return f.isSignature && f.name == expected.fieldName; }))
            en = "its signature field would not be found", id = "kolom tanda tangannya tidak akan ditemukan";
    } catch (const Error& e) {
        if (e.code() == Code::MalformedPdf)
            en = "it would read as damaged", id = "berkas itu akan terbaca rusak";
        else
            en = e.english(), id = e.indonesian();
    }
    if (en.empty())
        return;
    fail(Code::MalformedPdf, Where{expected.input},
         "The PDF " + expected.input + " is damaged in a way that a signature cannot be added safely: the signed "
             "file would not read as the original does (" + en + "); it was not changed and nothing was " +
             (keyUsed ? "written" : "signed") + ". Export it again from its source.",
         "PDF " + expected.input + " rusak sehingga tanda tangan tidak dapat ditambahkan dengan aman: berkas "
             "bertanda tangan tidak akan terbaca seperti aslinya (" + id + "); berkas tidak diubah dan tidak ada yang " +
             (keyUsed ? "ditulis" : "ditandatangani") + ". Ekspor ulang dari sumbernya.");
}

PreparedForService prepareForService(const pdf::Reader& reader, const SignaturePlan& plan)
{
    PreparedForService out;
    out.bytes = reader.bytes();
    if (!plan.notice && plan.markers.empty() && plan.waiting.empty())
        return out; // no update: an empty one would only add a revision
    const pdf::DocumentModel& m = reader.model();
    pdf::IncrementalUpdate update(m);
    pdf::FormEditor form(reader, update);
    if (plan.notice) {
        pdf::NoticeStamp stamp = pdf::stampNotice(*plan.notice, reader, form, update.objects());
        out.stampedPages = std::move(stamp.stampedPages);
        out.scaledPages = std::move(stamp.scaledPages);
    }
    removeMarkers(plan.markers, m, form);
    out.emptyFields = addWaitingLines(plan, m, update.objects(), form);
    form.finish();
    out.bytes += update.finish(pdf::endsWithEol(out.bytes)).bytes;
    return out;
}

crypto::Bytes byteRangeDigest(const pdf::PreparedDocument& document, crypto::HashAlg alg)
{
    crypto::Digest digest(alg);
    digest.update(document.before());
    digest.update(document.after());
    return digest.finish();
}

PreparedSignature prepareSignature(const pdf::Reader& reader, const SignaturePlan& plan,
                                   const crypto::SignerIdentity& signer, size_t timestampAllowance)
{
    const pdf::DocumentModel& m = reader.model();
    pdf::IncrementalUpdate update(m);
    pdf::NewObjects& objs = update.objects();
    PreparedSignature out;
    const int apNum = appearanceObject(plan, objs);
    const size_t capacity = crypto::estimateSignedDataSize(signer, timestampAllowance) + 32;
    const int sigNum = objs.reserve();
    const SigDict sig = signatureDictionary(plan, capacity);
    objs.set(sigNum, sig.body);

    pdf::FormEditor form(reader, update);
    if (plan.notice) {
        pdf::NoticeStamp stamp = pdf::stampNotice(*plan.notice, reader, form, objs);
        out.stampedPages = std::move(stamp.stampedPages);
        out.scaledPages = std::move(stamp.scaledPages);
    }
    removeMarkers(plan.markers, m, form);
    if (plan.existing)
        fillExistingField(reader, update, *plan.existing, sigNum, apNum);
    else
        addNewField(plan, m.pages[plan.pageIndex].ref, sigNum, apNum, objs, form);
    out.emptyFields = addWaitingLines(plan, m, objs, form);
    if (plan.certify)
        form.addToCatalog("Perms", "<< /DocMDP " + pdf::ref(sigNum) + " >>");
    form.finish();

    const std::string& original = reader.bytes();
    out.document = pdf::prepareDocument(original, update.finish(pdf::endsWithEol(original)), sigNum, sig.placeholder);
    out.contentDigest = byteRangeDigest(out.document, signer.hashAlg());
    out.fieldName = plan.fieldName;
    out.input = m.path;
    out.pages = m.pages.size();
    // Not owned: the reader lives only for the check.
    requireReadsBack(out, std::shared_ptr<const std::string>(std::shared_ptr<void>(), &out.document.bytes), false);
    out.signingTime = plan.signingTime;
    out.warnings = plan.warnings;
    return out;
}

} // namespace bsre
