// Integration tests: the real bsre-sign binary against real NSS databases,
// a SoftHSM2 token and real PDFs, checked by independent validators.
#define BOOST_TEST_MODULE sign_cli
#include "support.hpp"

#include <algorithm>
#include <regex>

using namespace testing;

namespace {
std::string fingerprintOf(const std::string& nickname)
{
    Run r = run("certutil -L -d sql:" + q(pki("nssdb")) + " -n " + q(nickname) + " -a | openssl x509 -noout -fingerprint -sha256");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    std::string fp = r.output.substr(r.output.find('=') + 1);
    fp.erase(std::remove(fp.begin(), fp.end(), '\n'), fp.end());
    return fp; // "AA:BB:..." form, accepted as is
}
} // namespace

BOOST_AUTO_TEST_SUITE(signing)

BOOST_AUTO_TEST_CASE(invisible_rsa_signature_on_a_libreoffice_export)
{
    Scratch s;
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"), "--cert officer-rsa --reason 'Persetujuan' --location Jakarta");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("letter.pdf"), s("out.pdf"), 1);
}

BOOST_AUTO_TEST_CASE(certificate_selected_by_sha256_fingerprint)
{
    Scratch s;
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"), "--cert " + q(fingerprintOf("officer-rsa")));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    BOOST_TEST(r.output.find("Budi Santoso") != std::string::npos, r.output);
    checkSignedOutput(pdfs("letter.pdf"), s("out.pdf"), 1);
}

BOOST_AUTO_TEST_CASE(visible_ec_p256_signature_shows_the_signer_as_real_text)
{
    Scratch s;
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"), "--cert officer-ec --page 1 --rect 320,60,220,70 --reason 'Setuju'");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("letter.pdf"), s("out.pdf"), 1);
    Run fonts = run("pdffonts " + q(s("out.pdf")));
    BOOST_TEST(fonts.output.find("LiberationSans") != std::string::npos, fonts.output);
    // Every font in the file is embedded (column "emb" is "yes").
    BOOST_TEST(fonts.output.find(" no  ") == std::string::npos, fonts.output);
    Run text = run("pdftotext -f 1 -l 1 " + q(s("out.pdf")) + " -");
    BOOST_TEST(text.output.find("Siti Rahayu") != std::string::npos, text.output);
    BOOST_TEST(text.output.find("Ditandatangani secara elektronik") != std::string::npos, text.output);
}

BOOST_AUTO_TEST_CASE(a_png_with_alpha_goes_into_the_visible_appearance)
{
    Scratch s;
    std::string logo = env("BSRE_SOURCE") + "/icons/placeholder-logo.png";
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"),
                 "--cert officer-rsa --page 1 --rect 320,60,220,70 --image " + q(logo));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("letter.pdf"), s("out.pdf"), 1);
    Run img = run("pdfimages -list " + q(s("out.pdf")));
    BOOST_TEST(img.output.find("smask") != std::string::npos, "the logo keeps its alpha as a soft mask: " << img.output);
    BOOST_TEST(img.output.find(" image ") != std::string::npos, img.output);
}

BOOST_AUTO_TEST_CASE(a_broken_image_is_refused_before_anything_is_written)
{
    Scratch s;
    spit(s("bad.png"), "not a png");
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"), "--cert officer-rsa --page 1 --rect 320,60,220,70 --image " + q(s("bad.png")));
    BOOST_TEST(r.status == 6, r.output);
    BOOST_TEST(!fs::exists(s("out.pdf")));
}

BOOST_AUTO_TEST_CASE(cross_reference_and_object_streams_are_kept_as_streams)
{
    Scratch s;
    Run r = sign(pdfs("letter-objstm.pdf"), s("out.pdf"), "--cert officer-rsa --page 1 --rect 320,60,220,70");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("letter-objstm.pdf"), s("out.pdf"), 1);
    std::string in = slurp(pdfs("letter-objstm.pdf")), out = slurp(s("out.pdf"));
    std::string update = out.substr(in.size());
    BOOST_TEST(update.find("/Type /XRef") != std::string::npos, "the update must end with a cross-reference stream");
    BOOST_TEST(update.find("\nxref\n") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_second_signature_keeps_the_first_valid)
{
    Scratch s;
    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("one.pdf"), "--cert officer-rsa").status == 0);
    Run r = sign(s("one.pdf"), s("two.pdf"), "--cert officer-ec --page 1 --rect 60,60,220,70");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(s("one.pdf"), s("two.pdf"), 2);
    Run v = run(q(tool()) + " verify --trust " + q(pki("root.pem")) + " " + q(s("two.pdf")));
    BOOST_TEST(v.status == 0, v.output);
    BOOST_TEST(v.output.find("revision / revisi 2 of / dari 3") != std::string::npos, v.output);
    BOOST_TEST(v.output.find("the whole document") != std::string::npos, v.output);
}

