// The usage ledger and the yearly report: every signing attempt through the
// CLI becomes one record with the right fields and nothing private; a torn
// line is skipped, an edited or removed record breaks the chain where it was,
// a ledger collected twice counts once; the report's numbers are the ones the
// records say.
#define BOOST_TEST_MODULE ledger
#include "support.hpp"

#include "core/ledger.hpp"
#include "core/usage_report.hpp"
#include "crypto/verify.hpp"

using namespace testing;

namespace {

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

Run signInto(const std::string& ledger, const std::string& out, const std::string& extra = "",
             const std::string& db = "nssdb")
{
    return run(q(tool()) + " sign --nssdb " + q(pki(db)) + " " + extra + " --ledger " + q(ledger) + " " +
               q(pdfs("letter.pdf")) + " -o " + q(out));
}

std::vector<std::string> lines(const std::string& file)
{
    std::vector<std::string> out;
    std::string all = slurp(file), line;
    for (char c : all) {
        if (c == '\n') {
            out.push_back(line);
            line.clear();
        } else {
            line += c;
        }
    }
    if (!line.empty())
        out.push_back(line);
    return out;
}

std::string onlyFile(const std::string& dir)
{
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir))
        files.push_back(e.path().string());
    BOOST_TEST_REQUIRE(files.size() == 1u, "one ledger file per desk and user in " << dir);
    return files.front();
}

std::string fingerprint(const std::string& pem)
{
    Run r = run("openssl x509 -in " + q(pem) + " -noout -fingerprint -sha256 | sed 's/.*=//; s/://g'");
    return r.output.substr(0, 64);
}

// NSS for the in-process parts (SHA-256).
struct Nss {
    std::unique_ptr<bsre::crypto::TrustContext> ctx = bsre::crypto::TrustContext::none();
};
Nss& nss()
{
    static Nss n;
    return n;
}

bsre::LedgerRecord record(const std::string& time, bool ok, const std::string& who = "Budi Santoso")
{
    bsre::LedgerRecord r;
    r.time = time;
    r.signedOk = ok;
    r.code = ok ? "" : "BadPin";
    r.fingerprint = ok ? "AA" + who : "";
    r.name = who;
    r.organisation = "Kementerian Contoh";
    r.unit = "Biro Umum";
    r.level = ok ? "B-LT" : "";
    r.source = "Writer";
    r.tool = "test";
    return r;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ledger)

BOOST_AUTO_TEST_CASE(every_attempt_through_the_cli_is_one_record_with_nothing_private)
{
    Scratch s;
    const std::string led = s("ledger");
    BOOST_TEST_REQUIRE(signInto(led, s("a.pdf"), "--cert officer-rsa --page 1 --rect 340,120,200,70 --notice --reason "
                                                 "Persetujuan-Rahasia").status == 0);
    BOOST_TEST(signInto(led, s("b.pdf"), "--cert expired").status == 4);
    spit(s("wrong.pin"), "not-the-password\n");
    BOOST_TEST(signInto(led, s("c.pdf"), "--cert officer-rsa --pin-file " + q(s("wrong.pin")), "nssdb-pw").status == 4);
    BOOST_TEST_REQUIRE(signInto(led, s("d.pdf"), "--cert officer-rsa --pin-file " + q(pki("nssdb-pw.pin")), "nssdb-pw")
                           .status == 0);
    const std::string file = onlyFile(led);
    const auto recs = lines(file);
    BOOST_TEST_REQUIRE(recs.size() == 4u, slurp(file));
    auto first = bsre::parseRecord(recs[0]);
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST(first->record.signedOk);
    BOOST_TEST(first->record.fingerprint == fingerprint(pki("officer-rsa.pem")));
    BOOST_TEST(first->record.name == "Budi Santoso");
    BOOST_TEST(first->record.level == "B-B");
    BOOST_TEST(first->record.pages == 1);
    BOOST_TEST(first->record.visible);
    BOOST_TEST(first->record.notice);
    BOOST_TEST(first->record.source == "PDF");
    BOOST_TEST(first->record.tool == "bsre-sign");
    BOOST_TEST(contains(recs[1], "\"result\":\"refused\",\"code\":\"CertificateExpired\""), recs[1]);
    BOOST_TEST(contains(recs[2], "\"code\":\"BadPin\""), recs[2]);
    BOOST_TEST(contains(recs[3], "\"result\":\"signed\""), recs[3]);
    const std::string log = slurp(env("XDG_DATA_HOME") + "/bsre-sign/support.log");
    BOOST_TEST(contains(log, "bsre-sign 0.1.0 NSS "), log);
    BOOST_TEST(contains(log, "CertificateExpired: The certificate expired"), log);
    BOOST_TEST(contains(log, "BadPin: "), log);
    for (const char* secret : {"not-the-password", "nsspass123", "NOTA DINAS"})
        BOOST_TEST(!contains(log, secret), "the support log must not contain \"" << secret << "\"");
    const std::string all = slurp(file);
    for (const char* secret : {"letter", "a.pdf", "Persetujuan", "Rahasia", "not-the-password", "nsspass123",
                               "NOTA DINAS", "Biro Umum", "Penerapan"})
        BOOST_TEST(!contains(all, secret), "the ledger must not contain \"" << secret << "\"");
}

