// `bsre-sign sign IN.pdf... -O OUTDIR` (issue 14): 50 PDFs of different kinds,
// three of them bad, signed in one run on the SoftHSM2 token with the PIN
// read once from a file descriptor (a second login would read nothing and
// fail); every output checked by pdfsig, mutool, qpdf, openssl and our own
// verifier; the refusals named; nothing else in the folder; inputs unchanged;
// the same with --jobs 2 and as two --shard halves; the ledger's chain whole.
#define BOOST_TEST_MODULE batch
#include <boost/test/unit_test.hpp>

#include "support.hpp"

#include <filesystem>
#include <map>
#include <set>

using namespace testing;
namespace fs = std::filesystem;

namespace {

struct Inputs {
    std::vector<std::string> paths;
    std::map<std::string, std::string> bytes; // path -> content before signing
    std::map<std::string, size_t> signatures; // good inputs: signatures expected in the output
};

// 47 good inputs (text, object streams, an empty field, images, PDF/A, one
// already signed) and 3 bad ones (encrypted, truncated, not a PDF).
Inputs makeInputs(const Scratch& s)
{
    fs::create_directories(s("in"));
    Inputs in;
    auto add = [&](const std::string& from, const std::string& name, size_t sigs) {
        const std::string to = s("in/" + name);
        fs::copy_file(from, to, fs::copy_options::overwrite_existing);
        in.paths.push_back(to);
        in.bytes[to] = slurp(to);
        if (sigs)
            in.signatures[to] = sigs;
    };
    for (int i = 1; i <= 40; ++i)
        add(pdfs("letter.pdf"), "surat-" + std::to_string(i) + ".pdf", 1);
    add(pdfs("letter-objstm.pdf"), "objstm-1.pdf", 1);
    add(pdfs("letter-objstm.pdf"), "objstm-2.pdf", 1);
    add(pdfs("empty-field.pdf"), "formulir.pdf", 1);
    add(pdfs("letter-pdfa.pdf"), "pdfa.pdf", 1);
    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("pre.pdf"), "--cert officer-ec --invisible").status == 0);
    add(s("pre.pdf"), "sudah-ditandatangani.pdf", 2);
    // A PDF with images: the verification report of a changed letter.
    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("v.pdf"), "--cert officer-ec --invisible").status == 0);
    run("python3 " + q(env("BSRE_SOURCE") + "/tests/tools/pdf_attack.py") + " append-content " + q(s("v.pdf")) + " " + q(s("va.pdf")));
    run(q(tool()) + " verify --report " + q(s("images.pdf")) + " " + q(s("va.pdf")));
    BOOST_TEST_REQUIRE(run("pdfimages -list " + q(s("images.pdf"))).output.find(" rgb ") != std::string::npos);
    add(s("images.pdf"), "gambar.pdf", 1);
    add(pdfs("letter.pdf"), "terakhir.pdf", 1);
    add(pdfs("encrypted.pdf"), "terenkripsi.pdf", 0);
    add(pdfs("truncated.pdf"), "terpotong.pdf", 0);
    add(pdfs("not-a-pdf.pdf"), "bukan-pdf.pdf", 0);
    BOOST_TEST_REQUIRE(in.paths.size() == 50u);
    return in;
}

// The token's PIN on fd 3, from a file: read once, then at its end.
Run batch(const Inputs& in, const std::string& outDir, const std::string& extra)
{
    std::string files;
    for (const std::string& p : in.paths)
        files += " " + q(p);
    return run("SOFTHSM2_CONF=" + q(pki("softhsm2.conf")) + " " + q(tool()) + " sign --nssdb " + q(pki("nssdb")) +
               " --module " + q(softhsmModule()) + " --cert " + q("bsre-test:Agus Token") + " --pin-fd 3 --invisible " +
               extra + files + " -O " + q(outDir) + " 3< " + q(pki("token.pin")));
}

std::string outputOf(const std::string& input, const std::string& dir)
{
    return dir + "/" + fs::path(input).stem().string() + "_signed.pdf";
}

std::map<std::string, uintmax_t> filesIn(const std::string& dir)
{
    std::map<std::string, uintmax_t> out;
    if (fs::exists(dir))
        for (const auto& e : fs::directory_iterator(dir))
            out[e.path().filename().string()] = e.is_regular_file() ? e.file_size() : 0;
    return out;
}

void checkRefusals(const Run& r)
{
    BOOST_TEST(r.status == 9, r.output);
    BOOST_TEST(count(r.output, "\"signed\":true") == 47u, r.output);
    BOOST_TEST(count(r.output, "\"signed\":false") == 3u, r.output);
    for (const char* want : {"\"input\":\"", "\"code\":\"EncryptedPdf\"", "\"code\":\"MalformedPdf\"", "\"code\":\"NotPdf\"",
                             "\"summary\":{\"files\":50,\"signed\":47,\"refused\":3"})
        BOOST_TEST(r.output.find(want) != std::string::npos, want << " in " << r.output);
}

} // namespace

BOOST_AUTO_TEST_CASE(fifty_files_one_pin_three_refused)
{
    Scratch s;
    const Inputs in = makeInputs(s);
    Run r = batch(in, s("out"), "--json --ledger " + q(s("ledger")));
    checkRefusals(r);
    const auto files = filesIn(s("out"));
    BOOST_TEST(files.size() == 47u, "only the signed outputs, no temporary files");
    for (const auto& [path, sigs] : in.signatures) {
        BOOST_TEST_CONTEXT(path) { checkSignedOutput(path, outputOf(path, s("out")), sigs); }
    }
    for (const auto& [path, bytes] : in.bytes)
        BOOST_TEST(slurp(path) == bytes, path << " changed");
    // One record per file in one unbroken chain.
    const std::string year = run("date -u +%Y").output.substr(0, 4);
    Run rep = run(q(tool()) + " report --year " + year + " --ledger " + q(s("ledger")) + " -o " + q(s("r.json")));
    BOOST_TEST_REQUIRE(rep.status == 0, rep.output);
    const std::string j = slurp(s("r.json"));
    BOOST_TEST(j.find("\"signed\":47") != std::string::npos, j);
    BOOST_TEST(j.find("\"refused\":3") != std::string::npos, j);
    BOOST_TEST(j.find("\"brokenChains\":[]") != std::string::npos, j);
}

