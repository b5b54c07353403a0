// The one code path behind the menu command and the UNO API: export (or take
// the PDF as it is), sign with the engine, verify, report. No UI in here.
#pragma once

#include "settings.hpp"
#include "signature_lines.hpp"
#include "uno_util.hpp"

#include "crypto/store.hpp"
#include "core/sign.hpp"
#include "pdf/model.hpp"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/XModel.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bsre::ext {

struct JobOptions {
    std::string certificate;          // SHA-256 fingerprint
    std::optional<std::string> pin;
    OUString outputUrl;
    bool overwrite = false;
    std::optional<bool> visible;
    int page = 1;
    std::optional<pdf::Rect> rect;     // x1,y1,x2,y2 in points
    std::string position = "BottomRight"; // without Rect: BottomRight, BottomLeft, TopRight, TopLeft
    std::optional<std::string> reason, location, contact;
    // A Signature Line id (documents) or an existing empty signature field
    // (PDFs). Empty: a document with Signature Lines signs the line whose
    // suggested signer matches the certificate, else the first line.
    std::string field;
    // The dialog's "New signature": with Signature Lines present, sign a new
    // field per page/position instead; every line stays an empty field.
    bool newSignature = false;
    std::optional<bool> certify;       // DocMDP P=2; default: the Signing/Certification setting
    std::optional<bool> notice;        // default: the Notice/Enabled setting
    bool interactive = true;
};

JobOptions parseOptions(const css::uno::Sequence<css::beans::PropertyValue>& options);

struct JobResult {
    OUString outputUrl;
    std::string signerName;
    std::string signingTime;
    std::string level = "B-B";
    std::string timestampTime, tsaName; // the signature timestamp (B-T and up)
    bool ltvMaterial = false;           // a DSS was added (B-LT and up)
    std::string ltvSummary;             // "5 certificates, 2 OCSP, 1 CRL" in the UI language
    std::vector<std::string> warnings; // already in the UI language
    bool verified = false;
    std::string fieldName;                // the field that holds the signature
    std::vector<std::string> emptyFields; // Signature Line fields left for later signers
};

// The line a certificate's holder is asked to sign: suggested name equal to
// the certificate's common name, or suggested email equal to its email
// (case-insensitive, surrounding and repeated spaces ignored).
std::optional<size_t> lineForCertificate(const std::vector<SignatureLine>& lines, const crypto::CertInfo& cert);

// What the dialog shows of a PDF opened in Draw: its empty signature fields
// (fully qualified names, document order) and whether it is signed already
// (then no notice can be added). Nothing when the PDF cannot be read.
struct PdfSignatureState {
    std::vector<std::string> emptyFields;
    int signatures = 0;
};
PdfSignatureState pdfSignatureState(const std::string& pdfPath);

using ProgressFn = std::function<void(const Text& step, int percent)>;

class SignJob {
public:
    SignJob(css::uno::Reference<css::uno::XComponentContext> ctx, Settings settings);

    std::vector<crypto::CertInfo> certificates();
    // Failures are bsre::Error (the engine's and the extension's codes alike);
    // uno/boundary.hpp turns them into what LibreOffice sees.
    JobResult signDocument(const css::uno::Reference<css::frame::XModel>& model, const JobOptions& o,
                           const ProgressFn& progress);
    JobResult signPdf(const OUString& pdfUrl, const JobOptions& o, const ProgressFn& progress);

    // Where the output goes by default: the pattern beside the document.
    std::string defaultOutput(const std::string& sourcePath) const;
    // Is this model a PDF opened in Draw (then the original file is signed)?
    static bool isPdfImport(const css::uno::Reference<css::frame::XModel>& model);

private:
    JobResult signFile(const std::string& pdfPath, const std::string& sourcePath, const JobOptions& o,
                       const ProgressFn& progress, const std::vector<SignatureLine>& lines = {});
    void enforceLocks(const JobOptions& o) const;
    void applyLevel(SignRequest& rq, bool interactive);
    bool noticeOn(const JobOptions& o) const { return o.notice.value_or(settings_.noticeEnabled); }
    std::optional<NoticeRequest> noticeFor(const std::string& pdfPath, const std::string& sourcePath,
                                           const std::string& scratchDir);
    std::string logoPng(const std::string& scratchDir);
    crypto::Store& store();

    css::uno::Reference<css::uno::XComponentContext> ctx_;
    Settings settings_;
    bool indonesian_ = false;
    Level askedLevel_ = Level::BB;
    std::string levelNoteEn_, levelNoteId_; // a level lowered before signing (no TSA configured)
};

} // namespace bsre::ext
