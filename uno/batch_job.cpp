#include "batch_job.hpp"

#include "boundary.hpp"

#include <com/sun/star/document/MacroExecMode.hpp>
#include <com/sun/star/document/UpdateDocMode.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/util/XCloseable.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

namespace bsre::ext {

using namespace css;
namespace fs = std::filesystem;

namespace {

const char* const kDocumentKinds[] = {
    "odt", "ott", "fodt", "doc", "docx", "dotx", "rtf",  // Writer
    "ods", "ots", "fods", "xls", "xlsx",                 // Calc
    "odp", "otp", "fodp", "ppt", "pptx",                 // Impress
    "odg", "otg", "fodg",                                // Draw
};

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string extensionOf(const std::string& path)
{
    const std::string e = fs::path(path).extension().string();
    return lower(e.empty() ? e : e.substr(1));
}

// A document of the batch, opened hidden and read-only (no lock file, no
// macros, no link updates, never stored) and closed at the end of the scope.
// A document the person has open already is loaded again as another copy
// (target _blank): theirs is left alone.
class HiddenDocument {
public:
    HiddenDocument(const uno::Reference<uno::XComponentContext>& ctx, const OUString& url)
    {
        uno::Reference<frame::XComponentLoader> loader(frame::Desktop::create(ctx), uno::UNO_QUERY_THROW);
        const std::string path = systemPath(url);
        try {
            component_ = loader->loadComponentFromURL(
                url, "_blank", 0,
                seq<beans::PropertyValue>({prop("Hidden", uno::Any(true)), prop("ReadOnly", uno::Any(true)),
                                           prop("MacroExecutionMode", uno::Any(document::MacroExecMode::NEVER_EXECUTE)),
                                           prop("UpdateDocMode", uno::Any(document::UpdateDocMode::NO_UPDATE))}));
        } catch (const uno::Exception& e) {
            cannotOpen(path, fromU(e.Message));
        }
        model_.set(component_, uno::UNO_QUERY);
        if (!model_.is())
            cannotOpen(path, component_.is() ? "not a document" : "no document");
    }
    ~HiddenDocument() { close(); }
    HiddenDocument(const HiddenDocument&) = delete;
    HiddenDocument& operator=(const HiddenDocument&) = delete;
    const uno::Reference<frame::XModel>& model() const { return model_; }

private:
    void close() noexcept
    {
        try {
            if (uno::Reference<util::XCloseable> c{component_, uno::UNO_QUERY}; c.is())
                c->close(true);
            else if (component_.is())
                component_->dispose();
        } catch (const uno::Exception&) {
        }
        component_.clear();
        model_.clear();
    }
    [[noreturn]] void cannotOpen(const std::string& path, const std::string& why)
    {
        close(); // the constructor fails: no destructor closes it
        fail(Code::ExportFailed, "LibreOffice could not open " + path + " (" + why + "); the file was not changed.",
             "LibreOffice tidak dapat membuka " + path + " (" + why + "); berkas tidak diubah.");
    }
    uno::Reference<lang::XComponent> component_;
    uno::Reference<frame::XModel> model_;
};

// The signed PDF of each source: in `folder` (empty: beside it), by the
// pattern; names that two sources would share get the extension added.
std::vector<std::string> outputNames(const std::vector<std::string>& sources, const std::string& folder,
                                     const SignJob& job, bool mayRename)
{
    std::vector<std::string> out;
    std::map<std::string, int> uses;
    for (const std::string& s : sources) {
        const fs::path beside = job.defaultOutput(s);
        out.push_back(((folder.empty() ? beside.parent_path() : fs::path(folder)) / beside.filename()).string());
        ++uses[lower(out.back())];
    }
    for (size_t i = 0; i < sources.size() && mayRename; ++i) {
        if (uses[lower(out[i])] < 2 || extensionOf(sources[i]).empty())
            continue;
        const fs::path src(sources[i]);
        const fs::path renamed = src.parent_path() / (src.stem().string() + "_" + extensionOf(sources[i]) + ".x");
        out[i] = (fs::path(out[i]).parent_path() / fs::path(job.defaultOutput(renamed.string())).filename()).string();
    }
    return out;
}

// The path of a file URL; empty for anything else (a relative name, http:, ...).
std::string pathOf(const OUString& url)
{
    return url.startsWithIgnoreAsciiCase("file:") ? systemPath(url) : std::string();
}

bool hiddenOrLock(const fs::path& p)
{
    const std::string name = p.filename().string();
    return name.empty() || name[0] == '.' || name[0] == '~';
}

std::vector<std::string> supportedFilesIn(const fs::path& dir, const SignJob& job)
{
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file(ec) && !hiddenOrLock(e.path()) && isSupportedFile(e.path().string()))
            files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    // A signed PDF of an earlier run beside its document is not signed again.
    const std::vector<std::string> outputs = outputNames(files, {}, job, true);
    const std::set<std::string> made(outputs.begin(), outputs.end());
    files.erase(std::remove_if(files.begin(), files.end(), [&](const std::string& f) { return made.count(f) > 0; }),
                files.end());
    return files;
}

} // namespace

