// Benchmark (never a test, never fails a build): prints numbers beside the
// anchors measured in the same run.
//   bench-sign PKI_DIR PDF...
// For each PDF: bsre-sign whole-process time vs pdfsig -add-signature (same
// input, same certificate); in-process signing vs the floor (SHA-256 of the
// same bytes plus one RSA-2048 signature); bytes added.
#include "common/atomic_file.hpp"
#include "core/notice_text.hpp"
#include "core/ltv.hpp"
#include "core/sign.hpp"
#include "crypto/digest.hpp"
#include "crypto/store.hpp"
#include "crypto/tsa.hpp"
#include "pdf/reader.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

static double medianMs(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

template <class F>
static double timeMs(F&& f, int reps)
{
    std::vector<double> t;
    for (int i = 0; i < reps; ++i) {
        auto a = Clock::now();
        f();
        t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
    }
    return medianMs(t);
}

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench-sign PKI_DIR TOOL_DIR PDF...\n");
        return 0;
    }
    const std::string pki = argv[1];
    const std::string toolDir = argv[2];
    const fs::path tmp = fs::temp_directory_path() / "bsre-bench";
    fs::create_directories(tmp);
    auto store = bsre::crypto::Store::open(pki + "/nssdb");
    auto signer = store->signer("officer-rsa", {});
    const int reps = 7;

    std::printf("%-22s %6s | %10s %10s %6s | %10s %10s %8s | %9s %9s\n", "input", "pages", "bsre-sign", "pdfsig",
                "ratio", "in-proc", "floor", "over", "added B", "pdfsig B");
    for (int i = 3; i < argc; ++i) {
        const std::string in = argv[i];
        const std::string bytes = bsre::readFile(in);
        const std::string out = (tmp / "out.pdf").string(), ps = (tmp / "pdfsig.pdf").string();

        std::string cmd = "'" + toolDir + "/bsre-sign' sign --nssdb '" + pki + "/nssdb' --cert officer-rsa --page 1 --rect 320,60,220,70 --overwrite '" +
                          in + "' -o '" + out + "' >/dev/null 2>&1";
        double tool = timeMs([&] { (void)std::system(cmd.c_str()); }, reps);
        std::string pcmd = "rm -f '" + ps + "'; pdfsig -add-signature -nssdir 'sql:" + pki +
                           "/nssdb' -nick officer-rsa -reason bench '" + in + "' '" + ps + "' >/dev/null 2>&1";
        double pdfsig = timeMs([&] { (void)std::system(pcmd.c_str()); }, reps);

        bsre::SignRequest rq;
        rq.input = in;
        rq.output = out;
        rq.placement.kind = bsre::Placement::Kind::NewVisible;
        rq.placement.page = 1;
        rq.placement.rect = {320, 60, 540, 130};
        size_t added = 0;
        double inproc = timeMs([&] { added = bsre::signToBytes(rq, *signer).bytes.size() - bytes.size(); }, reps);
        double floor = timeMs(
            [&] {
                auto d = bsre::crypto::hash(bsre::crypto::HashAlg::Sha256, bytes);
                (void)signer->sign(d);
            },
            reps);
        unsigned long long pdfsigAdded = fs::exists(ps) ? fs::file_size(ps) - bytes.size() : 0;
        const size_t pages = bsre::pdf::Reader::open(in)->model().pages.size();
        std::printf("%-22s %6zu | %8.1fms %8.1fms %5.2fx | %8.2fms %8.2fms %+6.2fms | %9zu %9llu\n",
                    fs::path(in).filename().c_str(), pages, tool, pdfsig, tool / pdfsig, inproc, floor, inproc - floor,
                    added, pdfsigAdded);
    }
    std::printf("(median of %d runs; 'over' = in-process minus floor; pdfsig signs invisibly)\n", reps);

    // The notice band: time and bytes it adds to an invisible signature.
    std::printf("\n%-22s %6s | %10s %10s %10s | %10s %10s\n", "notice", "pages", "without", "with", "added",
                "bytes +", "per 10 p.");
    for (int i = 3; i < argc; ++i) {
        const std::string in = argv[i];
        const size_t pages = bsre::pdf::Reader::open(in)->model().pages.size();
        bsre::SignRequest plain;
        plain.input = in;
        plain.output = (tmp / "n.pdf").string();
        bsre::SignRequest stamped = plain;
        bsre::NoticeRequest n;
        n.style.paragraphs = {bsre::kDefaultNotice};
        n.style.logoPath = BSRE_DEFAULT_LOGO;
        stamped.notice = n;
        size_t bytesPlain = 0, bytesNotice = 0;
        double a = timeMs([&] { bytesPlain = bsre::signToBytes(plain, *signer).bytes.size(); }, reps);
        double b = timeMs([&] { bytesNotice = bsre::signToBytes(stamped, *signer).bytes.size(); }, reps);
        std::printf("%-22s %6zu | %8.2fms %8.2fms %+8.2fms | %10zu %+8.2fms\n", fs::path(in).filename().c_str(), pages,
                    a, b, b - a, bytesNotice - bytesPlain, (b - a) * 10.0 / static_cast<double>(pages));
    }
    std::printf("(targets: at most +3 ms per 10 pages and +15 KB with the placeholder logo)\n");

    // B-T against the loopback TSA (bench/run.sh starts it): what the token
    // costs beyond the network round trip, and its bytes.
    if (const char* tsaUrl = std::getenv("BSRE_BENCH_TSA"); tsaUrl && *tsaUrl) {
        const int netReps = 21; // loopback network times jitter: more runs for a steadier median
        const char* ltvDb = std::getenv("BSRE_BENCH_LTVDB");
        signer.reset(); // one NSS database at a time
        store.reset();
        auto ltvStore = bsre::crypto::Store::open(ltvDb ? ltvDb : (pki + "/nssdb"));
        auto ltvSigner = ltvStore->signer("ltv-officer", {});
        bsre::crypto::TsaConfig cfg;
        cfg.url = tsaUrl;
        bsre::SignRequest bb;
        bb.input = argv[3];
        bb.output = (tmp / "t.pdf").string();
        bsre::SignRequest bt = bb;
        bt.tsa = cfg;
        size_t sizeBB = 0, sizeBT = 0;
        double tBB = timeMs([&] { sizeBB = bsre::signToBytes(bb, *ltvSigner).bytes.size(); }, netReps);
        double tBT = timeMs([&] { sizeBT = bsre::signToBytes(bt, *ltvSigner).bytes.size(); }, netReps);
        double trip = timeMs([&] { (void)bsre::crypto::requestTimestamp(cfg, "bench"); }, netReps);
        std::printf("\nB-T (%s): B-B %.2f ms, B-T %.2f ms, TSA round trip alone %.2f ms, added beyond the round "
                    "trip %+.2f ms; bytes %+zd (median of 21)\n",
                    fs::path(argv[3]).filename().c_str(), tBB, tBT, trip, tBT - tBB - trip,
                    static_cast<ssize_t>(sizeBT) - static_cast<ssize_t>(sizeBB));

        // B-LT and B-LTA against the loopback OCSP responder and CRL server:
        // the network part is measured alone (both chains, a fresh cache each
        // time: 2 OCSP requests and 1 CRL download, each answer checked).
        bsre::SignRequest lt = bt, lta = bt;
        lt.level = bsre::Level::BLT;
        lta.level = bsre::Level::BLTA;
        size_t sizeLT = 0, sizeLTA = 0;
        double tLT = timeMs([&] { sizeLT = bsre::signToBytes(lt, *ltvSigner).bytes.size(); }, netReps);
        double tLTA = timeMs([&] { sizeLTA = bsre::signToBytes(lta, *ltvSigner).bytes.size(); }, netReps);
        const std::string tsaDer = (tmp / "tsa.der").string();
        (void)std::system(("openssl x509 -in '" + std::string(ltvDb ? ltvDb : "") + "/../ltv-tsa.pem' -outform DER -out '" +
                           tsaDer + "'").c_str());
        const std::string tsaCert = bsre::readFile(tsaDer);
        double gather = timeMs(
            [&] {
                bsre::LtvCollector c(bsre::crypto::RevocationOptions{});
                c.checkChain(ltvSigner->certificate(), ltvSigner->chain());
                c.checkChain(tsaCert, {});
            },
            netReps);
        std::printf("B-LT: %.2f ms; revocation data alone (fetch + check, both chains) %.2f ms; added beyond B-T and "
                    "that %+.2f ms; bytes beyond B-T %+zd\n",
                    tLT, gather, tLT - tBT - gather, static_cast<ssize_t>(sizeLT) - static_cast<ssize_t>(sizeBT));
        std::printf("B-LTA: %.2f ms; added beyond B-LT and one TSA round trip %+.2f ms; bytes beyond B-LT %+zd\n", tLTA,
                    tLTA - tLT - trip, static_cast<ssize_t>(sizeLTA) - static_cast<ssize_t>(sizeLT));
    }
    fs::remove_all(tmp);
    return 0;
}