BOOST_AUTO_TEST_CASE(a_certified_first_signature_allows_a_second_in_the_empty_field)
{
    Scratch s;
    Run r = sign(pdfs("empty-field.pdf"), s("one.pdf"), "--cert officer-rsa --certify");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("empty-field.pdf"), s("one.pdf"), 1);
    std::string one = slurp(s("one.pdf"));
    BOOST_TEST(one.find("/TransformMethod /DocMDP") != std::string::npos);
    BOOST_TEST(one.find("/Perms << /DocMDP") != std::string::npos);
    Run second = sign(s("one.pdf"), s("two.pdf"), "--cert officer-ec --field Penandatangan --certify");
    BOOST_TEST_REQUIRE(second.status == 0, second.output);
    BOOST_TEST(second.output.find("not certified") != std::string::npos, "only the first signature certifies");
    checkSignedOutput(s("one.pdf"), s("two.pdf"), 2);
}

BOOST_AUTO_TEST_CASE(an_empty_signature_field_is_filled)
{
    Scratch s;
    Run r = sign(pdfs("empty-field.pdf"), s("out.pdf"), "--cert officer-rsa --field Penandatangan");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("empty-field.pdf"), s("out.pdf"), 1);
    Run ps = run("pdfsig " + q(s("out.pdf")));
    BOOST_TEST(ps.output.find("Penandatangan") != std::string::npos, ps.output);
    // No second field was created: the form still has exactly one field.
    Run v = run(q(tool()) + " verify --json " + q(s("out.pdf")));
    BOOST_TEST(v.output.find("\"field\":\"Penandatangan\"") != std::string::npos, v.output);
}

BOOST_AUTO_TEST_CASE(a_hundred_page_pdf)
{
    Scratch s;
    Run r = sign(pdfs("letter-100.pdf"), s("out.pdf"), "--cert officer-rsa --page 100 --rect 320,60,220,70");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("letter-100.pdf"), s("out.pdf"), 1);
}

BOOST_AUTO_TEST_CASE(a_key_on_a_softhsm_token_signs_with_the_pin_from_a_file)
{
    Scratch s;
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"),
                 "--module " + q(softhsmModule()) + " --cert " + q("bsre-test:Agus Token") + " --pin-file " +
                     q(pki("token.pin")));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    BOOST_TEST(r.output.find("Agus Token") != std::string::npos, r.output);
    checkSignedOutput(pdfs("letter.pdf"), s("out.pdf"), 1);
    BOOST_TEST(r.output.find("1234") == std::string::npos, "the PIN must never be printed");
}

BOOST_AUTO_TEST_CASE(a_token_pin_can_come_from_a_file_descriptor)
{
    Scratch s;
    Run r = run("SOFTHSM2_CONF=" + q(pki("softhsm2.conf")) + " " + q(tool()) + " sign --nssdb " + q(pki("nssdb")) +
                " --module " + q(softhsmModule()) + " --cert " + q("bsre-test:Agus Token") + " --pin-fd 3 " +
                q(pdfs("letter.pdf")) + " -o " + q(s("out.pdf")) + " 3< " + q(pki("token.pin")));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("letter.pdf"), s("out.pdf"), 1);
}

