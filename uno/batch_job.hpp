// Several files in one go (issue 14): the "Sign several files with BSrE…"
// command and XSigner::signFiles. One SignJob signs them all, with one login:
// each document is opened hidden and read-only, exported and signed exactly
// as signDocument does (band, Signature Lines, level, ledger record), then
// closed; a PDF is signed as signPdf does. A file that cannot be signed is
// refused with its code and sentence, and the next one is signed.
#pragma once

#include "sign_job.hpp"

#include "common/error.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bsre::ext {

// The options of signFiles: those of signDocument (OutputUrl excepted), and
// OutputFolder. BadOption for OutputUrl or a mistyped OutputFolder.
struct BatchOptions {
    JobOptions job;
    OUString outputFolder; // a folder URL; empty: each signed PDF beside its file
};
BatchOptions parseBatchOptions(const css::uno::Sequence<css::beans::PropertyValue>& options);

// What a batch signs: Writer, Calc, Impress and Draw documents (by their
// extension: odt, docx, ods, xlsx, odp, pptx, odg, ...) and PDFs.
bool isSupportedFile(const std::string& path);
bool isPdfFile(const std::string& path);
// The file picker's filter of the supported kinds ("*.odt;*.ott;...").
std::string supportedPattern();

// The URLs with each folder replaced by the supported files in it (not its
// sub-folders), in name order; hidden files, LibreOffice's lock files and the
// signed PDFs of the folder's other files are left out. Files named twice
// count once.
std::vector<OUString> expandInputs(const std::vector<OUString>& urls, const SignJob& job);

// One file's end: signed (result), or refused (code, sentence in the UI language).
struct FileOutcome {
    OUString inputUrl;
    std::optional<JobResult> result;
    Code code = Code::Internal;
    OUString message;
};

// Where the batch is: file `index` (0-based) of `total`, its name, the step.
struct BatchStep {
    size_t index = 0, total = 0;
    std::string fileName;
};
using BatchProgress = std::function<void(const BatchStep& at, const Text& step, int percent)>;

// The PIN for the batch's one login: the Pin option, else `ask` (the batch
// dialog's prompt, when interactive), else none.
crypto::PinProvider batchPin(const JobOptions& o,
                             std::function<std::optional<std::string>(const std::string& token)> ask);

class BatchJob {
public:
    BatchJob(const css::uno::Reference<css::uno::XComponentContext>& ctx, Settings settings);

    std::vector<crypto::CertInfo> certificates() { return job_.certificates(); }
    const SignJob& job() const { return job_; }

    // The options checked and the one login made (SignJob::holdSigner): a
    // failure here stops the batch before any file is touched.
    void begin(const BatchOptions& o, const crypto::PinProvider& pin);
    // Signs the files (after begin), in order; one outcome per file.
    std::vector<FileOutcome> run(const std::vector<OUString>& files, const BatchProgress& progress);
    // Where each file's signed PDF goes with `outputFolder` (empty: beside
    // it): the Signing/OutputPattern name; files whose names would collide
    // get their extension in it (letter_odt_signed.pdf, letter_docx_signed.pdf).
    std::vector<std::string> outputsFor(const std::vector<OUString>& files, const OUString& outputFolder) const;

private:
    struct Planned;
    std::vector<Planned> plan(const std::vector<OUString>& files) const;
    FileOutcome signOne(const Planned& f, const ProgressFn& progress);
    JobResult signDocumentFile(const OUString& url, const JobOptions& o, const ProgressFn& progress);

    css::uno::Reference<css::uno::XComponentContext> ctx_;
    Settings settings_;
    bool indonesian_;
    SignJob job_;
    BatchOptions options_;
};

} // namespace bsre::ext
