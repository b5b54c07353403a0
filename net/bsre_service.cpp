// Every path, field name and answer shape of BSrE's signing service, API v2.
// ASSUMED from public third-party integrations (docs/SERVER.md): each
// assumption is a constant or a word list in this file.
#include "net/bsre_service.hpp"

#include "common/base64.hpp"
#include "common/error.hpp"
#include "common/json.hpp"
#include "net/http.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <initializer_list>

namespace bsre::net {

namespace {

// --- the assumed API (docs/SERVER.md, "Assumed shapes") ----------------------
constexpr const char* kSignPath = "/api/v2/sign/pdf";
constexpr const char* kTotpPath = "/api/v2/sign/get/totp";
constexpr const char* kStatusPath = "/api/v2/user/check/status";
constexpr const char* kFieldNik = "nik";
constexpr const char* kFieldEmail = "email";
constexpr const char* kFieldPassphrase = "passphrase";
constexpr const char* kFieldTotp = "totp";
constexpr const char* kFieldProperties = "signatureProperties";
constexpr const char* kFieldFiles = "file";          // in the request and in the answer: a list of base64 PDFs
constexpr const char* kFieldStatus = "status";       // the status answer's word
constexpr const char* kStatusActive = "ISSUE";       // an active certificate
constexpr const char* kStatusNotRegistered = "NOT_REGISTERED";
// Error bodies are not stable JSON: what a refusal means is read from words
// in the body, lower-cased (English and Indonesian, as integrations report them).
const std::initializer_list<const char*> kWordsPassphrase = {"passphrase"};
const std::initializer_list<const char*> kWordsCode = {"totp", "otp"};
const std::initializer_list<const char*> kWordsNotRegistered = {"not registered", "tidak terdaftar", "belum terdaftar",
                                                                "not_registered"};
const std::initializer_list<const char*> kWordsNoCertificate = {"no certificate", "sertifikat tidak", "tidak memiliki sertifikat",
                                                                "certificate not found"};

// --- JSON bodies ---------------------------------------------------------------
std::string number(double v)
{
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    return std::string(buf, r.ptr);
}

std::string member(const char* key, const std::string& jsonValue) { return json::quoted(key) + ":" + jsonValue; }

std::string userMember(const ServiceUser& user) { return member(user.isEmail() ? kFieldEmail : kFieldNik, json::quoted(user.id)); }

std::string propertiesJson(const SignatureProperties& p)
{
    std::string o = "{" + member("tampilan", json::quoted(p.visible ? "VISIBLE" : "INVISIBLE"));
    if (p.visible)
        o += "," + member("imageBase64", json::quoted(base64Encode(p.imagePng))) + "," +
             member("page", std::to_string(p.page)) + "," + member("originX", number(p.originX)) + "," +
             member("originY", number(p.originY)) + "," + member("width", number(p.width)) + "," +
             member("height", number(p.height));
    o += "," + member("location", json::quoted(p.location)) + "," + member("reason", json::quoted(p.reason)) + "," +
         member("contactInfo", json::quoted(p.contact)) + "}";
    return o;
}

// --- answers -----------------------------------------------------------------
std::string lower(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool mentions(const std::string& lowered, std::initializer_list<const char*> words)
{
    return std::any_of(words.begin(), words.end(), [&](const char* w) { return lowered.find(w) != std::string::npos; });
}

// At most 160 printable characters of the service's answer, for the sentence;
// a secret the service echoed back is masked (the sentence reaches the support log).
std::string excerpt(std::string body, const std::string& secret = {})
{
    for (size_t at; !secret.empty() && (at = body.find(secret)) != std::string::npos;)
        body.replace(at, secret.size(), "***");
    std::string s;
    for (char c : body.substr(0, 160))
        s += (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) ? c : ' ';
    return s.empty() ? "(empty)" : s;
}

struct Call {
    const ServiceConfig& config;
    std::string path, body;
    size_t maxBytes = 1u << 20;
};

HttpResponse post(const Call& c)
{
    if (!isHttpUrl(c.config.url))
        fail(Code::Usage, "The BSrE signing service's address must start with http:// or https://.",
             "Alamat layanan tanda tangan BSrE harus diawali http:// atau https://.");
    HttpRequest rq;
    std::string base = c.config.url;
    while (!base.empty() && base.back() == '/')
        base.pop_back();
    rq.url = base + c.path;
    rq.body = c.body;
    rq.contentType = "application/json";
    rq.timeout = c.config.timeout;
    rq.user = c.config.clientId;
    rq.password = c.config.clientSecret;
    rq.maxBytes = c.maxBytes;
    HttpResponse r = httpRequest(rq);
    if (r.status == 0)
        fail(Code::ServiceUnreachable,
             "The BSrE signing service at " + c.config.url + " did not answer (" + r.error + ", limit " +
                 std::to_string(c.config.timeout.count()) + " s). Nothing was signed or written.",
             "Layanan tanda tangan BSrE di " + c.config.url + " tidak menjawab (" + r.error + ", batas " +
                 std::to_string(c.config.timeout.count()) + " detik). Tidak ada yang ditandatangani atau ditulis.");
    return r;
}

// A refusal by the service, told by its status and the words of its body.
[[noreturn]] void refused(const HttpResponse& r, const ServiceSecret* secret)
{
    const std::string said = lower(r.body);
    const std::string quote = " (HTTP " + std::to_string(r.status) + ": " + excerpt(r.body, secret ? secret->value : "") + ")";
    if (r.status == 401)
        fail(Code::ClientRejected,
             "The BSrE signing service refused this institution's client id and secret" + quote +
                 ". Ask IT to check the client credentials. Nothing was signed.",
             "Layanan tanda tangan BSrE menolak client id dan secret instansi ini" + quote +
                 ". Minta bagian TI memeriksa kredensial klien. Tidak ada yang ditandatangani.");
    if (mentions(said, kWordsNotRegistered))
        fail(Code::NotRegistered, "This NIK or e-mail is not registered with BSrE" + quote + ". Nothing was signed.",
             "NIK atau e-mail ini belum terdaftar di BSrE" + quote + ". Tidak ada yang ditandatangani.");
    if (secret && secret->kind == ServiceSecret::Kind::OneTimeCode && mentions(said, kWordsCode))
        fail(Code::CodeExpired,
             "The one-time code was refused: it is wrong or has expired" + quote +
                 ". Ask for a new code in the BeSign app and try again. Nothing was signed.",
             "Kode sekali pakai (OTP) ditolak: salah atau sudah kedaluwarsa" + quote +
                 ". Minta kode baru di aplikasi BeSign lalu coba lagi. Tidak ada yang ditandatangani.");
    if (secret && secret->kind == ServiceSecret::Kind::Passphrase && mentions(said, kWordsPassphrase))
        fail(Code::BadPassphrase, "The passphrase was refused by BSrE" + quote + ". Nothing was signed.",
             "Passphrase (frasa sandi) ditolak oleh BSrE" + quote + ". Tidak ada yang ditandatangani.");
    if (mentions(said, kWordsNoCertificate))
        fail(Code::NoActiveCertificate,
             "BSrE holds no active certificate for this person" + quote + ". Nothing was signed.",
             "BSrE tidak menyimpan sertifikat aktif untuk orang ini" + quote + ". Tidak ada yang ditandatangani.");
    fail(Code::ServiceRefused, "The BSrE signing service refused the request" + quote + ". Nothing was signed.",
         "Layanan tanda tangan BSrE menolak permintaan" + quote + ". Tidak ada yang ditandatangani.");
}

[[noreturn]] void badAnswer(const std::string& what, const std::string& whatId, const HttpResponse& r)
{
    fail(Code::ServiceBadAnswer,
         "The BSrE signing service's answer is not usable: " + what + " (HTTP " + std::to_string(r.status) +
             ", " + std::to_string(r.body.size()) + " bytes). Nothing was written.",
         "Jawaban layanan tanda tangan BSrE tidak dapat dipakai: " + whatId + " (HTTP " + std::to_string(r.status) +
             ", " + std::to_string(r.body.size()) + " bita). Tidak ada yang ditulis.");
}

// The first PDF of the answer's file list.
std::string signedPdfOf(const HttpResponse& r)
{
    const auto answer = json::parse(r.body);
    if (!answer || answer->kind != json::Value::Kind::Object)
        badAnswer("it is not JSON", "bukan JSON", r);
    const json::Value* files = answer->find(kFieldFiles);
    if (!files || files->kind != json::Value::Kind::Array || files->items.size() != 1 || !files->items[0].isString())
        badAnswer("it does not hold exactly one signed file", "tidak berisi tepat satu berkas bertanda tangan", r);
    auto pdf = base64Decode(files->items[0].text);
    if (!pdf)
        badAnswer("the file is not base64", "berkas bukan base64", r);
    if (pdf->rfind("%PDF-", 0) != 0)
        badAnswer("the file is not a PDF", "berkas bukan PDF", r);
    return std::move(*pdf);
}

} // namespace

std::string keyHolderName(const std::string& url)
{
    const size_t scheme = url.find("://");
    std::string host = url.substr(scheme == std::string::npos ? 0 : scheme + 3);
    host = host.substr(0, host.find('/'));
    return "bsre-server " + host.substr(host.find('@') == std::string::npos ? 0 : host.find('@') + 1);
}

size_t answerLimit(size_t sentBytes) { return (sentBytes + (16u << 20)) / 3 * 4 + 4096; }

void requireActiveCertificate(const ServiceConfig& config, const ServiceUser& user)
{
    const HttpResponse r = post({config, kStatusPath, "{" + userMember(user) + "}"});
    const auto answer = json::parse(r.body);
    const json::Value* status = answer ? answer->find(kFieldStatus) : nullptr;
    const std::string word = status && status->isString() ? status->text : "";
    if (r.status == 200 && word == kStatusActive)
        return;
    const bool notRegistered = r.status == 404 || word == kStatusNotRegistered ||
                               (r.status != 200 && mentions(lower(r.body), kWordsNotRegistered));
    if (notRegistered)
        fail(Code::NotRegistered,
                 "This NIK or e-mail is not registered with BSrE: register at BSrE first. "
                 "Nothing was signed.",
                 "NIK atau e-mail ini belum terdaftar di BSrE: daftarkan diri di BSrE terlebih dahulu. "
                 "Tidak ada yang ditandatangani.");
    if (r.status != 200)
        refused(r, nullptr);
    if (word.empty())
        badAnswer("the status answer has no status", "jawaban status tidak berisi status", r);
    fail(Code::NoActiveCertificate,
         "BSrE holds no active certificate for this NIK or e-mail (status " + excerpt(word) +
             "): ask BSrE to issue or renew it. Nothing was signed.",
         "BSrE tidak menyimpan sertifikat aktif untuk NIK atau e-mail ini (status " + excerpt(word) +
             "): minta BSrE menerbitkan atau memperbaruinya. Tidak ada yang ditandatangani.");
}

void requestOneTimeCode(const ServiceConfig& config, const ServiceUser& user)
{
    const HttpResponse r = post({config, kTotpPath, "{" + userMember(user) + "}"});
    if (r.status != 200)
        refused(r, nullptr);
}

std::string signRemotely(const ServiceConfig& config, const ServiceUser& user, const ServiceSecret& secret,
                         const std::string& pdf, const SignatureProperties& properties)
{
    const bool code = secret.kind == ServiceSecret::Kind::OneTimeCode;
    const std::string body = "{" + userMember(user) + "," +
                       member(code ? kFieldTotp : kFieldPassphrase, json::quoted(secret.value)) + "," +
                       member(kFieldProperties, "[" + propertiesJson(properties) + "]") + "," +
                       member(kFieldFiles, "[" + json::quoted(base64Encode(pdf)) + "]") + "}";
    const HttpResponse r = post({config, kSignPath, body, answerLimit(pdf.size())});
    if (r.status != 200)
        refused(r, &secret);
    return signedPdfOf(r);
}

} // namespace bsre::net
