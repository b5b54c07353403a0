// Shared helpers for the tests: run real programs, read fixtures, and check
// a signed PDF with independent validators.
#pragma once

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace testing {

namespace fs = std::filesystem;

inline std::string env(const char* name)
{
    const char* v = std::getenv(name);
    BOOST_TEST_REQUIRE(v != nullptr, "environment variable " << name << " must be set by CTest");
    return v;
}

inline std::string pki(const std::string& rel) { return env("BSRE_PKI") + "/" + rel; }
inline std::string pdfs(const std::string& rel) { return env("BSRE_PDFS") + "/" + rel; }
inline std::string tool() { return env("BSRE_SIGN"); }

struct Run {
    int status = -1;
    std::string output; // stdout and stderr together
};

// Runs a shell command line (all arguments quoted by the caller).
inline Run run(const std::string& cmd)
{
    Run r;
    std::FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
    BOOST_TEST_REQUIRE(p != nullptr);
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        r.output.append(buf, n);
    int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

inline std::string q(const std::string& s)
{
    std::string o = "'";
    for (char c : s)
        o += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return o + "'";
}

inline std::string slurp(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

inline void spit(const std::string& path, const std::string& data)
{
    std::ofstream f(path, std::ios::binary);
    f << data;
}

// White space runs as one space, none at the ends (pdftotext's line breaks
// and spacing vary between pages and versions).
inline std::string collapse(const std::string& s)
{
    std::string o;
    for (char c : s) {
        bool ws = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
        if (ws && (o.empty() || o.back() == ' '))
            continue;
        o += ws ? ' ' : c;
    }
    while (!o.empty() && o.back() == ' ')
        o.pop_back();
    return o;
}

// A private scratch folder per test case, removed afterwards.
struct Scratch {
    fs::path dir;
    Scratch()
    {
        std::string t = (fs::temp_directory_path() / "bsre-test-XXXXXX").string();
        BOOST_TEST_REQUIRE(::mkdtemp(t.data()) != nullptr);
        dir = t;
    }
    ~Scratch()
    {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string operator()(const std::string& name) const { return (dir / name).string(); }
};

inline std::string softhsmModule()
{
    for (const char* p : {"/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"})
        if (fs::exists(p))
            return p;
    BOOST_FAIL("SoftHSM2 module not found");
    return {};
}

// Our verifier's modification analysis on a product output: the file was
// analysed, every change its later revisions made is allowed, and no
// signature fails (trust may be unchecked for a database without the root).
inline void checkOwnAnalysis(const std::string& pdf, const std::string& nssdb)
{
    Run ov = run(q(tool()) + " verify --nssdb " + q(nssdb) + " --json " + q(pdf));
    BOOST_TEST(ov.output.find("\"modifications\":") != std::string::npos, ov.output);
    BOOST_TEST(ov.output.find("\"allowed\":false") == std::string::npos, ov.output);
    BOOST_TEST(ov.output.find("TOTAL-FAILED") == std::string::npos, ov.output);
}

// Signs with the CLI; returns the run (status, output). Every output it
// makes goes through our verifier's modification analysis.
inline Run sign(const std::string& in, const std::string& out, const std::string& extra)
{
    Run r = run("SOFTHSM2_CONF=" + q(pki("softhsm2.conf")) + " " + q(tool()) + " sign --nssdb " + q(pki("nssdb")) +
                " " + extra + " " + q(in) + " -o " + q(out));
    if (r.status == 0 && fs::exists(out))
        checkOwnAnalysis(out, pki("verifydb"));
    return r;
}

struct ByteRange {
    unsigned long long a, b, c, d;
};

// Every /ByteRange in the file, in file order.
inline std::vector<ByteRange> byteRanges(const std::string& bytes)
{
    std::vector<ByteRange> out;
    std::regex re(R"(/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\])");
    for (auto it = std::sregex_iterator(bytes.begin(), bytes.end(), re); it != std::sregex_iterator(); ++it)
        out.push_back({std::stoull((*it)[1]), std::stoull((*it)[2]), std::stoull((*it)[3]), std::stoull((*it)[4])});
    return out;
}

inline std::string unhex(const std::string& hex)
{
    std::string out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return out;
}

// The DER inside a zero-padded /Contents value.
inline std::string derOf(const std::string& padded)
{
    if (padded.size() < 4 || static_cast<unsigned char>(padded[0]) != 0x30)
        return padded;
    unsigned char l = padded[1];
    size_t len = 0, hdr = 2;
    if (l < 0x80)
        len = l;
    else {
        int n = l & 0x7f;
        for (int k = 0; k < n; ++k)
            len = (len << 8) | static_cast<unsigned char>(padded[2 + k]);
        hdr += n;
    }
    return padded.substr(0, hdr + len);
}

// openssl cms -verify over the signed byte ranges of signature `index`.
inline Run opensslCmsVerify(const std::string& pdf, size_t index, const Scratch& s)
{
    std::string bytes = slurp(pdf);
    auto ranges = byteRanges(bytes);
    BOOST_TEST_REQUIRE(index < ranges.size());
    ByteRange r = ranges[index];
    spit(s("content.bin"), bytes.substr(r.a, r.b) + bytes.substr(r.c, r.d));
    std::string hex = bytes.substr(r.b + 1, r.c - r.b - 2);
    spit(s("sig.der"), derOf(unhex(hex)));
    return run("openssl cms -verify -binary -inform DER -in " + q(s("sig.der")) + " -content " +
               q(s("content.bin")) + " -CAfile " + q(pki("root.pem")) + " -purpose any -out /dev/null");
}

// How often needle occurs in hay (overlapping occurrences counted).
inline size_t count(const std::string& hay, const std::string& needle)
{
    size_t n = 0;
    for (size_t p = 0; (p = hay.find(needle, p)) != std::string::npos; ++p)
        ++n;
    return n;
}

// The house rule: every output passes pdfsig, mutool, qpdf and openssl cms,
// and the input's bytes are an exact prefix of the output.
inline void checkSignedOutput(const std::string& in, const std::string& out, size_t expectedSignatures)
{
    std::string inBytes = slurp(in), outBytes = slurp(out);
    BOOST_TEST_REQUIRE(outBytes.size() > inBytes.size());
    BOOST_TEST((outBytes.compare(0, inBytes.size(), inBytes) == 0), "input must be a prefix of the output");

    Run ps = run("pdfsig -nssdir sql:" + q(pki("verifydb")) + " " + q(out));
    BOOST_TEST(ps.status == 0, ps.output);
    BOOST_TEST(count(ps.output, "Signature is Valid.") == expectedSignatures, ps.output);
    BOOST_TEST(count(ps.output, "Certificate is Trusted.") == expectedSignatures, ps.output);
    BOOST_TEST(ps.output.find("ETSI.CAdES.detached") != std::string::npos, ps.output);

    // MuPDF checks the digest over the byte ranges itself; Debian's build
    // has no trust store, so its certificate line always reads "Unknown error".
    Run mu = run("mutool sign -v " + q(out));
    BOOST_TEST(mu.status == 0, mu.output);
    const size_t muOk = count(mu.output, "The document is unchanged since signing.") +
                        count(mu.output, "The signature is valid but there have been edits since signing.");
    BOOST_TEST(muOk == expectedSignatures, mu.output);
    BOOST_TEST(mu.output.find("Digest error") == std::string::npos, mu.output);

    Run qp = run("qpdf --check " + q(out));
    BOOST_TEST(qp.status == 0, qp.output);
    BOOST_TEST(qp.output.find("No syntax or stream encoding errors found") != std::string::npos, qp.output);

    // Our own verifier: every signature TOTAL-PASSED, and every change a
    // later revision made (the product's own updates) allowed.
    Run ov = run(q(tool()) + " verify --nssdb " + q(pki("verifydb")) + " --json " + q(out));
    BOOST_TEST(ov.status == 0, ov.output);
    BOOST_TEST(ov.output.find("\"allowed\":false") == std::string::npos, ov.output);
    BOOST_TEST(count(ov.output, "\"indication\":\"TOTAL-PASSED\"") == expectedSignatures, ov.output);

    Scratch s;
    for (size_t i = 0; i < expectedSignatures; ++i) {
        Run os = opensslCmsVerify(out, i, s);
        BOOST_TEST(os.status == 0, "openssl cms signature " << i << ": " << os.output);
        BOOST_TEST(os.output.find("Verification successful") != std::string::npos, os.output);
    }
}

} // namespace testing
