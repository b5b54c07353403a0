#include "cli/batch.hpp"

#include "cli/exit_codes.hpp"
#include "cli/sign_args.hpp"
#include "cli/usage_ledger.hpp"
#include "common/atomic_file.hpp"
#include "common/json.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unistd.h>

namespace bsre::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Item {
    std::string input, output;
    bool done = false, ok = false;
    std::unique_ptr<SignOutcome> outcome; // while it is reported only: a batch's records stay small
    Code code = Code::Internal;
    std::string en, id; // the refusal's sentence
};

// The key operation one at a time where the key needs it (a token signs one
// request at a time); NSS's software token signs on every worker at once.
class SerialSigner : public crypto::Signer {
public:
    explicit SerialSigner(crypto::Signer& inner) : inner_(inner) {}
    const crypto::Bytes& certificate() const override { return inner_.certificate(); }
    const std::vector<crypto::Bytes>& chain() const override { return inner_.chain(); }
    std::string commonName() const override { return inner_.commonName(); }
    crypto::KeyType keyType() const override { return inner_.keyType(); }
    int keyBits() const override { return inner_.keyBits(); }
    crypto::HashAlg hashAlg() const override { return inner_.hashAlg(); }
    size_t maxSignatureSize() const override { return inner_.maxSignatureSize(); }
    crypto::Bytes sign(std::string_view data) override
    {
        if (inner_.concurrent())
            return inner_.sign(data);
        std::lock_guard<std::mutex> hold(mutex_);
        return inner_.sign(data);
    }
    int operations() const override { return inner_.operations(); }

private:
    crypto::Signer& inner_;
    std::mutex mutex_;
};

std::vector<std::string> listedInputs(const std::string& list)
{
    std::vector<std::string> out;
    std::ifstream file;
    if (list != "-") {
        file.open(list);
        if (!file)
            fail(Code::Io, Where{list}, "The list " + list + " cannot be read.", "Daftar " + list + " tidak dapat dibaca.");
    }
    std::istream& in = list == "-" ? std::cin : file;
    for (std::string line; std::getline(in, line);)
        if (!(line = trimNewline(line)).empty())
            out.push_back(line);
    return out;
}

// --shard I/N: every N-th input starting at I (0-based, as a Kubernetes
// Indexed Job's JOB_COMPLETION_INDEX).
std::vector<std::string> shardOf(std::vector<std::string> inputs, const std::string& shard)
{
    unsigned i = 0, n = 0;
    char tail = 0;
    if (std::sscanf(shard.c_str(), "%u/%u%c", &i, &n, &tail) != 2 || n == 0 || i >= n)
        usage("--shard must be I/N with 0 <= I < N, e.g. 0/4.", "--shard harus I/N dengan 0 <= I < N, mis. 0/4.");
    std::vector<std::string> out;
    for (size_t k = i; k < inputs.size(); k += n)
        out.push_back(std::move(inputs[k]));
    return out;
}

// OUTDIR/<name><suffix>.pdf for each input; two inputs that would share an
// output, or an output that is its input, are refused before anything is signed.
std::vector<Item> plan(const Args& a)
{
    std::vector<std::string> inputs = a.positional;
    if (a.has("from-list"))
        for (std::string& s : listedInputs(a.get("from-list")))
            inputs.push_back(std::move(s));
    if (inputs.empty())
        usage("No input PDFs given.", "Tidak ada PDF masukan.");
    if (a.has("shard"))
        inputs = shardOf(std::move(inputs), a.get("shard"));
    const std::string dir = a.get("output-dir"), suffix = a.has("suffix") ? a.get("suffix") : "_signed";
    std::vector<Item> items;
    std::map<std::string, std::string> taken;
    for (const std::string& in : inputs) {
        Item it;
        it.input = in;
        it.output = (fs::path(dir) / (fs::path(in).stem().string() + suffix + ".pdf")).string();
        if (auto [at, fresh] = taken.emplace(it.output, in); !fresh)
            usage("Two inputs would be written to the same output " + it.output + ": " + at->second + " and " + in + ".",
                  "Dua masukan akan ditulis ke keluaran yang sama " + it.output + ": " + at->second + " dan " + in + ".");
        if (samePath(in, it.output))
            usage("An output would replace its input " + in + ": choose another --suffix or -O.",
                  "Sebuah keluaran akan menimpa masukannya " + in + ": pilih --suffix atau -O lain.");
        items.push_back(std::move(it));
    }
    return items;
}

} // namespace

