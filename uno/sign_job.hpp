// The one code path behind the menu command and the UNO API: export (or take
// the PDF as it is), sign with the engine, verify, report. No UI in here.
// SignJob only orders the steps; each concern has its own file:
//   job_options   the options of a call (parseOptions)
//   policy        locked keys, allowed issuers, the level to aim for
//   pdf_export    LibreOffice's PDF export and the hidden working copy
//   office_nss    NSS inside soffice (LibreOffice's, never shut down)
//   sign_request  the engine's SignRequest (output, lines, placement, notice)
//   job_result    JobResult from the engine's SignOutcome, warnings
//   boundary      failures into SigningException or a dialog
#pragma once

#include "job_options.hpp"
#include "job_result.hpp"
#include "settings.hpp"
#include "sign_request.hpp"
#include "signature_lines.hpp"
#include "uno_util.hpp"

#include "core/ledger.hpp"
#include "crypto/store.hpp"

#include <com/sun/star/frame/XModel.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bsre::ext {

// What the dialog shows of a PDF opened in Draw: its empty signature fields
// (fully qualified names, document order) and whether it is signed already
// (then no notice can be added). Nothing when the PDF cannot be read.
struct PdfSignatureState {
    std::vector<std::string> emptyFields;
    int signatures = 0;
};
PdfSignatureState pdfSignatureState(const std::string& pdfPath);

class SignJob {
public:
    SignJob(css::uno::Reference<css::uno::XComponentContext> ctx, Settings settings);

    std::vector<crypto::CertInfo> certificates();
    // Failures are bsre::Error (the engine's and the extension's codes alike);
    // uno/boundary.hpp turns them into what LibreOffice sees.
    JobResult signDocument(const css::uno::Reference<css::frame::XModel>& model, const JobOptions& o,
                           const ProgressFn& progress);
    JobResult signPdf(const OUString& pdfUrl, const JobOptions& o, const ProgressFn& progress);

    // Several files with one login (signFiles, the batch command): checks the
    // options against the locks, picks the certificate and logs in to its
    // token now (the PIN asked at most once, through `pin`, only when the
    // token or database needs it). Every later signature of this job with the
    // same certificate uses that login. Refusals (Locked, NoCertificate,
    // BadPin, CertificateExpired, ...) come before any file is touched.
    void holdSigner(const JobOptions& o, const crypto::PinProvider& pin);

    // Where the output goes by default: the pattern beside the document.
    std::string defaultOutput(const std::string& sourcePath) const;
    // Is this model a PDF opened in Draw (then the original file is signed)?
    static bool isPdfImport(const css::uno::Reference<css::frame::XModel>& model);

private:
    template <class Steps>
    JobResult recorded(const std::string& source, const std::string& file, const JobOptions& o, Steps&& steps);
    JobResult exportAndSign(const css::uno::Reference<css::frame::XModel>& model, const JobOptions& o,
                            const ProgressFn& progress);
    JobResult signPdfFile(const OUString& pdfUrl, const JobOptions& o, const ProgressFn& progress);
    JobResult signFile(const std::string& pdfPath, const std::string& sourcePath, const JobOptions& o,
                       const ProgressFn& progress, const std::vector<SignatureLine>& lines = {});
    std::vector<SignatureLine> declaredLines(const css::uno::Reference<css::frame::XModel>& model,
                                             const JobOptions& o) const;
    std::string documentOutput(const std::string& source, const JobOptions& o) const;
    std::optional<crypto::CertInfo> chosenCertificate(const JobOptions& o);
    SignOutcome runEngine(SignRequest& rq, const JobOptions& o, const ProgressFn& progress);
    SignOutcome runService(const SignRequest& rq, const JobOptions& o);

    css::uno::Reference<css::uno::XComponentContext> ctx_;
    Settings settings_;
    bool indonesian_ = false;
    std::optional<LedgerAttempt> attempt_; // this job's record in the usage ledger
    std::string fileName_;                 // the document's file (hashed in the record only when IT asks)
    std::unique_ptr<crypto::Signer> held_; // holdSigner's login, for the certificate heldFor_
    std::string heldFor_;
};

} // namespace bsre::ext