BOOST_AUTO_TEST_CASE(a_ledger_that_cannot_be_written_warns_or_with_require_ledger_refuses)
{
    Scratch s;
    spit(s("blocker"), "a file where the ledger folder should be");
    const std::string led = s("blocker") + "/ledger";
    Run ok = signInto(led, s("a.pdf"), "--cert officer-rsa");
    BOOST_TEST(ok.status == 0, ok.output);
    BOOST_TEST(contains(ok.output, "could not be recorded in the usage ledger"), ok.output);
    BOOST_TEST(fs::exists(s("a.pdf")));
    Run no = signInto(led, s("b.pdf"), "--cert officer-rsa --require-ledger");
    BOOST_TEST(no.status == 5, no.output);
    BOOST_TEST(contains(no.output, "requires it; nothing was signed"), no.output);
    BOOST_TEST(!fs::exists(s("b.pdf")));
    // A required ledger whose folder does not exist yet is made, not refused.
    Run fresh = signInto(s("new/ledger"), s("d.pdf"), "--cert officer-rsa --require-ledger");
    BOOST_TEST(fresh.status == 0, fresh.output);
    BOOST_TEST(lines(onlyFile(s("new/ledger"))).size() == 1u);
    Run off = signInto(s("unused"), s("c.pdf"), "--cert officer-rsa --no-ledger");
    BOOST_TEST(off.status == 0, off.output);
    BOOST_TEST(!fs::exists(s("unused")));
}

