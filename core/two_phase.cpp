#include "core/two_phase.hpp"

#include "common/atomic_file.hpp"
#include "common/hex.hpp"
#include "core/plan.hpp"
#include "core/prepare.hpp"
#include "crypto/digest.hpp"
#include "crypto/external.hpp"

#include <charconv>
#include <filesystem>

namespace bsre {

namespace {

constexpr std::string_view kMagic = "BSRE-SIGN-STATE 1\n";


[[noreturn]] void badState(const std::string& why, const std::string& whyId)
{
    fail(Code::StateInvalid, "The STATE file is not usable (" + why + "); run bsre-sign prepare again.",
         "Berkas STATE tidak dapat dipakai (" + whyId + "); jalankan bsre-sign prepare lagi.");
}

// "name length\n" then the bytes and "\n": binary-safe and readable enough.
void put(std::string& out, std::string_view name, std::string_view value)
{
    out += std::string(name) + " " + std::to_string(value.size()) + "\n";
    out += value;
    out += "\n";
}

class Entries {
public:
    explicit Entries(std::string_view body) : rest_(body) {}
    bool more() const { return !rest_.empty(); }
    std::pair<std::string_view, std::string_view> next()
    {
        const size_t sp = rest_.find(' '), nl = rest_.find('\n');
        if (sp == std::string_view::npos || nl == std::string_view::npos || sp > nl)
            badState("an entry has no name and length", "sebuah entri tidak memiliki nama dan panjang");
        size_t len = 0;
        auto [p, ec] = std::from_chars(rest_.data() + sp + 1, rest_.data() + nl, len);
        if (ec != std::errc() || p != rest_.data() + nl || rest_.size() - nl - 1 < len + 1 || rest_[nl + 1 + len] != '\n')
            badState("an entry's length does not match", "panjang sebuah entri tidak cocok");
        std::pair<std::string_view, std::string_view> e{rest_.substr(0, sp), rest_.substr(nl + 1, len)};
        rest_.remove_prefix(nl + 2 + len);
        return e;
    }

private:
    std::string_view rest_;
};

size_t number(std::string_view v)
{
    size_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size())
        badState("a number is not a number", "sebuah angka tidak berupa angka");
    return n;
}

void assign(SigningState& s, std::string_view name, std::string_view v)
{
    const std::string value(v);
    if (name == "input") s.input = value;
    else if (name == "input-size") s.inputSize = number(v);
    else if (name == "input-sha256") s.inputSha256 = value;
    else if (name == "update") s.update = value;
    else if (name == "contents-start") s.contentsStart = number(v);
    else if (name == "contents-end") s.contentsEnd = number(v);
    else if (name == "capacity") s.capacity = number(v);
    else if (name == "timestamp-room") s.timestampRoom = v == "1";
    else if (name == "content-digest") s.contentDigest = value;
    else if (name == "signed-attributes") s.signedAttributes = value;
    else if (name == "certificate") s.certificate = value;
    else if (name == "chain") s.chain.push_back(value);
    else if (name == "field") s.fieldName = value;
    else if (name == "signing-time") s.signingTime = value;
    else if (name == "empty-field") s.emptyFields.push_back(value);
    else badState("unknown entry \"" + std::string(name) + "\"", "entri tidak dikenal \"" + std::string(name) + "\"");
}

// The prepared document again: the input as it is now, and the STATE's update.
pdf::PreparedDocument preparedAgain(const SigningState& s)
{
    std::string input;
    try {
        input = readFile(s.input);
    } catch (const Error&) {
        fail(Code::InputChanged, "The input " + s.input + " named in the STATE cannot be read; nothing was written.",
             "Masukan " + s.input + " yang disebut STATE tidak dapat dibaca; tidak ada yang ditulis.");
    }
    if (input.size() != s.inputSize || crypto::hash(crypto::HashAlg::Sha256, input) != s.inputSha256)
        fail(Code::InputChanged,
             "The input " + s.input + " changed since bsre-sign prepare; nothing was written. Prepare again.",
             "Masukan " + s.input + " berubah sejak bsre-sign prepare; tidak ada yang ditulis. Jalankan prepare lagi.");
    pdf::PreparedDocument d;
    d.originalSize = input.size();
    d.bytes = std::move(input) + s.update;
    d.contentsStart = s.contentsStart;
    d.contentsEnd = s.contentsEnd;
    d.capacity = s.capacity;
    if (d.contentsEnd != d.contentsStart + 2 * d.capacity + 2 || d.contentsEnd > d.bytes.size() ||
        d.contentsStart < d.originalSize)
        badState("its placeholder does not lie in its update", "tempat tanda tangannya tidak berada di dalam pembaruannya");
    return d;
}

} // namespace