BOOST_AUTO_TEST_CASE(two_jobs_and_two_shards_give_the_same_outputs)
{
    Scratch s;
    const Inputs in = makeInputs(s);
    checkRefusals(batch(in, s("one"), "--json --jobs 1"));
    checkRefusals(batch(in, s("two"), "--json --jobs 2 --ledger " + q(s("ledger"))));
    const auto one = filesIn(s("one")), two = filesIn(s("two"));
    BOOST_TEST((one == two), "the same names and sizes (only the times differ)");
    Run a = batch(in, s("shards"), "--json --shard 0/2"), b = batch(in, s("shards"), "--json --shard 1/2");
    BOOST_TEST(a.status == 9, a.output); // the bad ones are the last three: in both halves
    BOOST_TEST(b.status == 9, b.output);
    BOOST_TEST(count(a.output, "{\"input\":") + count(b.output, "{\"input\":") == 50u, a.output << b.output);
    BOOST_TEST(count(a.output, "\"signed\":true") + count(b.output, "\"signed\":true") == 47u);
    BOOST_TEST((filesIn(s("shards")) == one), "the two halves together are exactly the whole set");
    for (const auto& [name, size] : two) {
        Run v = run(q(tool()) + " verify --nssdb " + q(pki("verifydb")) + " --json " + q(s("two/" + name)));
        BOOST_TEST(v.status == 0, name << ": " << v.output);
    }
    const std::string year = run("date -u +%Y").output.substr(0, 4);
    BOOST_TEST_REQUIRE(run(q(tool()) + " report --year " + year + " --ledger " + q(s("ledger")) + " -o " + q(s("r.json"))).status == 0);
    BOOST_TEST(slurp(s("r.json")).find("\"brokenChains\":[]") != std::string::npos, "two workers, one chain");
}

BOOST_AUTO_TEST_CASE(a_list_on_stdin_and_the_usage_errors)
{
    Scratch s;
    spit(s("list.txt"), pdfs("letter.pdf") + "\n\n" + pdfs("letter-objstm.pdf") + "\n");
    Run r = run("cat " + q(s("list.txt")) + " | " + q(tool()) + " sign --nssdb " + q(pki("nssdb")) +
                " --cert officer-rsa --no-ledger --from-list - -O " + q(s("out")) + " --suffix -ttd");
    BOOST_TEST(r.status == 0, r.output);
    BOOST_TEST(fs::exists(s("out/letter-ttd.pdf")));
    BOOST_TEST(fs::exists(s("out/letter-objstm-ttd.pdf")));
    BOOST_TEST(r.output.find("2 of / dari 2 signed") != std::string::npos, r.output);
    const std::string base = q(tool()) + " sign --nssdb " + q(pki("nssdb")) + " --cert officer-rsa --no-ledger ";
    Run noDir = run(base + q(pdfs("letter.pdf")) + " " + q(pdfs("empty-field.pdf")));
    BOOST_TEST(noDir.status == 2, noDir.output);
    BOOST_TEST(noDir.output.find("-O OUTDIR") != std::string::npos, noDir.output);
    fs::create_directories(s("a"));
    fs::create_directories(s("b"));
    fs::copy_file(pdfs("letter.pdf"), s("a/x.pdf"));
    fs::copy_file(pdfs("letter.pdf"), s("b/x.pdf"));
    Run twice = run(base + q(s("a/x.pdf")) + " " + q(s("b/x.pdf")) + " -O " + q(s("dup")));
    BOOST_TEST(twice.status == 2, twice.output);
    BOOST_TEST(twice.output.find("same output") != std::string::npos, twice.output);
    BOOST_TEST(!fs::exists(s("dup/x_signed.pdf")), "nothing signed when the plan is refused");
    Run shard = run(base + q(s("a/x.pdf")) + " -O " + q(s("o")) + " --shard 2/2");
    BOOST_TEST(shard.status == 2, shard.output);
    Run again = run(base + q(pdfs("letter.pdf")) + " -O " + q(s("out")) + " --suffix -ttd");
    BOOST_TEST(again.status == 9, "an existing output is refused without --overwrite: " << again.output);
    BOOST_TEST(again.output.find("already exists") != std::string::npos, again.output);

    // A file over 512 MiB (sparse here) is refused before it is read; the batch goes on.
    spit(s("big.pdf"), "%PDF-1.7\n");
    fs::resize_file(s("big.pdf"), 600ull << 20);
    Run big = run("/usr/bin/time -f 'maxrss %M' " + base + q(s("big.pdf")) + " " + q(pdfs("letter.pdf")) + " -O " +
                  q(s("bigout")) + " --json");
    BOOST_TEST(big.status == 9, big.output);
    BOOST_TEST(big.output.find("\"code\":\"InputTooLarge\"") != std::string::npos, big.output);
    BOOST_TEST(fs::exists(s("bigout/letter_signed.pdf")));
    const size_t at = big.output.find("maxrss ");
    BOOST_TEST_REQUIRE(at != std::string::npos, big.output);
    BOOST_TEST(std::stoul(big.output.substr(at + 7)) < 200000u, "peak RSS in KiB: " << big.output.substr(at));
}