BOOST_AUTO_TEST_CASE(the_report_counts_what_the_records_say_per_month_certificate_level_unit_and_cause)
{
    nss();
    Scratch s;
    const std::string file = bsre::ledgerFile(s("led"), "desk-1", "budi");
    for (const char* t : {"2026-01-05T01:00:00Z", "2026-01-20T01:00:00Z", "2026-03-01T01:00:00Z"})
        bsre::appendRecord(file, record(t, true));
    bsre::appendRecord(file, record("2026-03-02T01:00:00Z", true, "Siti Rahayu"));
    bsre::appendRecord(file, record("2026-03-03T01:00:00Z", false));
    bsre::appendRecord(file, record("2025-12-31T23:59:59Z", true)); // another year
    const bsre::UsageReport r = bsre::buildUsageReport(2026, {s("led")});
    BOOST_TEST(r.signedCount == 4u);
    BOOST_TEST(r.refusedCount == 1u);
    BOOST_TEST(r.perMonth.at("2026-01") == 2u);
    BOOST_TEST(r.perMonth.at("2026-02") == 0u);
    BOOST_TEST(r.perMonth.at("2026-03") == 2u);
    BOOST_TEST(r.perMonth.size() == 12u);
    BOOST_TEST_REQUIRE(r.perCertificate.size() == 2u);
    BOOST_TEST(r.perCertificate[0].name == "Budi Santoso");
    BOOST_TEST(r.perCertificate[0].signedCount == 3u);
    BOOST_TEST(r.perLevel.at("B-LT") == 4u);
    BOOST_TEST(r.perUnit.at("Kementerian Contoh / Biro Umum") == 4u);
    BOOST_TEST(r.refusedByCode.at("BadPin") == 1u);
    BOOST_TEST(r.brokenChains.empty());
    BOOST_TEST(r.skippedLines.empty());
    const std::string j = bsre::usageReportJson(r);
    for (const char* key : {"\"year\":2026", "\"signed\":4", "\"refused\":1", "\"2026-01\":2", "\"BadPin\":1",
                            "\"perCertificate\":[{\"fingerprint\":", "\"skippedLines\":[]", "\"brokenChains\":[]"})
        BOOST_TEST(contains(j, key), key << " in " << j);
}

BOOST_AUTO_TEST_CASE(a_torn_last_line_is_skipped_and_the_next_record_chains_past_it)
{
    nss();
    Scratch s;
    const std::string file = bsre::ledgerFile(s("led"), "desk", "user");
    bsre::appendRecord(file, record("2026-05-01T00:00:00Z", true));
    bsre::appendRecord(file, record("2026-05-02T00:00:00Z", true));
    std::string bytes = slurp(file);
    spit(file, bytes.substr(0, bytes.size() - 40)); // power cut in the middle of the second record
    bsre::UsageReport torn = bsre::buildUsageReport(2026, {file});
    BOOST_TEST(torn.signedCount == 1u);
    BOOST_TEST_REQUIRE(torn.skippedLines.size() == 1u);
    BOOST_TEST(torn.skippedLines[0].line == 2u);
    bsre::appendRecord(file, record("2026-05-03T00:00:00Z", true));
    bsre::UsageReport after = bsre::buildUsageReport(2026, {file});
    BOOST_TEST(after.signedCount == 2u);
    BOOST_TEST(after.skippedLines.size() == 1u, "the torn line stays skipped");
    BOOST_TEST(after.brokenChains.empty(), "the new record chains to the last whole one");
}

BOOST_AUTO_TEST_CASE(an_edited_or_removed_record_breaks_the_chain_and_the_report_names_the_place)
{
    nss();
    Scratch s;
    const std::string file = bsre::ledgerFile(s("led"), "desk", "user");
    for (const char* t : {"2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z"})
        bsre::appendRecord(file, record(t, true));
    auto recs = lines(file);
    const std::string original = slurp(file);
    std::string edited = original;
    edited.replace(edited.find("Budi Santoso"), 12, "Bodi Santoso");
    spit(file, edited);
    bsre::UsageReport e = bsre::buildUsageReport(2026, {file});
    BOOST_TEST_REQUIRE(e.brokenChains.size() == 1u);
    BOOST_TEST(e.brokenChains[0].line == 2u);
    BOOST_TEST(e.brokenChains[0].file == file);
    spit(file, recs[0] + "\n" + recs[2] + "\n"); // the middle record removed
    bsre::UsageReport r = bsre::buildUsageReport(2026, {file});
    BOOST_TEST_REQUIRE(r.brokenChains.size() == 1u);
    BOOST_TEST(r.brokenChains[0].line == 2u);
    BOOST_TEST(r.signedCount == 2u);
}

