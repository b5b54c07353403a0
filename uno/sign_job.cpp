#include "sign_job.hpp"

#include "core/notice_text.hpp"
#include "core/sign.hpp"
#include "core/verify.hpp"
#include "crypto/digest.hpp"
#include "pdf/reader.hpp"

#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/io/IOException.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/xml/crypto/DigestID.hpp>
#include <com/sun/star/xml/crypto/XDigestContextSupplier.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/deployment/PackageInformationProvider.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/graphic/GraphicProvider.hpp>
#include <com/sun/star/graphic/XGraphicProvider.hpp>
#include <com/sun/star/style/XStyle.hpp>
#include <com/sun/star/style/XStyleFamiliesSupplier.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XToolkitExperimental.hpp>
#include <com/sun/star/task/InteractionHandler.hpp>
#include <com/sun/star/task/PasswordContainer.hpp>
#include <com/sun/star/task/XPasswordContainer2.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <unistd.h>

namespace bsre::ext {

using namespace css;
namespace fs = std::filesystem;

namespace {

// A private folder for the working PDF, removed whatever happens.
struct PrivateDir {
    std::string path;
    PrivateDir()
    {
        std::string t = (fs::temp_directory_path() / "bsre-sign-XXXXXX").string();
        if (!::mkdtemp(t.data())) // 0700
            fail(Code::Io, "A private temporary folder could not be created.",
                 "Folder sementara pribadi tidak dapat dibuat.");
        path = t;
    }
    ~PrivateDir()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

template <class T>
bool get(const beans::PropertyValue& p, const char* name, T& out)
{
    return p.Name.equalsAscii(name) && (p.Value >>= out);
}

// HTTP basic credentials for the TSA from LibreOffice's password container
// (a record for the TSA's URL), so they never sit in the configuration. A
// persistent record may need the master password: asked only in the dialog.
void tsaCredentials(const uno::Reference<uno::XComponentContext>& ctx, crypto::TsaConfig& tsa, bool interactive)
{
    try {
        uno::Reference<task::XPasswordContainer2> container = task::PasswordContainer::create(ctx);
        uno::Reference<task::XInteractionHandler> handler;
        if (interactive)
            handler.set(task::InteractionHandler::createWithParent(ctx, nullptr), uno::UNO_QUERY);
        task::UrlRecord record = container->find(toU(tsa.url), handler);
        if (record.UserList.hasElements()) {
            const task::UserRecord& user = record.UserList[0];
            tsa.user = fromU(user.UserName);
            if (user.Passwords.hasElements())
                tsa.password = fromU(user.Passwords[0]);
        }
    } catch (const uno::Exception&) {
        // No container or no master password given: the TSA is asked without
        // credentials and says so (HTTP 401) if it needs them.
    }
}

// NSS inside soffice belongs to LibreOffice (decision 6): ask its own
// initializer to bring it up from the Certificate Path setting.
void ensureNss(const uno::Reference<uno::XComponentContext>& ctx)
{
    try {
        uno::Reference<xml::crypto::XDigestContextSupplier> init(
            ctx->getServiceManager()->createInstanceWithContext("com.sun.star.xml.crypto.NSSInitializer", ctx),
            uno::UNO_QUERY_THROW);
        init->getDigestContext(xml::crypto::DigestID::SHA256, {});
    } catch (const uno::Exception& e) {
        fail(Code::TokenError, "LibreOffice's certificate system could not be started (" + fromU(e.Message) + ").",
             "Sistem sertifikat LibreOffice tidak dapat dijalankan (" + fromU(e.Message) + ").");
    }
}

// LibreOffice's Certificate Path: the environment override, else the option
// (Tools > Options > Security > Certificate).
std::string certificatePath(const uno::Reference<uno::XComponentContext>& ctx)
{
    if (const char* env = std::getenv("MOZILLA_CERTIFICATE_FOLDER"); env && *env)
        return env;
    try {
        uno::Reference<lang::XMultiServiceFactory> provider(
            ctx->getServiceManager()->createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx),
            uno::UNO_QUERY_THROW);
        beans::PropertyValue p;
        p.Name = "nodepath";
        p.Value <<= OUString("/org.openoffice.Office.Common/Security/Scripting");
        uno::Reference<container::XNameAccess> a(
            provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                                  seq<uno::Any>({uno::Any(p)})),
            uno::UNO_QUERY_THROW);
        OUString dir;
        a->getByName("CertDir") >>= dir;
        return fromU(dir);
    } catch (const uno::Exception&) {
        return {};
    }
}

const char* pdfFilterFor(const uno::Reference<frame::XModel>& model)
{
    uno::Reference<lang::XServiceInfo> si(model, uno::UNO_QUERY);
    if (!si.is())
        return nullptr;
    if (si->supportsService("com.sun.star.text.WebDocument"))
        return "writer_web_pdf_Export";
    if (si->supportsService("com.sun.star.text.TextDocument") || si->supportsService("com.sun.star.text.GlobalDocument"))
        return "writer_pdf_Export";
    if (si->supportsService("com.sun.star.sheet.SpreadsheetDocument"))
        return "calc_pdf_Export";
    if (si->supportsService("com.sun.star.presentation.PresentationDocument"))
        return "impress_pdf_Export";
    if (si->supportsService("com.sun.star.drawing.DrawingDocument"))
        return "draw_pdf_Export";
    return nullptr;
}

beans::PropertyValue prop(const char* name, const uno::Any& v)
{
    beans::PropertyValue p;
    p.Name = OUString::createFromAscii(name);
    p.Value = v;
    return p;
}

// Band top above the page's lower edge (pdf/notice.hpp defaults: 10 + 40 + 4 pt)
// plus 2 mm, in 1/100 mm as page styles count.
constexpr sal_Int32 kNoticeRoom = static_cast<sal_Int32>((10 + 40 + 4) / 72.0 * 2540) + 200;

bool isWriterOrCalc(const uno::Reference<frame::XModel>& m)
{
    uno::Reference<lang::XServiceInfo> si(m, uno::UNO_QUERY);
    return si.is() && (si->supportsService("com.sun.star.text.TextDocument") ||
                       si->supportsService("com.sun.star.sheet.SpreadsheetDocument"));
}

template <class F>
void forEachPageStyle(const uno::Reference<frame::XModel>& m, F&& f)
{
    uno::Reference<style::XStyleFamiliesSupplier> fam(m, uno::UNO_QUERY);
    if (!fam.is())
        return;
    uno::Reference<container::XNameAccess> styles(fam->getStyleFamilies()->getByName("PageStyles"), uno::UNO_QUERY);
    if (!styles.is())
        return;
    for (const OUString& name : styles->getElementNames()) {
        uno::Reference<beans::XPropertySet> ps(styles->getByName(name), uno::UNO_QUERY);
        if (ps.is())
            f(ps);
    }
}

// Only the page styles the document uses (and the styles that follow them)
// are read: reading a property of a page style Writer has not created yet
// (an unused built-in one, e.g. "First Page") creates it in the document and
// can set the document's modified flag. The person's document must not change.
bool needsRoomForNotice(const uno::Reference<frame::XModel>& m)
{
    if (!isWriterOrCalc(m))
        return false;
    uno::Reference<style::XStyleFamiliesSupplier> fam(m, uno::UNO_QUERY);
    if (!fam.is())
        return false;
    uno::Reference<container::XNameAccess> styles(fam->getStyleFamilies()->getByName("PageStyles"), uno::UNO_QUERY);
    if (!styles.is())
        return false;
    std::vector<OUString> used;
    for (const OUString& name : styles->getElementNames()) {
        uno::Reference<style::XStyle> st(styles->getByName(name), uno::UNO_QUERY);
        if (st.is() && st->isInUse())
            used.push_back(name);
    }
    for (size_t i = 0; i < used.size(); ++i) {
        uno::Reference<beans::XPropertySet> ps(styles->getByName(used[i]), uno::UNO_QUERY);
        if (!ps.is())
            continue;
        sal_Int32 bottom = 0;
        ps->getPropertyValue("BottomMargin") >>= bottom;
        if (bottom < kNoticeRoom)
            return true;
        OUString follow; // Writer: the style of the pages after this one
        if (ps->getPropertySetInfo()->hasPropertyByName("FollowStyle"))
            ps->getPropertyValue("FollowStyle") >>= follow;
        if (!follow.isEmpty() && styles->hasByName(follow) &&
            std::find(used.begin(), used.end(), follow) == used.end())
            used.push_back(follow);
    }
    return false;
}

void enlargeBottomMargins(const uno::Reference<frame::XModel>& m)
{
    forEachPageStyle(m, [](const uno::Reference<beans::XPropertySet>& ps) {
        sal_Int32 bottom = 0;
        ps->getPropertyValue("BottomMargin") >>= bottom;
        if (bottom < kNoticeRoom)
            ps->setPropertyValue("BottomMargin", uno::Any(kNoticeRoom));
    });
}

// A hidden copy of the document to change freely (room for the notice,
// Signature Lines marked); closed whatever happens.
// Lets LibreOffice finish what it does on idle (a hidden document's layout)
// before its shapes are read or it is exported.
void settle(const uno::Reference<uno::XComponentContext>& ctx)
{
    try {
        uno::Reference<awt::XToolkitExperimental> tk(awt::Toolkit::create(ctx), uno::UNO_QUERY);
        if (tk.is())
            tk->processEventsToIdle();
    } catch (const uno::Exception&) {
    }
}

struct WorkingCopy {
    uno::Reference<frame::XModel> model;
    void open(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XModel>& original,
              const std::string& dir)
    {
        uno::Reference<lang::XServiceInfo> si(original, uno::UNO_QUERY_THROW);
        // Impress first: a presentation is a drawing document too.
        const char* ext = ".odt";
        const char* filter = "writer8";
        if (si->supportsService("com.sun.star.sheet.SpreadsheetDocument"))
            ext = ".ods", filter = "calc8";
        else if (si->supportsService("com.sun.star.presentation.PresentationDocument"))
            ext = ".odp", filter = "impress8";
        else if (si->supportsService("com.sun.star.drawing.DrawingDocument"))
            ext = ".odg", filter = "draw8";
        const std::string path = dir + "/working" + ext;
        uno::Reference<frame::XStorable>(original, uno::UNO_QUERY_THROW)
            ->storeToURL(fileUrl(path), seq<beans::PropertyValue>({prop("FilterName", uno::Any(OUString::createFromAscii(filter)))}));
        uno::Reference<frame::XComponentLoader> loader(frame::Desktop::create(ctx), uno::UNO_QUERY_THROW);
        model.set(loader->loadComponentFromURL(fileUrl(path), "_blank", 0,
                                               seq<beans::PropertyValue>({prop("Hidden", uno::Any(true))})),
                  uno::UNO_QUERY_THROW);
        settle(ctx);
    }
    // Writer: store the changed copy and load it afresh, so the export lays
    // out frames from the file rather than from an in-memory layout that, for
    // frames just inserted next to a removed graphic, was sometimes stale.
    void reloadWriter(const uno::Reference<uno::XComponentContext>& ctx, const std::string& dir)
    {
        uno::Reference<lang::XServiceInfo> si(model, uno::UNO_QUERY);
        if (!si.is() || !si->supportsService("com.sun.star.text.TextDocument"))
            return;
        const std::string path = dir + "/marked.odt";
        uno::Reference<frame::XStorable>(model, uno::UNO_QUERY_THROW)
            ->storeToURL(fileUrl(path), seq<beans::PropertyValue>({prop("FilterName", uno::Any(OUString("writer8")))}));
        if (uno::Reference<util::XCloseable> c{model, uno::UNO_QUERY}; c.is())
            c->close(true);
        model.clear();
        uno::Reference<frame::XComponentLoader> loader(frame::Desktop::create(ctx), uno::UNO_QUERY_THROW);
        model.set(loader->loadComponentFromURL(fileUrl(path), "_blank", 0,
                                               seq<beans::PropertyValue>({prop("Hidden", uno::Any(true))})),
                  uno::UNO_QUERY_THROW);
        settle(ctx);
    }
    ~WorkingCopy()
    {
        try {
            if (uno::Reference<util::XCloseable> c{model, uno::UNO_QUERY}; c.is())
                c->close(true);
        } catch (const uno::Exception&) {
        }
    }
};

bool isCalc(const uno::Reference<frame::XModel>& m)
{
    uno::Reference<lang::XServiceInfo> si(m, uno::UNO_QUERY);
    return si.is() && si->supportsService("com.sun.star.sheet.SpreadsheetDocument");
}

// For matching a suggested signer with a certificate: trimmed, inner runs of
// white space as one space, ASCII letters lower-case.
std::string normalised(const std::string& s)
{
    std::string out;
    bool space = false;
    for (unsigned char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0) {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
}

std::string joinIds(const std::vector<SignatureLine>& lines)
{
    std::string s;
    for (const auto& l : lines)
        s += (s.empty() ? "" : ", ") + l.id;
    return s;
}

// Basic passes Array(...) as sequence<any>; accept numbers of any kind.
bool anyNumbers(const uno::Any& v, uno::Sequence<double>& out)
{
    uno::Sequence<uno::Any> items;
    if (!(v >>= items))
        return false;
    out.realloc(items.getLength());
    for (sal_Int32 i = 0; i < items.getLength(); ++i)
        if (!(items[i] >>= out.getArray()[i]))
            return false;
    return true;
}

} // namespace

JobOptions parseOptions(const uno::Sequence<beans::PropertyValue>& options)
{
    JobOptions o;
    for (const beans::PropertyValue& p : options) {
        OUString s;
        bool b = false;
        sal_Int32 n = 0;
        uno::Sequence<double> r;
        if (get(p, "Certificate", s))
            o.certificate = fromU(s);
        else if (get(p, "Pin", s))
            o.pin = fromU(s);
        else if (get(p, "OutputUrl", s))
            o.outputUrl = s;
        else if (get(p, "Overwrite", b))
            o.overwrite = b;
        else if (get(p, "Visible", b))
            o.visible = b;
        else if (get(p, "Page", n))
            o.page = n;
        else if (get(p, "Position", s)) {
            o.position = fromU(s);
            if (o.position != "BottomRight" && o.position != "BottomLeft" && o.position != "TopRight" &&
                o.position != "TopLeft")
                fail(Code::BadOption, "Position must be BottomRight, BottomLeft, TopRight or TopLeft.",
                     "Position harus BottomRight, BottomLeft, TopRight atau TopLeft.");
        }
        else if (p.Name == "Rect" && ((p.Value >>= r) || anyNumbers(p.Value, r))) {
            if (r.getLength() != 4 || r[2] <= 0 || r[3] <= 0)
                fail(Code::BadOption, "Rect must be four numbers: x, y, width, height in points.",
                     "Rect harus empat angka: x, y, lebar, tinggi dalam poin.");
            o.rect = pdf::Rect{r[0], r[1], r[0] + r[2], r[1] + r[3]};
        } else if (get(p, "Reason", s))
            o.reason = fromU(s);
        else if (get(p, "Location", s))
            o.location = fromU(s);
        else if (get(p, "ContactInfo", s))
            o.contact = fromU(s);
        else if (get(p, "Field", s))
            o.field = fromU(s);
        else if (get(p, "Notice", b))
            o.notice = b;
        else if (get(p, "Certify", b))
            o.certify = b;
        else if (get(p, "Interactive", b))
            o.interactive = b;
        else
            fail(Code::BadOption, "Unknown or mistyped option \"" + fromU(p.Name) + "\".",
                 "Opsi \"" + fromU(p.Name) + "\" tidak dikenal atau jenisnya salah.");
    }
    return o;
}

SignJob::SignJob(uno::Reference<uno::XComponentContext> ctx, Settings settings)
    : ctx_(std::move(ctx)), settings_(std::move(settings)), indonesian_(uiIndonesian(ctx_))
{
}

crypto::Store& SignJob::store()
{
    // One Store for the process, never destroyed: NSS and its modules belong
    // to LibreOffice, and unloading at exit would race its own shutdown.
    static std::mutex m;
    static crypto::Store* s = nullptr;
    static std::set<std::string> loaded;
    std::lock_guard<std::mutex> lock(m);
    ensureNss(ctx_);
    if (!s)
        s = crypto::Store::attach().release();
    s->ensureDatabase(certificatePath(ctx_));
    for (const std::string& mod : settings_.pkcs11Modules)
        if (loaded.insert(mod).second)
            s->loadModule(mod);
    return *s;
}

std::vector<crypto::CertInfo> SignJob::certificates()
{
    std::vector<crypto::CertInfo> all = store().list();
    if (!settings_.allowedIssuers.empty())
        for (auto& c : all) {
            bool ok = false;
            for (const std::string& issuer : settings_.allowedIssuers)
                ok = ok || c.issuer.find(issuer) != std::string::npos;
            if (!ok && c.usable) {
                c.usable = false;
                c.problem = Code::CertUntrusted;
                c.problemEn = "Your organisation does not allow certificates from this issuer.";
                c.problemId = "Organisasi Anda tidak mengizinkan sertifikat dari penerbit ini.";
            }
        }
    return all;
}

std::string SignJob::defaultOutput(const std::string& sourcePath) const
{
    fs::path src(sourcePath);
    std::string name = settings_.outputPattern;
    size_t at = name.find("{name}");
    if (at != std::string::npos)
        name.replace(at, 6, src.stem().string());
    if (name.empty() || name.find('/') != std::string::npos)
        name = src.stem().string() + "_signed.pdf";
    return (src.parent_path() / name).string();
}

bool SignJob::isPdfImport(const uno::Reference<frame::XModel>& model)
{
    if (!model.is())
        return false;
    for (const beans::PropertyValue& a : model->getArgs()) {
        OUString filter;
        if (a.Name == "FilterName" && (a.Value >>= filter) && filter.indexOf("pdf_import") >= 0)
            return true;
    }
    return false;
}

void SignJob::enforceLocks(const JobOptions& o) const
{
    auto locked = [&](const char* key) {
        fail(Code::Locked, std::string("Your organisation has locked the setting ") + key +
                 "; the option that changes it was refused.",
             std::string("Organisasi Anda mengunci pengaturan ") + key +
                 "; opsi yang mengubahnya ditolak.");
    };
    if (o.visible && settings_.isLocked("Signing/Visible") && *o.visible != settings_.visible)
        locked("Signing/Visible");
    if (o.reason && settings_.isLocked("Signing/DefaultReason") && *o.reason != settings_.defaultReason)
        locked("Signing/DefaultReason");
    if (o.location && settings_.isLocked("Signing/DefaultLocation") && *o.location != settings_.defaultLocation)
        locked("Signing/DefaultLocation");
    if (!o.outputUrl.isEmpty() && settings_.isLocked("Signing/OutputPattern"))
        locked("Signing/OutputPattern");
    if (o.notice && settings_.isLocked("Notice/Enabled") && *o.notice != settings_.noticeEnabled)
        locked("Notice/Enabled");
    if (o.certify && settings_.isLocked("Signing/Certification") && *o.certify != settings_.certification)
        locked("Signing/Certification");
}

JobResult SignJob::signDocument(const uno::Reference<frame::XModel>& model, const JobOptions& o,
                                const ProgressFn& progress)
{
    if (!model.is())
        fail(Code::BadOption, "No document was given.", "Tidak ada dokumen yang diberikan.");
    const std::string source = systemPath(model->getURL());
    if (isPdfImport(model)) // a PDF opened in Draw: sign the original file, no re-export
        return signPdf(model->getURL(), o, progress);
    const char* filter = pdfFilterFor(model);
    if (!filter)
        fail(Code::UnsupportedDocument, "This kind of document cannot be exported to PDF.",
             "Jenis dokumen ini tidak dapat diekspor ke PDF.");
    enforceLocks(o);

    // Signature Lines (issue 5): read from the person's document without
    // changing it; the working copy gets the markers.
    std::vector<SignatureLine> declared;
    try {
        declared = listSignatureLines(model);
    } catch (const uno::Exception& e) {
        fail(Code::ExportFailed, "The document's signature lines could not be read (" + fromU(e.Message) +
                 "); the document was not changed.",
             "Baris tanda tangan dokumen tidak dapat dibaca (" + fromU(e.Message) +
                 "); dokumen tidak diubah.");
    }
    if (!o.field.empty() && !o.newSignature) {
        // A document has no PDF fields yet: the name must be one of its lines.
        const bool known = std::any_of(declared.begin(), declared.end(),
                                       [&](const SignatureLine& l) { return l.id == o.field; });
        if (!known) {
            const std::string list = declared.empty() ? std::string() : joinIds(declared);
            fail(Code::FieldNotFound,
                 "The document has no signature line \"" + o.field + "\" (lines: " +
                     (list.empty() ? "none" : list) + "); nothing was written.",
                 "Dokumen tidak memiliki baris tanda tangan \"" + o.field + "\" (baris: " +
                     (list.empty() ? "tidak ada" : list) + "); tidak ada yang ditulis.");
        }
    }

    PrivateDir tmp;
    const std::string exported = tmp.path + "/export.pdf";
    if (progress)
        progress({"Exporting to PDF…", "Mengekspor ke PDF…"}, 10);
    std::string target = !o.outputUrl.isEmpty() ? systemPath(o.outputUrl) : source.empty() ? "" : defaultOutput(source);
    if (target.empty())
        fail(Code::NoOutput, "The document has not been saved yet; give an output file.",
             "Dokumen belum disimpan; tentukan berkas keluaran.");
    if (!o.overwrite && fs::exists(target))
        fail(Code::OutputExists, "The output file " + target + " already exists; nothing was written.",
             "Berkas keluaran " + target + " sudah ada; tidak ada yang ditulis.");
    std::vector<SignatureLine> marked;
    try {
        std::vector<beans::PropertyValue> data = {
            // Encryption or a signature of LibreOffice's own would break ours.
            prop("EncryptFile", uno::Any(false)),
            prop("RestrictPermissions", uno::Any(false)),
            prop("SignPDF", uno::Any(false)),
        };
        if (settings_.pdfA) // 2 = PDF/A-2b
            data.push_back(prop("SelectPdfVersion", uno::Any(sal_Int32(2))));
        if (!declared.empty() && isCalc(model)) // Calc's markers are form fields
            data.push_back(prop("ExportFormFields", uno::Any(true)));
        uno::Sequence<beans::PropertyValue> filterData(data.data(), static_cast<sal_Int32>(data.size()));
        uno::Sequence<beans::PropertyValue> args = seq<beans::PropertyValue>({prop("FilterName", uno::Any(OUString::createFromAscii(filter))),
                                                 prop("FilterData", uno::Any(filterData)),
                                                 prop("Overwrite", uno::Any(true))});
        uno::Reference<frame::XModel> source = model;
        WorkingCopy copy;
        const bool makeRoom = noticeOn(o) && needsRoomForNotice(model);
        if (makeRoom || !declared.empty()) {
            // A hidden working copy takes the changes; the person's document
            // stays as it is.
            if (progress)
                progress(makeRoom ? Text{"Making room for the notice…", "Menyiapkan ruang untuk keterangan…"}
                                  : Text{"Preparing the signature lines…", "Menyiapkan baris tanda tangan…"},
                         5);
            copy.open(ctx_, model, tmp.path);
            if (makeRoom) // Writer and Calc: a larger bottom margin
                enlargeBottomMargins(copy.model);
            if (!declared.empty()) { // each line's graphic becomes a marker the export places
                marked = markSignatureLines(copy.model);
                copy.reloadWriter(ctx_, tmp.path);
            }
            source = copy.model;
        }
        uno::Reference<frame::XStorable> storable(source, uno::UNO_QUERY_THROW);
        storable->storeToURL(fileUrl(exported), args);
    } catch (const Error&) {
        throw;
    } catch (const uno::Exception& e) {
        fail(Code::ExportFailed, "Exporting the document to PDF failed (" + fromU(e.Message) + "); the document was not changed.",
             "Ekspor dokumen ke PDF gagal (" + fromU(e.Message) + "); dokumen tidak diubah.");
    }
    const bool sameLines = marked.size() == declared.size() &&
                           std::equal(marked.begin(), marked.end(), declared.begin(),
                                      [](const SignatureLine& a, const SignatureLine& b) { return a.id == b.id; });
    if (!sameLines)
        fail(Code::ExportFailed, "The working copy has " + std::to_string(marked.size()) + " signature line(s), the document " +
                 std::to_string(declared.size()) + "; nothing was written.",
             "Salinan kerja memiliki " + std::to_string(marked.size()) + " baris tanda tangan, dokumennya " +
                 std::to_string(declared.size()) + "; tidak ada yang ditulis.");
    JobOptions withTarget = o;
    withTarget.outputUrl = fileUrl(target);
    return signFile(exported, source, withTarget, progress, marked);
}

JobResult SignJob::signPdf(const OUString& pdfUrl, const JobOptions& o, const ProgressFn& progress)
{
    enforceLocks(o);
    const std::string pdf = systemPath(pdfUrl);
    if (pdf.empty() || !fs::exists(pdf))
        fail(Code::Io, "The PDF " + fromU(pdfUrl) + " cannot be found.",
             "PDF " + fromU(pdfUrl) + " tidak ditemukan.");
    return signFile(pdf, pdf, o, progress);
}

// The level of the settings (decision in docs/DESIGN.md, "Levels"): empty is
// automatic, B-LT with a TSA (lower when its parts cannot be reached) and B-B
// without; an explicit level follows AllowLowerLevel. TSA credentials come
// from LibreOffice's password container, never from the configuration.
void SignJob::applyLevel(SignRequest& rq, bool interactive)
{
    levelNoteEn_.clear();
    levelNoteId_.clear();
    const bool haveTsa = !settings_.tsaUrl.empty();
    if (settings_.level.empty()) {
        askedLevel_ = haveTsa ? Level::BLT : Level::BB;
        rq.allowLowerLevel = true;
    } else {
        auto l = parseLevel(settings_.level);
        if (!l)
            fail(Code::BadSetting, "The Level setting \"" + settings_.level + "\" is not one of B-B, B-T, B-LT, B-LTA (or empty).",
                 "Pengaturan Level \"" + settings_.level +
                     "\" bukan salah satu dari B-B, B-T, B-LT, B-LTA (atau kosong).");
        askedLevel_ = *l;
        rq.allowLowerLevel = settings_.allowLowerLevel;
        if (*l >= Level::BT && !haveTsa) {
            if (!rq.allowLowerLevel)
                fail(Code::NoTsa, std::string("Level ") + levelName(*l) +
                         " needs a timestamp server, but none is configured (TsaUrl); nothing was written.",
                     std::string("Level ") + levelName(*l) +
                         " memerlukan server stempel waktu, tetapi belum diatur (TsaUrl); tidak ada yang ditulis.");
            levelNoteEn_ = "No timestamp server (TsaUrl) is configured.";
            levelNoteId_ = "Server stempel waktu (TsaUrl) belum diatur.";
        }
    }
    rq.level = haveTsa ? askedLevel_ : Level::BB;
    if (haveTsa && askedLevel_ >= Level::BT) {
        crypto::TsaConfig tsa;
        tsa.url = settings_.tsaUrl;
        tsaCredentials(ctx_, tsa, interactive);
        rq.tsa = tsa;
    }
}

JobResult SignJob::signFile(const std::string& pdfPath, const std::string& sourcePath, const JobOptions& o,
                            const ProgressFn& progress, const std::vector<SignatureLine>& lines)
{
    PrivateDir scratch; // a rasterised SVG logo, removed afterwards
    SignRequest rq;
    rq.input = pdfPath;
    rq.output = !o.outputUrl.isEmpty() ? systemPath(o.outputUrl) : defaultOutput(sourcePath);
    if (rq.output.empty())
        fail(Code::Io, "The output location is not a local file.", "Lokasi keluaran bukan berkas lokal.");
    std::error_code ec;
    if (fs::equivalent(rq.output, pdfPath, ec) || fs::equivalent(rq.output, sourcePath, ec))
        fail(Code::OutputIsInput, "The output must not replace the original file.",
             "Berkas keluaran tidak boleh menggantikan berkas asli.");
    if (!o.overwrite && fs::exists(rq.output))
        fail(Code::OutputExists, "The output file " + rq.output + " already exists; nothing was written.",
             "Berkas keluaran " + rq.output + " sudah ada; tidak ada yang ditulis.");
    rq.overwrite = o.overwrite;
    applyLevel(rq, o.interactive);
    rq.reason = o.reason.value_or(settings_.defaultReason);
    rq.location = o.location.value_or(settings_.defaultLocation);
    rq.contact = o.contact.value_or("");

    if (o.certificate.empty())
        fail(Code::NoCertificate, "No certificate was chosen.", "Belum ada sertifikat yang dipilih.");
    std::optional<crypto::CertInfo> chosen;
    for (const crypto::CertInfo& c : certificates()) {
        if (c.fingerprint != o.certificate)
            continue;
        chosen = c;
        if (!c.usable && c.problem && *c.problem == Code::CertUntrusted && !settings_.allowedIssuers.empty())
            fail(Code::IssuerNotAllowed, c.problemEn, c.problemId);
    }

    // Which line is signed now; the others become empty fields.
    std::string lineSigned;
    if (!lines.empty()) {
        LineFields lf;
        lf.markerPrefix = kSignatureLineMarker;
        for (const SignatureLine& l : lines)
            lf.lines.push_back({l.id, l.suggestedName, l.suggestedTitle});
        if (!o.newSignature) {
            if (!o.field.empty())
                lineSigned = o.field; // checked against the lines by signDocument
            else if (auto i = chosen ? lineForCertificate(lines, *chosen) : std::nullopt)
                lineSigned = lines[*i].id;
            else
                lineSigned = lines.front().id; // document order: the first signer's line
        }
        lf.sign = lineSigned;
        rq.lineFields = std::move(lf);
    }

    const bool visible = o.visible.value_or(settings_.visible);
    if (!lineSigned.empty()) {
        // The engine puts the signature into the line's field, visibly.
        rq.placement.kind = Placement::Kind::Invisible;
        rq.imagePath = logoPng(scratch.path);
    } else if (!o.field.empty() && !o.newSignature) {
        // An existing empty field (a later signer of a signed PDF): visible
        // when the field has a rectangle.
        rq.placement.kind = Placement::Kind::ExistingField;
        rq.placement.field = o.field;
        rq.imagePath = logoPng(scratch.path);
    } else if (visible) {
        rq.placement.page = o.page;
        if (o.rect) {
            rq.placement.kind = Placement::Kind::NewVisible;
            rq.placement.rect = *o.rect;
        } else { // the engine's default size, in the chosen corner
            rq.placement.kind = Placement::Kind::CornerVisible;
            rq.placement.corner = parseCorner(o.position);
        }
        rq.imagePath = logoPng(scratch.path); // the BSrE logo beside the signer's name
    }

    // Certification and the notice go with the first signature only. Asked
    // for explicitly they are passed on (the engine says why it did not
    // add them to a signed PDF); from the settings, a later signer (the
    // next Signature Line) gets neither and no warning about them.
    std::optional<bool> alreadySigned;
    auto signedBefore = [&] {
        if (!alreadySigned)
            alreadySigned = pdf::Reader::open(pdfPath)->model().signatureCount > 0;
        return *alreadySigned;
    };
    if (o.certify)
        rq.certify = *o.certify;
    else if (settings_.certification)
        rq.certify = !signedBefore();

    if (o.notice ? *o.notice : settings_.noticeEnabled && !signedBefore())
        rq.notice = noticeFor(pdfPath, sourcePath, scratch.path);

    if (progress)
        progress({"Signing…", "Menandatangani…"}, 50);
    if (progress) // the network steps of B-T and up, each a line in the status bar
        rq.onStep = [&progress, pct = 55](const char* en, const char* id) mutable {
            progress({en, id}, pct = std::min(pct + 7, 80));
        };
    std::optional<std::string> pin = o.pin;
    auto signer = store().signer(o.certificate, [&pin](const std::string&) { return pin; });
    SignOutcome out = bsre::signPdf(rq, *signer);
    if (pin)
        std::fill(pin->begin(), pin->end(), '\0');

    if (progress)
        progress({"Verifying…", "Memverifikasi…"}, 85);
    JobResult r;
    for (const Warning& w : out.warnings)
        r.warnings.push_back(w.text(indonesian_));
    r.outputUrl = fileUrl(out.output);
    r.signerName = out.signerName;
    r.signingTime = out.signingTime;
    r.fieldName = out.fieldName;
    r.emptyFields = out.emptyFields;
    VerifyReport v = verifyPdf(out.output, true);
    r.verified = v.allValid();
    if (!r.verified)
        r.warnings.push_back(indonesian_
                                 ? "Tanda tangan dibuat, tetapi rantai sertifikatnya tidak dipercaya di basis data LibreOffice."
                                 : "The signature was made, but its certificate chain is not trusted in LibreOffice's database.");
    r.level = out.level;
    r.timestampTime = out.timestampTime;
    r.tsaName = out.tsaName;
    r.ltvMaterial = out.level == "B-LT" || out.level == "B-LTA";
    if (r.ltvMaterial) {
        r.ltvSummary = indonesian_ ? std::to_string(out.dss.certsAdded) + " sertifikat, " +
                                         std::to_string(out.dss.ocspsAdded) + " OCSP, " +
                                         std::to_string(out.dss.crlsAdded) + " CRL"
                                   : std::to_string(out.dss.certsAdded) + " certificate(s), " +
                                         std::to_string(out.dss.ocspsAdded) + " OCSP, " +
                                         std::to_string(out.dss.crlsAdded) + " CRL";
    }
    if (!levelNoteEn_.empty() || !out.levelNoteEn.empty()) {
        const std::string en = levelNoteEn_ + (levelNoteEn_.empty() ? "" : " ") + out.levelNoteEn;
        const std::string id = levelNoteId_ + (levelNoteId_.empty() ? "" : " ") + out.levelNoteId;
        r.warnings.push_back(indonesian_ ? "Level yang diminta " + std::string(levelName(askedLevel_)) +
                                               "; tanda tangan dibuat pada level " + out.level + ". " + id
                                         : "Level " + std::string(levelName(askedLevel_)) +
                                               " was asked for; the signature is at level " + out.level + ". " + en);
    }
    if (progress)
        progress({"Done", "Selesai"}, 100);
    return r;
}

std::optional<size_t> lineForCertificate(const std::vector<SignatureLine>& lines, const crypto::CertInfo& cert)
{
    const std::string name = normalised(cert.commonName), email = normalised(cert.email);
    for (size_t i = 0; i < lines.size(); ++i) {
        if (!name.empty() && normalised(lines[i].suggestedName) == name)
            return i;
        if (!email.empty() && normalised(lines[i].suggestedEmail) == email)
            return i;
    }
    return std::nullopt;
}

PdfSignatureState pdfSignatureState(const std::string& pdfPath)
{
    PdfSignatureState out;
    try {
        auto reader = pdf::Reader::open(pdfPath);
        out.signatures = reader->model().signatureCount;
        for (const pdf::FieldInfo& f : reader->model().fields)
            if (f.isSignature && !f.isSigned)
                out.emptyFields.push_back(f.name);
    } catch (const Error&) {
    }
    return out;
}

std::string SignJob::logoPng(const std::string& scratchDir)
{
    const std::string& logo = settings_.logoPath;
    auto endsWith = [](const std::string& s, const char* e) {
        std::string x = s;
        for (char& c : x)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return x.size() >= std::strlen(e) && x.compare(x.size() - std::strlen(e), std::string::npos, e) == 0;
    };
    if (!logo.empty() && fs::exists(logo)) {
        if (endsWith(logo, ".png"))
            return logo;
        // SVG (or another format LibreOffice reads): rasterised through LibreOffice.
        try {
            auto provider = graphic::GraphicProvider::create(ctx_);
            auto g = provider->queryGraphic(seq<beans::PropertyValue>({prop("URL", uno::Any(fileUrl(logo)))}));
            const std::string png = scratchDir + "/logo.png";
            provider->storeGraphic(g, seq<beans::PropertyValue>({prop("URL", uno::Any(fileUrl(png))),
                                                                 prop("MimeType", uno::Any(OUString("image/png")))}));
            if (fs::exists(png))
                return png;
        } catch (const uno::Exception&) {
        }
        fail(Code::LogoInvalid, "The logo file " + logo + " could not be read; ask IT to check Notice/LogoPath.",
             "Berkas logo " + logo + " tidak dapat dibaca; minta TI memeriksa Notice/LogoPath.");
    }
    try {
        OUString root = deployment::PackageInformationProvider::get(ctx_)->getPackageLocation("id.bsresign.libreoffice");
        std::string placeholder = systemPath(root + "/icons/placeholder-logo.png");
        if (!placeholder.empty() && fs::exists(placeholder))
            return placeholder;
    } catch (const uno::Exception&) {
    }
    return {};
}

std::optional<NoticeRequest> SignJob::noticeFor(const std::string& pdfPath, const std::string& sourcePath,
                                               const std::string& scratchDir)
{
    NoticeRequest n;
    const std::string text = settings_.noticePreset == "en"   ? std::string(kEnglishNotice)
                             : settings_.noticePreset == "id" ? std::string(kDefaultNotice)
                             : settings_.noticeText.empty()   ? std::string(kDefaultNotice)
                                                              : settings_.noticeText;
    n.style.paragraphs.push_back(text);
    if (settings_.noticeSecondLine)
        n.style.paragraphs.push_back(settings_.noticeSecondLineText.empty() ? std::string(kUuIteLine)
                                                                            : settings_.noticeSecondLineText);
    n.style.logoPath = logoPng(scratchDir);
    if (!settings_.qrUrlTemplate.empty()) {
        std::string url = settings_.qrUrlTemplate;
        const std::string file = fs::path(sourcePath).filename().string();
        for (size_t at; (at = url.find("{file}")) != std::string::npos;)
            url.replace(at, 6, file);
        if (url.find("{sha256}") != std::string::npos) {
            std::ifstream in(pdfPath, std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), {});
            const std::string hex = crypto::hexUpper(crypto::hash(crypto::HashAlg::Sha256, bytes));
            for (size_t at; (at = url.find("{sha256}")) != std::string::npos;)
                url.replace(at, 8, hex);
        }
        n.style.qrText = url;
    }
    n.pages = settings_.noticePages == "first"  ? pdf::NoticePages::First
              : settings_.noticePages == "last" ? pdf::NoticePages::Last
                                                : pdf::NoticePages::All;
    n.allowScaling = settings_.allowScaling;
    return n;
}

} // namespace bsre::ext