namespace {

struct Batch {
    Batch(const Args& args, SignRequest opts, std::vector<Item> todo, LedgerAttempt at)
        : a(args), options(std::move(opts)), items(std::move(todo)), attempt(std::move(at))
    {
    }
    const Args& a;
    SignRequest options; // the same for every file; input, output and notice set per file
    std::vector<Item> items;
    crypto::Signer* signer = nullptr;
    LedgerAttempt attempt; // the certificate known: copied per file
    bool json = false, progress = false;
    std::mutex ledger, print;
    std::atomic<size_t> next{0}, finished{0};
    Clock::time_point start = Clock::now();
};

std::string jsonText(const std::string& s) { return json::quoted(s); }

std::string itemJson(const Item& it)
{
    if (!it.ok)
        return "{\"input\":" + jsonText(it.input) + ",\"signed\":false,\"code\":" + jsonText(codeName(it.code)) +
               ",\"message\":" + jsonText(it.en) + ",\"messageId\":" + jsonText(it.id) + "}";
    std::string warnings;
    for (const Warning& w : it.outcome->warnings)
        warnings += (warnings.empty() ? "" : ",") + jsonText(w.en);
    return "{\"input\":" + jsonText(it.input) + ",\"signed\":true,\"output\":" + jsonText(it.output) +
           ",\"signer\":" + jsonText(it.outcome->signerName) + ",\"signingTime\":" + jsonText(it.outcome->signingTime) +
           ",\"field\":" + jsonText(it.outcome->fieldName) + ",\"level\":" + jsonText(it.outcome->level) +
           ",\"pages\":" + std::to_string(it.outcome->pages) + ",\"bytesAdded\":" +
           std::to_string(it.outcome->bytesAdded) + ",\"warnings\":[" + warnings + "]}";
}

// One line per file as it finishes; on a terminal, a progress line below them.
void report(Batch& b, const Item& it)
{
    std::lock_guard<std::mutex> hold(b.print);
    const size_t done = ++b.finished, total = b.items.size();
    if (b.progress)
        std::fputs("\r\033[K", stderr);
    if (b.json)
        std::cout << itemJson(it) << "\n";
    else if (it.ok)
        std::cout << "signed / ditandatangani: " << it.input << " -> " << it.output << " (PAdES " << it.outcome->level
                  << ")\n";
    else
        std::cout << "REFUSED / DITOLAK: " << it.input << ": " << it.en << "\n    " << it.id << "\n";
    std::cout.flush();
    if (b.progress) {
        const double secs = std::chrono::duration<double>(Clock::now() - b.start).count();
        const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
        std::fprintf(stderr, "[%zu/%zu] %.1f files/s (berkas/detik), %.0f s left (tersisa)", done, total, rate,
                     rate > 0 ? static_cast<double>(total - done) / rate : 0.0);
        std::fflush(stderr);
    }
}

void signOne(Batch& b, Item& it)
{
    SignRequest rq = b.options;
    rq.input = it.input;
    rq.output = it.output;
    LedgerAttempt attempt = b.attempt;
    try {
        inputOptions(b.a, rq);
        attempt.fileName(it.input);
        it.outcome = std::make_unique<SignOutcome>(signPdf(rq, *b.signer));
        std::lock_guard<std::mutex> hold(b.ledger); // one chain of records: one writer at a time
        if (auto w = attempt.signedAs(it.outcome->level, it.outcome->pages))
            it.outcome->warnings.push_back(*w);
        it.ok = true;
    } catch (const Error& e) {
        std::lock_guard<std::mutex> hold(b.ledger);
        attempt.refused(e);
        it.code = e.code();
        it.en = e.english();
        it.id = e.indonesian();
    } catch (const std::exception& e) {
        it.code = Code::Internal;
        it.en = std::string("unexpected failure: ") + e.what();
        it.id = std::string("kegagalan tak terduga: ") + e.what();
    }
    report(b, it);
    it.outcome.reset(); // the summary needs only ok and code: memory stays flat over any batch
    it.en.clear();
    it.id.clear();
}

void runWorkers(Batch& b, unsigned jobs)
{
    auto work = [&b] {
        for (size_t k; (k = b.next++) < b.items.size();)
            signOne(b, b.items[k]);
    };
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < jobs; ++j)
        threads.emplace_back(work);
    work();
    for (std::thread& t : threads)
        t.join();
}