BOOST_AUTO_TEST_CASE(a_password_protected_database_signs_with_its_password)
{
    Scratch s;
    Run r = run(q(tool()) + " sign --nssdb " + q(pki("nssdb-pw")) + " --cert officer-rsa --pin-file " +
                q(pki("nssdb-pw.pin")) + " " + q(pdfs("letter.pdf")) + " -o " + q(s("out.pdf")));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    checkSignedOutput(pdfs("letter.pdf"), s("out.pdf"), 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(certificates)

BOOST_AUTO_TEST_CASE(each_certificate_says_whether_it_can_sign_and_why_not)
{
    Run r = run("SOFTHSM2_CONF=" + q(pki("softhsm2.conf")) + " " + q(tool()) + " certs --json --nssdb " +
                q(pki("nssdb")) + " --module " + q(softhsmModule()));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    auto entryFor = [&](const std::string& cn) {
        size_t at = r.output.find("\"commonName\":\"" + cn + "\"");
        BOOST_TEST_REQUIRE(at != std::string::npos, cn << " missing in " << r.output);
        size_t start = r.output.rfind('{', at), end = r.output.find('}', at);
        return r.output.substr(start, end - start);
    };
    BOOST_TEST(entryFor("Budi Santoso").find("\"usable\":true") != std::string::npos);
    BOOST_TEST(entryFor("Siti Rahayu").find("\"usable\":true") != std::string::npos);
    BOOST_TEST(entryFor("Agus Token").find("\"usable\":true") != std::string::npos);
    BOOST_TEST(entryFor("Agus Token").find("\"token\":\"bsre-test\"") != std::string::npos);
    BOOST_TEST(entryFor("Andi Kedaluwarsa").find("\"problem\":\"CertificateExpired\"") != std::string::npos);
    BOOST_TEST(entryFor("Dewi Belum Berlaku").find("\"problem\":\"CertificateNotYetValid\"") != std::string::npos);
    BOOST_TEST(entryFor("Rudi Enkripsi").find("\"problem\":\"CertificateNotForSigning\"") != std::string::npos);
    BOOST_TEST(entryFor("Tono Tanpa Kunci").find("\"problem\":\"KeyMissing\"") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(bad_input)

// Each case: a distinct non-zero exit, one sentence naming the cause, no
// output left behind, the input unchanged.
struct Case {
    std::string input;   // fixture PDF
    std::string extra;   // options
    int exitCode;
    std::string says;    // part of the English sentence
};

void expectRefusal(const Case& c)
{
    Scratch s;
    std::string before = slurp(c.input);
    Run r = sign(c.input, s("out.pdf"), c.extra);
    BOOST_TEST(r.status == c.exitCode, r.output);
    BOOST_TEST(r.output.find(c.says) != std::string::npos, "expected '" << c.says << "' in: " << r.output);
    BOOST_TEST(!fs::exists(s("out.pdf")), "no output may be left behind");
    for (auto& e : fs::directory_iterator(s.dir))
        BOOST_TEST(false, "stray file " << e.path());
    BOOST_TEST((slurp(c.input) == before), "the input must be unchanged");
}

BOOST_AUTO_TEST_CASE(not_a_pdf) { expectRefusal({pdfs("not-a-pdf.pdf"), "--cert officer-rsa", 3, "is not a PDF"}); }
BOOST_AUTO_TEST_CASE(truncated_pdf) { expectRefusal({pdfs("truncated.pdf"), "--cert officer-rsa", 3, "is damaged"}); }
BOOST_AUTO_TEST_CASE(damaged_cross_reference)
{
    expectRefusal({pdfs("damaged.pdf"), "--cert officer-rsa", 3, "is damaged"});
}
BOOST_AUTO_TEST_CASE(encrypted_pdf) { expectRefusal({pdfs("encrypted.pdf"), "--cert officer-rsa", 3, "is encrypted"}); }
BOOST_AUTO_TEST_CASE(encrypted_pdf_without_user_password)
{
    expectRefusal({pdfs("encrypted-noupw.pdf"), "--cert officer-rsa", 3, "is encrypted"});
}
BOOST_AUTO_TEST_CASE(field_that_does_not_exist)
{
    expectRefusal({pdfs("empty-field.pdf"), "--cert officer-rsa --field Nope", 3, "no signature field named \"Nope\""});
}
BOOST_AUTO_TEST_CASE(field_already_signed)
{
    Scratch s;
    BOOST_TEST_REQUIRE(sign(pdfs("empty-field.pdf"), s("signed.pdf"), "--cert officer-rsa --field Penandatangan").status == 0);
    expectRefusal({s("signed.pdf"), "--cert officer-ec --field Penandatangan", 3, "is already signed"});
}
BOOST_AUTO_TEST_CASE(page_out_of_range)
{
    expectRefusal({pdfs("letter.pdf"), "--cert officer-rsa --page 7 --rect 10,10,100,50", 3, "Page 7 does not exist"});
}
BOOST_AUTO_TEST_CASE(rectangle_off_the_page)
{
    expectRefusal({pdfs("letter.pdf"), "--cert officer-rsa --page 1 --rect 500,10,300,50", 3, "is not inside page 1"});
}
BOOST_AUTO_TEST_CASE(wrong_pin_names_tries_left)
{
    expectRefusal({pdfs("letter.pdf"),
                   "--module " + q(softhsmModule()) + " --cert " + q("bsre-test:Agus Token") + " --pin-file " +
                       q(pki("wrong.pin")),
                   4, "Wrong PIN for the token \"bsre-test\""});
}
BOOST_AUTO_TEST_CASE(wrong_pins_count_down_and_then_the_token_is_locked)
{
    // SoftHSM2 behind a shim that adds a retry counter (tests/pkcs11_pin_shim.c).
    Scratch s;
    spit(s("tries"), "3\n");
    std::string before = slurp(pdfs("letter.pdf"));
    auto attempt = [&](const std::string& pinFile) {
        return run("BSRE_SHIM_STATE=" + q(s("tries")) + " BSRE_SHIM_TARGET=" + q(softhsmModule()) +
                   " SOFTHSM2_CONF=" + q(pki("softhsm2.conf")) + " " + q(tool()) + " sign --nssdb " +
                   q(pki("nssdb")) + " --module " + q(env("BSRE_PIN_SHIM")) + " --cert " +
                   q("bsre-test:Agus Token") + " --pin-file " + q(pki(pinFile)) + " " + q(pdfs("letter.pdf")) +
                   " -o " + q(s("out.pdf")));
    };
    Run first = attempt("wrong.pin");
    BOOST_TEST(first.status == 4, first.output);
    BOOST_TEST(first.output.find("few tries left") != std::string::npos, first.output);
    BOOST_TEST(first.output.find("sisa percobaan") != std::string::npos, first.output);
    Run second = attempt("wrong.pin");
    BOOST_TEST(second.output.find("one try left") != std::string::npos, second.output);
    Run third = attempt("wrong.pin");
    BOOST_TEST(third.status == 4, third.output);
    BOOST_TEST(third.output.find("is now locked") != std::string::npos, third.output);
    // Locked: even the right PIN is not tried, and the message says so.
    Run locked = attempt("token.pin");
    BOOST_TEST(locked.status == 4, locked.output);
    BOOST_TEST(locked.output.find("is locked after too many wrong PINs") != std::string::npos, locked.output);
    BOOST_TEST(locked.output.find("terkunci") != std::string::npos, locked.output);
    BOOST_TEST(!fs::exists(s("out.pdf")));
    BOOST_TEST((slurp(pdfs("letter.pdf")) == before));
}

BOOST_AUTO_TEST_CASE(expired_certificate) { expectRefusal({pdfs("letter.pdf"), "--cert expired", 4, "expired on"}); }
BOOST_AUTO_TEST_CASE(not_yet_valid_certificate)
{
    expectRefusal({pdfs("letter.pdf"), "--cert notyet", 4, "is not valid until"});
}
BOOST_AUTO_TEST_CASE(certificate_without_signing_key_usage)
{
    expectRefusal({pdfs("letter.pdf"), "--cert wrongku", 4, "is not for signing"});
}
BOOST_AUTO_TEST_CASE(certificate_without_private_key)
{
    expectRefusal({pdfs("letter.pdf"), "--cert nokey", 4, "no private key"});
}
BOOST_AUTO_TEST_CASE(unknown_certificate)
{
    expectRefusal({pdfs("letter.pdf"), "--cert nobody", 4, "No certificate matches"});
}

BOOST_AUTO_TEST_CASE(output_folder_not_writable)
{
    Scratch s;
    fs::create_directory(s("ro"));
    fs::permissions(s("ro"), fs::perms::owner_read | fs::perms::owner_exec);
    std::string before = slurp(pdfs("letter.pdf"));
    // Root ignores permission bits; a read-only bind is not available here,
    // so as root use a path under a regular file, which no one can create.
    std::string target = ::geteuid() == 0 ? pdfs("letter.pdf") + ".dir/out.pdf" : s("ro") + "/out.pdf";
    Run r = sign(pdfs("letter.pdf"), target, "--cert officer-rsa");
    BOOST_TEST(r.status == 5, r.output);
    BOOST_TEST(r.output.find("is not writable") != std::string::npos, r.output);
    BOOST_TEST(!fs::exists(target));
    BOOST_TEST((slurp(pdfs("letter.pdf")) == before));
}

BOOST_AUTO_TEST_CASE(disk_full_while_writing_leaves_nothing)
{
    // A size-limited file: RLIMIT_FSIZE makes write() fail with EFBIG, as a
    // full disk would (ENOSPC), without needing a mount.
    Scratch s;
    std::string before = slurp(pdfs("letter-100.pdf"));
    Run r = run("trap '' XFSZ; ulimit -f 64; SOFTHSM2_CONF=" + q(pki("softhsm2.conf")) + " " + q(tool()) + " sign --nssdb " +
                q(pki("nssdb")) + " --cert officer-rsa " + q(pdfs("letter-100.pdf")) + " -o " + q(s("out.pdf")));
    BOOST_TEST(r.status == 5, r.output);
    BOOST_TEST(r.output.find("Writing") != std::string::npos, r.output);
    BOOST_TEST(!fs::exists(s("out.pdf")));
    for (auto& e : fs::directory_iterator(s.dir))
        BOOST_TEST(false, "stray temporary file " << e.path());
    BOOST_TEST((slurp(pdfs("letter-100.pdf")) == before));
}

BOOST_AUTO_TEST_CASE(an_existing_output_is_not_overwritten_without_asking)
{
    Scratch s;
    spit(s("out.pdf"), "precious");
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"), "--cert officer-rsa");
    BOOST_TEST(r.status == 5, r.output);
    BOOST_TEST(r.output.find("already exists") != std::string::npos, r.output);
    BOOST_TEST(slurp(s("out.pdf")) == "precious");
}

BOOST_AUTO_TEST_CASE(the_output_may_not_be_the_input)
{
    Scratch s;
    fs::copy_file(pdfs("letter.pdf"), s("in.pdf"));
    std::string before = slurp(s("in.pdf"));
    Run r = sign(s("in.pdf"), s("in.pdf"), "--cert officer-rsa --overwrite");
    BOOST_TEST(r.status == 2, r.output);
    BOOST_TEST((slurp(s("in.pdf")) == before));
}

BOOST_AUTO_TEST_CASE(a_pin_on_the_command_line_is_refused)
{
    Scratch s;
    Run r = sign(pdfs("letter.pdf"), s("out.pdf"), "--cert officer-rsa --pin 1234");
    BOOST_TEST(r.status == 2, r.output);
    BOOST_TEST(r.output.find("never accepted on the command line") != std::string::npos, r.output);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(verification)

BOOST_AUTO_TEST_CASE(a_tampered_signed_file_is_reported_invalid)
{
    Scratch s;
    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("out.pdf"), "--cert officer-rsa").status == 0);
    std::string bytes = slurp(s("out.pdf"));
    // Change one byte inside the first signed range (in the original content).
    size_t at = bytes.find("/Producer");
    if (at == std::string::npos)
        at = 200;
    bytes[at + 2] = bytes[at + 2] == 'r' ? 'R' : 'r';
    spit(s("tampered.pdf"), bytes);
    Run v = run(q(tool()) + " verify --trust " + q(pki("root.pem")) + " " + q(s("tampered.pdf")));
    BOOST_TEST(v.status == 1, v.output);
    BOOST_TEST(v.output.find("NOT VALID") != std::string::npos, v.output);
    Run ok = run(q(tool()) + " verify --trust " + q(pki("root.pem")) + " " + q(s("out.pdf")));
    BOOST_TEST(ok.status == 0, ok.output);
    BOOST_TEST(ok.output.find("Budi Santoso") != std::string::npos, ok.output);
}

BOOST_AUTO_TEST_CASE(trust_comes_from_the_verifying_database)
{
    Scratch s;
    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("out.pdf"), "--cert officer-rsa").status == 0);
    Run trusted = run(q(tool()) + " verify --nssdb " + q(pki("verifydb")) + " --json " + q(s("out.pdf")));
    BOOST_TEST(trusted.status == 0, trusted.output);
    BOOST_TEST(trusted.output.find("\"trust\":\"trusted\"") != std::string::npos, trusted.output);
    // A root that did not issue the chain: untrusted, and so not valid.
    Run other = run(q(tool()) + " verify --trust " + q(pki("tsa.pem")) + " --json " + q(s("out.pdf")));
    BOOST_TEST(other.status == 1, other.output);
    BOOST_TEST(other.output.find("\"trust\":\"untrusted\"") != std::string::npos, other.output);
}

BOOST_AUTO_TEST_CASE(an_unsigned_pdf_is_not_valid)
{
    Run v = run(q(tool()) + " verify " + q(pdfs("letter.pdf")));
    BOOST_TEST(v.status == 1, v.output);
    BOOST_TEST(v.output.find("No signatures") != std::string::npos, v.output);
}

// Every word of the visible signature lies inside its rectangle, clear of the
// frame (pdftotext -bbox), for short texts and for long Indonesian names and
// places that must wrap rather than shrink past reading or run off the box.
BOOST_AUTO_TEST_CASE(every_word_of_the_signature_block_stays_inside_its_rectangle)
{
    Scratch s;
    const std::string longReason = "Prof. Dr. Ir. Raden Ajeng Siti Nurhaliza Kusumawardhani, S.H., M.Kn.";
    const std::string longPlace = "Kantor Wilayah Kementerian Contoh Kabupaten Kepulauan Seribu";
    for (const auto& [reason, place] : {std::pair<std::string, std::string>{"Persetujuan", "Jakarta"},
                                        {longReason, longPlace}}) {
        Run r = sign(pdfs("letter.pdf"), s("box.pdf"),
                     "--cert officer-rsa --overwrite --page 1 --rect 340,120,200,70 --reason " + q(reason) +
                         " --location " + q(place));
        BOOST_TEST_REQUIRE(r.status == 0, r.output);
        Run bbox = run("pdftotext -bbox -f 1 -l 1 " + q(s("box.pdf")) + " -");
        BOOST_TEST_REQUIRE(bbox.status == 0, bbox.output);
        const double pageH = std::stod(bbox.output.substr(bbox.output.find("height=\"") + 8));
        std::vector<std::string> words;
        for (const std::string& t : {std::string("Budi Santoso Ditandatangani secara elektronik Waktu: Alasan: Lokasi:"),
                                     reason, place})
            for (size_t a = 0, b; a < t.size(); a = b + 1) {
                b = t.find(' ', a);
                b = b == std::string::npos ? t.size() : b;
                words.push_back(t.substr(a, b - a));
            }
        const std::regex wordRe(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
        size_t inside = 0;
        for (auto it = std::sregex_iterator(bbox.output.begin(), bbox.output.end(), wordRe); it != std::sregex_iterator();
             ++it) {
            const std::string text = (*it)[5];
            const double x1 = std::stod((*it)[1]), x2 = std::stod((*it)[3]);
            const double y1 = pageH - std::stod((*it)[4]), y2 = pageH - std::stod((*it)[2]);
            const bool near = x2 > 330 && x1 < 550 && y2 > 110 && y1 < 200; // the signature's neighbourhood
            if (!near || std::find(words.begin(), words.end(), text) == words.end())
                continue;
            ++inside;
            BOOST_TEST((x1 >= 344 && x2 <= 536 && y1 >= 122 && y2 <= 188), // 4 pt clear of the frame
                       "\"" << text << "\" [" << x1 << " " << y1 << " " << x2 << " " << y2 << "] leaves the box");
        }
        BOOST_TEST(inside >= words.size() - 1, "found " << inside << " of the " << words.size() << " words");
    }
}

BOOST_AUTO_TEST_SUITE_END()