std::string serializeState(const SigningState& s)
{
    std::string out(kMagic);
    put(out, "input", s.input);
    put(out, "input-size", std::to_string(s.inputSize));
    put(out, "input-sha256", s.inputSha256);
    put(out, "update", s.update);
    put(out, "contents-start", std::to_string(s.contentsStart));
    put(out, "contents-end", std::to_string(s.contentsEnd));
    put(out, "capacity", std::to_string(s.capacity));
    put(out, "timestamp-room", s.timestampRoom ? "1" : "0");
    put(out, "content-digest", s.contentDigest);
    put(out, "signed-attributes", s.signedAttributes);
    put(out, "certificate", s.certificate);
    for (const auto& c : s.chain)
        put(out, "chain", c);
    put(out, "field", s.fieldName);
    put(out, "signing-time", s.signingTime);
    for (const auto& f : s.emptyFields)
        put(out, "empty-field", f);
    return out + "sha256 " + hex(crypto::hash(crypto::HashAlg::Sha256, out)) + "\n";
}

SigningState parseState(std::string_view bytes)
{
    if (bytes.substr(0, kMagic.size()) != kMagic)
        badState("it is not a STATE written by bsre-sign prepare", "berkas ini bukan STATE yang ditulis oleh bsre-sign prepare");
    const size_t sum = bytes.rfind("sha256 ");
    if (sum == std::string_view::npos || bytes.size() != sum + 7 + 64 + 1 || bytes.back() != '\n')
        badState("it is truncated", "berkas terpotong");
    if (hex(crypto::hash(crypto::HashAlg::Sha256, bytes.substr(0, sum))) != bytes.substr(sum + 7, 64))
        badState("its checksum does not match: damaged or edited", "checksum tidak cocok: rusak atau diubah");
    SigningState s;
    Entries e(bytes.substr(kMagic.size(), sum - kMagic.size()));
    while (e.more()) {
        auto [name, value] = e.next();
        assign(s, name, value);
    }
    if (s.input.empty() || s.update.empty() || s.certificate.empty() || s.signedAttributes.empty())
        badState("an entry is missing", "sebuah entri tidak ada");
    return s;
}

PreparedState prepareState(const SignRequest& rq, const crypto::SignerIdentity& signer, bool withTimestampRoom)
{
    auto reader = pdf::Reader::open(rq.input);
    const SignaturePlan plan = planSignature(*reader, rq, signer.commonName());
    const PreparedSignature p =
        prepareSignature(*reader, plan, signer, timestampAllowance(withTimestampRoom ? Level::BT : Level::BB));
    const crypto::SignedAttributes attrs = crypto::signedAttributes(signer, p.contentDigest);
    PreparedState out;
    SigningState& s = out.state;
    s.input = std::filesystem::absolute(rq.input).string();
    s.inputSize = p.document.originalSize;
    s.inputSha256 = crypto::hash(crypto::HashAlg::Sha256, reader->bytes());
    s.update = p.document.bytes.substr(p.document.originalSize);
    s.contentsStart = p.document.contentsStart;
    s.contentsEnd = p.document.contentsEnd;
    s.capacity = p.document.capacity;
    s.timestampRoom = withTimestampRoom;
    s.contentDigest = p.contentDigest;
    s.signedAttributes = attrs.der;
    s.certificate = signer.certificate();
    s.chain = signer.chain();
    s.fieldName = p.fieldName;
    s.signingTime = p.signingTime;
    s.emptyFields = p.emptyFields;
    out.hash = attrs.hash;
    out.toBeSigned = crypto::toBeSignedDigest(attrs);
    out.warnings = p.warnings;
    return out;
}

SignOutcome completeState(const CompleteRequest& rq)
{
    const SigningState& s = rq.state;
    auto signer = crypto::identityFromCertificate(s.certificate, s.chain);
    PreparedSignature prepared;
    prepared.document = preparedAgain(s);
    prepared.contentDigest = byteRangeDigest(prepared.document, signer->hashAlg());
    if (prepared.contentDigest != s.contentDigest)
        badState("its update does not match the digest it was prepared with", "pembaruannya tidak cocok dengan digest saat disiapkan");
    const SignatureValue value{crypto::signedAttributes(*signer, prepared.contentDigest), rq.signature};
    if (value.attrs.der != s.signedAttributes)
        badState("its signed attributes do not match the certificate and the document", "atribut yang ditandatangani tidak cocok dengan sertifikat dan dokumen");
    crypto::requireSignatureOver(*signer, crypto::toBeSignedDigest(value.attrs), rq.signature);

    LevelGoal goal = levelGoal(rq.level, rq.allowLowerLevel, rq.options.tsa.has_value());
    if (goal.target >= Level::BT && !s.timestampRoom)
        fail(Code::Usage, "This STATE was prepared without room for a timestamp (--level B-B); it completes at B-B only.",
             "STATE ini disiapkan tanpa ruang untuk stempel waktu (--level B-B); hanya dapat diselesaikan pada B-B.");
    prepared.fieldName = s.fieldName;
    prepared.signingTime = s.signingTime;
    prepared.emptyFields = s.emptyFields;
    prepared.input = s.input; // what the signed file must read as (requireReadsBack)
    prepared.pages = pdf::Reader::open(s.input)->model().pages.size();
    std::optional<LtvCollector> ltv = checkSignerChain(*signer, goal, rq.options, false);
    SignedFile f = completeSignature(std::move(prepared), value, *signer, goal, std::move(ltv), rq.options);
    writeFileAtomically(rq.options.outputName, f.bytes, rq.overwrite);
    return f.outcome;
}

} // namespace bsre