int summary(const Batch& b)
{
    size_t ok = 0;
    std::map<std::string, size_t> causes;
    for (const Item& it : b.items)
        it.ok ? void(++ok) : void(++causes[codeName(it.code)]);
    const double secs = std::chrono::duration<double>(Clock::now() - b.start).count();
    std::string byCause;
    for (const auto& [code, n] : causes)
        byCause += (byCause.empty() ? "" : ", ") + code + " " + std::to_string(n);
    if (b.progress)
        std::fputs("\r\033[K", stderr);
    char time[64];
    std::snprintf(time, sizeof time, "%.2f", secs);
    if (b.json)
        std::cout << "{\"summary\":{\"files\":" << b.items.size() << ",\"signed\":" << ok
                  << ",\"refused\":" << b.items.size() - ok << ",\"seconds\":" << time << "}}\n";
    else
        std::cout << "Batch / Kumpulan: " << ok << " of / dari " << b.items.size() << " signed / ditandatangani, "
                  << b.items.size() - ok << " refused / ditolak" << (byCause.empty() ? "" : " (" + byCause + ")")
                  << ", " << time << " s\n";
    return ok == b.items.size() ? cli::Ok : cli::SomeRefused;
}

// Default: one worker a core (at most 8). On a PKCS#11 token the key
// operation is serialised anyway; the workers still overlap reading,
// hashing, the network and writing.
unsigned jobsFrom(const Args& a)
{
    if (!a.has("jobs"))
        return std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    const int n = std::atoi(a.get("jobs").c_str());
    if (n < 1 || n > 64)
        usage("--jobs must be a number from 1 to 64.", "--jobs harus angka dari 1 sampai 64.");
    return static_cast<unsigned>(n);
}

} // namespace

bool isBatch(const Args& a) { return a.positional.size() > 1 || a.has("from-list") || a.has("output-dir"); }

int cmdSignBatch(const Args& a)
{
    requireKnown(a, {"nssdb", "module", "cert", "pin-file", "pin-fd", "field", "page", "rect", "invisible",
                     "appearance", "title",
                     "reason", "location", "contact", "image", "output-dir", "overwrite", "font", "notice",
                     "notice-text", "notice-preset", "notice-second-line", "logo", "qr-url", "notice-pages",
                     "no-notice-scaling", "tsa", "tsa-user", "tsa-password-file", "tsa-timeout", "level", "certify",
                     "certify-level", "allow-lower-level", "ledger", "no-ledger", "require-ledger", "suffix", "jobs",
                     "shard", "from-list", "json"});
    if (!a.has("output-dir"))
        usage("Signing several files needs -O OUTDIR (the folder the signed files go to).",
              "Menandatangani beberapa berkas memerlukan -O OUTDIR (folder tujuan berkas bertanda tangan).");
    const unsigned jobs = jobsFrom(a);
    SignRequest options = appearanceOptions(a);
    signingOptions(a, options);
    LedgerAttempt attempt = cliAttempt(a, options.level ? levelName(*options.level) : (options.tsa ? "B-T" : "B-B"),
                                       options.placement.kind != Placement::Kind::Invisible, a.has("notice"));
    options.revocation.shared = std::make_shared<crypto::SharedAnswers>(); // one OCSP/CRL session for the batch
    Batch b(a, std::move(options), plan(a), std::move(attempt));
    b.json = a.has("json");
    b.progress = !b.json && ::isatty(STDERR_FILENO);
    std::error_code ec;
    fs::create_directories(a.get("output-dir"), ec);
    if (ec)
        fail(Code::Io, Where{a.get("output-dir")}, "The folder " + a.get("output-dir") + " cannot be made (" + ec.message() + ").",
             "Folder " + a.get("output-dir") + " tidak dapat dibuat (" + ec.message() + ").");
    std::unique_ptr<crypto::Store> store = openStore(a);
    LedgerAttempt login = b.attempt;
    try {
        login.requireWritable();
        auto signer = store->signer(a.get("cert"), pinProvider(a)); // one login, one PIN for the batch
        b.attempt.certificate(signer->certificate());
        SerialSigner serial(*signer);
        b.signer = &serial;
        runWorkers(b, std::min<unsigned>(jobs, static_cast<unsigned>(b.items.size())));
    } catch (const Error& e) {
        login.refused(e); // nothing was signed: the certificate, PIN or ledger stopped the batch
        throw;
    }
    return summary(b);
}

} // namespace bsre::cli