bool isPdfFile(const std::string& path) { return extensionOf(path) == "pdf"; }

bool isSupportedFile(const std::string& path)
{
    const std::string e = extensionOf(path);
    return e == "pdf" || std::any_of(std::begin(kDocumentKinds), std::end(kDocumentKinds),
                                     [&](const char* k) { return e == k; });
}

std::string supportedPattern()
{
    std::string s = "*.pdf";
    for (const char* k : kDocumentKinds)
        s += std::string(";*.") + k;
    return s;
}

std::vector<OUString> expandInputs(const std::vector<OUString>& urls, const SignJob& job)
{
    std::vector<OUString> out;
    std::set<std::string> seen;
    auto add = [&](const OUString& url, const std::string& path) {
        std::error_code ec;
        const fs::path key = path.empty() ? fs::path() : fs::weakly_canonical(path, ec);
        if (path.empty() || seen.insert((ec ? fs::path(path) : key).string()).second)
            out.push_back(url);
    };
    for (const OUString& url : urls) {
        const std::string path = pathOf(url);
        std::error_code ec;
        if (path.empty() || !fs::is_directory(path, ec)) {
            add(url, path);
            continue;
        }
        for (const std::string& f : supportedFilesIn(path, job))
            add(fileUrl(f), f);
    }
    return out;
}

BatchOptions parseBatchOptions(const uno::Sequence<beans::PropertyValue>& options)
{
    BatchOptions b;
    std::vector<beans::PropertyValue> rest;
    for (const beans::PropertyValue& p : options) {
        if (p.Name != "OutputFolder") {
            rest.push_back(p);
            continue;
        }
        if (!(p.Value >>= b.outputFolder) || (!b.outputFolder.isEmpty() && pathOf(b.outputFolder).empty()))
            fail(Code::BadOption, "OutputFolder must be a folder URL (file:///...).",
                 "OutputFolder harus berupa URL folder (file:///...).");
    }
    b.job = parseOptions(uno::Sequence<beans::PropertyValue>(rest.data(), static_cast<sal_Int32>(rest.size())));
    if (!b.job.outputUrl.isEmpty())
        fail(Code::BadOption, "signFiles takes OutputFolder, not OutputUrl: each file gets a signed PDF of its own.",
             "signFiles memakai OutputFolder, bukan OutputUrl: setiap berkas mendapat PDF bertanda tangan sendiri.");
    return b;
}

crypto::PinProvider batchPin(const JobOptions& o, std::function<std::optional<std::string>(const std::string&)> ask)
{
    auto held = std::make_shared<const HeldSecret>(o.pin);
    return [held, ask = std::move(ask)](const std::string& token) -> std::optional<std::string> {
        if (held->value)
            return held->value;
        return ask ? ask(token) : std::nullopt;
    };
}

// ---------------------------------------------------------------- BatchJob

struct BatchJob::Planned {
    OUString url;
    std::string source, output;
    std::optional<Error> refusal; // found before signing: not a file, missing, unsupported, ...
};

BatchJob::BatchJob(const uno::Reference<uno::XComponentContext>& ctx, Settings settings)
    : ctx_(ctx), settings_(settings), indonesian_(uiIndonesian(ctx)), job_(ctx, std::move(settings))
{
}