BOOST_AUTO_TEST_CASE(two_collections_of_the_same_ledger_count_once)
{
    nss();
    Scratch s;
    const std::string file = bsre::ledgerFile(s("desk1"), "desk", "user");
    bsre::appendRecord(file, record("2026-07-01T00:00:00Z", true));
    bsre::appendRecord(file, record("2026-07-02T00:00:00Z", true));
    fs::create_directories(s("collected"));
    fs::copy_file(file, s("collected/copy.jsonl"));
    bsre::appendRecord(bsre::ledgerFile(s("desk2"), "desk2", "user"), record("2026-07-03T00:00:00Z", true, "Siti"));
    bsre::UsageReport r = bsre::buildUsageReport(2026, {s("desk1"), s("collected"), s("desk2")});
    BOOST_TEST(r.files == 3u);
    BOOST_TEST(r.signedCount == 3u);
    BOOST_TEST(r.duplicates == 2u);
}

BOOST_AUTO_TEST_CASE(the_report_command_writes_json_and_csv)
{
    Scratch s;
    BOOST_TEST_REQUIRE(signInto(s("led"), s("a.pdf"), "--cert officer-rsa").status == 0);
    const std::string year = run("date -u +%Y").output.substr(0, 4);
    Run j = run(q(tool()) + " report --year " + year + " --ledger " + q(s("led")) + " -o " + q(s("r.json")));
    BOOST_TEST_REQUIRE(j.status == 0, j.output);
    BOOST_TEST(contains(slurp(s("r.json")), "\"signed\":1"), slurp(s("r.json")));
    Run c = run(q(tool()) + " report --year " + year + " --format csv --ledger " + q(s("led")) + " -o " + q(s("r.csv")));
    BOOST_TEST_REQUIRE(c.status == 0, c.output);
    BOOST_TEST(contains(slurp(s("r.csv")), "certificate," + fingerprint(pki("officer-rsa.pem")) + ",Budi Santoso"),
               slurp(s("r.csv")));
}

BOOST_AUTO_TEST_CASE(the_pdf_report_renders_its_numbers_and_signs_like_any_pdf)
{
    Scratch s;
    for (const char* cert : {"officer-rsa", "officer-rsa", "officer-ec"})
        BOOST_TEST_REQUIRE(signInto(s("led"), s("x.pdf"), std::string("--overwrite --cert ") + cert).status == 0);
    BOOST_TEST(signInto(s("led"), s("y.pdf"), "--cert expired").status == 4);
    const std::string year = run("date -u +%Y").output.substr(0, 4);
    const std::string base = q(tool()) + " report --year " + year + " --format pdf --institution " +
                             q("Kementerian Contoh") + " --ledger " + q(s("led"));
    Run r = run(base + " -o " + q(s("report.pdf")));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    Run check = run("qpdf --check " + q(s("report.pdf")));
    BOOST_TEST(check.status == 0, check.output);
    const std::string text = run("pdftotext -layout " + q(s("report.pdf")) + " -").output;
    for (const char* want : {"Laporan Pemanfaatan Sertifikat Elektronik", "Kementerian Contoh",
                             "Documents signed: 3", "Refused: 1", "Budi Santoso", "Siti Rahayu", "CertificateExpired",
                             "Every chain intact"})
        BOOST_TEST(contains(text, want), want << " in\n" << text);
    Run png = run("pdftoppm -r 30 -png -f 1 -l 1 " + q(s("report.pdf")) + " " + q(s("page")));
    BOOST_TEST(png.status == 0, png.output);
    Run signedReport = run(base + " --sign --nssdb " + q(pki("nssdb")) + " --cert officer-rsa -o " + q(s("signed.pdf")));
    BOOST_TEST_REQUIRE(signedReport.status == 0, signedReport.output);
    Run ps = run("pdfsig -nssdir sql:" + q(pki("verifydb")) + " " + q(s("signed.pdf")));
    BOOST_TEST(contains(ps.output, "Signature is Valid."), ps.output);
    BOOST_TEST(contains(ps.output, "Certificate is Trusted."), ps.output);
    Run qs = run("qpdf --check " + q(s("signed.pdf")));
    BOOST_TEST(qs.status == 0, qs.output);
}

BOOST_AUTO_TEST_SUITE_END()