void BatchJob::begin(const BatchOptions& o, const crypto::PinProvider& pin)
{
    options_ = o;
    JobOptions check = o.job; // an output folder changes where the pattern puts the files
    check.outputUrl = o.outputFolder;
    if (!o.outputFolder.isEmpty() && !fs::is_directory(pathOf(o.outputFolder)))
        fail(Code::Io, "The output folder " + pathOf(o.outputFolder) + " does not exist; nothing was signed.",
             "Folder keluaran " + pathOf(o.outputFolder) + " tidak ada; tidak ada yang ditandatangani.");
    job_.holdSigner(check, pin);
}

std::vector<std::string> BatchJob::outputsFor(const std::vector<OUString>& files, const OUString& outputFolder) const
{
    std::vector<std::string> sources;
    for (const OUString& f : files)
        sources.push_back(pathOf(f));
    // A locked pattern keeps every name as it is (a renamed output would be refused as Locked).
    return outputNames(sources, pathOf(outputFolder), job_, !settings_.isLocked("Signing/OutputPattern"));
}

std::vector<BatchJob::Planned> BatchJob::plan(const std::vector<OUString>& files) const
{
    const std::vector<std::string> outputs = outputsFor(files, options_.outputFolder);
    std::set<std::string> inputs, taken;
    for (const OUString& f : files)
        inputs.insert(pathOf(f));
    std::vector<Planned> out;
    for (size_t i = 0; i < files.size(); ++i) {
        Planned p{files[i], pathOf(files[i]), outputs[i], std::nullopt};
        const std::string name = p.source.empty() ? fromU(p.url) : p.source;
        if (p.source.empty() || !fs::is_regular_file(p.source))
            p.refusal = Error(Code::Io, "The file " + name + " cannot be found.", "Berkas " + name + " tidak ditemukan.");
        else if (!isSupportedFile(p.source))
            p.refusal = Error(Code::UnsupportedDocument,
                              name + " is not a Writer, Calc, Impress or Draw document or a PDF; it was not signed.",
                              name + " bukan dokumen Writer, Calc, Impress atau Draw maupun PDF; berkas tidak ditandatangani.");
        else if (inputs.count(p.output))
            p.refusal = Error(Code::OutputIsInput, "The signed PDF of " + name + " would replace " + p.output +
                              ", another file of this batch; it was not signed.",
                              "PDF bertanda tangan dari " + name + " akan menimpa " + p.output +
                              ", berkas lain dalam kelompok ini; berkas tidak ditandatangani.");
        else if (!taken.insert(p.output).second)
            p.refusal = Error(Code::OutputExists, "Another file of this batch is signed to " + p.output +
                              "; " + name + " was not signed.",
                              "Berkas lain dalam kelompok ini ditandatangani ke " + p.output + "; " + name +
                              " tidak ditandatangani.");
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<FileOutcome> BatchJob::run(const std::vector<OUString>& files, const BatchProgress& progress)
{
    const std::vector<Planned> planned = plan(files);
    std::vector<FileOutcome> out;
    for (size_t i = 0; i < planned.size(); ++i) {
        const BatchStep at{i, planned.size(), fs::path(planned[i].source).filename().string()};
        out.push_back(signOne(planned[i], [&](const Text& step, int percent) {
            if (progress)
                progress(at, step, percent);
        }));
    }
    return out;
}

FileOutcome BatchJob::signOne(const Planned& f, const ProgressFn& progress)
{
    FileOutcome out{f.url, std::nullopt, Code::Internal, {}};
    try {
        if (f.refusal)
            throw *f.refusal;
        JobOptions o = options_.job;
        // The default name stays implicit: a locked OutputPattern refuses any explicit output.
        o.outputUrl = f.output == job_.defaultOutput(f.source) ? OUString() : fileUrl(f.output);
        out.result = isPdfFile(f.source) ? job_.signPdf(f.url, o, progress) : signDocumentFile(f.url, o, progress);
    } catch (...) {
        const Failure failure = currentFailure(indonesian_);
        out.code = failure.code;
        out.message = failure.message;
    }
    return out;
}

JobResult BatchJob::signDocumentFile(const OUString& url, const JobOptions& o, const ProgressFn& progress)
{
    progressStep(progress, {"Opening…", "Membuka…"}, 3);
    HiddenDocument doc(ctx_, url);
    return job_.signDocument(doc.model(), o, progress);
}

} // namespace bsre::ext
