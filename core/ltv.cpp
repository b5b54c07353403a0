#include "core/ltv.hpp"

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "pdf/doc_timestamp.hpp"
#include "asn1/der.hpp"
#include "crypto/digest.hpp"
#include "pdf/syntax.hpp"
#include "pdf/update.hpp"

#include <algorithm>

namespace bsre {

std::optional<Level> parseLevel(std::string_view s)
{
    if (s == "B-B")
        return Level::BB;
    if (s == "B-T")
        return Level::BT;
    if (s == "B-LT")
        return Level::BLT;
    if (s == "B-LTA")
        return Level::BLTA;
    return std::nullopt;
}

const char* levelName(Level l) noexcept
{
    switch (l) {
    case Level::BB: return "B-B";
    case Level::BT: return "B-T";
    case Level::BLT: return "B-LT";
    case Level::BLTA: return "B-LTA";
    }
    return "B-B";
}

std::string vriKey(std::string_view contents)
{
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : crypto::sha1(contents)) {
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    return out;
}

std::vector<crypto::CertRevocation> LtvCollector::checkChain(const crypto::Bytes& leaf, const std::vector<crypto::Bytes>& extra)
{
    auto checks = checker_.checkChain(leaf, extra, data_);
    all_.insert(all_.end(), checks.begin(), checks.end());
    return checks;
}

void LtvCollector::addVri(std::string_view contents, const std::vector<crypto::CertRevocation>& checks)
{
    pdf::DssAddition::Vri v;
    v.key = vriKey(contents);
    auto push = [](std::vector<int>& to, int i) {
        if (i >= 0 && std::find(to.begin(), to.end(), i) == to.end())
            to.push_back(i);
    };
    for (const auto& c : checks) {
        push(v.certs, c.cert);
        push(v.ocsps, c.ocsp);
        push(v.crls, c.crl);
    }
    vri_.push_back(std::move(v));
}

std::optional<crypto::Bytes> LtvCollector::addSignature(std::string_view contents, const crypto::Bytes& cms)
{
    crypto::CmsCertificates certs = crypto::cmsCertificates(cms);
    std::vector<crypto::CertRevocation> checks;
    if (!certs.signer.empty())
        checks = checkChain(certs.signer, certs.all);
    auto token = crypto::signatureTimestampToken(cms);
    if (token) {
        crypto::CmsCertificates tsa = crypto::cmsCertificates(*token);
        if (!tsa.signer.empty()) {
            auto more = checkChain(tsa.signer, tsa.all);
            checks.insert(checks.end(), more.begin(), more.end());
        }
    }
    addVri(contents, checks);
    return token;
}

void LtvCollector::addDocumentTimestamp(std::string_view contents, const crypto::Bytes& token)
{
    crypto::CmsCertificates tsa = crypto::cmsCertificates(token);
    if (tsa.signer.empty())
        return;
    addVri(contents, checkChain(tsa.signer, tsa.all));
}

pdf::DssAddition LtvCollector::addition() const
{
    pdf::DssAddition a;
    crypto::ValidationData d = data_;
    a.certs = d.certs;
    a.ocsps = d.ocsps;
    a.crls = d.crls;
    a.vri = vri_;
    return a;
}

namespace {
// RFC 5280 reason names with an Indonesian gloss for the refusal sentence.
std::string reasonId(const std::string& r)
{
    static const std::pair<const char*, const char*> names[] = {
        {"unspecified", "tidak disebutkan"},        {"keyCompromise", "kunci disusupi"},
        {"cACompromise", "CA disusupi"},            {"affiliationChanged", "afiliasi berubah"},
        {"superseded", "digantikan"},               {"cessationOfOperation", "berhenti beroperasi"},
        {"certificateHold", "ditangguhkan"},        {"removeFromCRL", "dihapus dari CRL"},
        {"privilegeWithdrawn", "hak dicabut"},      {"aACompromise", "AA disusupi"}};
    for (const auto& [en, id] : names)
        if (r == en)
            return std::string(id) + " (" + r + ")";
    return r;
}
} // namespace

std::optional<Shortfall> judgeEvidence(const std::vector<crypto::CertRevocation>& checks, const std::string& whoseEn,
                                       const std::string& whoseId, bool keyUnused)
{
    for (const auto& c : checks)
        if (c.status == crypto::RevocationStatus::Revoked)
            fail(Code::CertRevoked,
                 "The certificate \"" + c.subject + "\" (" + whoseEn + ") was revoked on " + c.revokedAt +
                     ", reason: " + c.reason + " (source: " + c.source + ")" +
                     (keyUnused ? "; nothing was signed or written." : "; nothing was written."),
                 "Sertifikat \"" + c.subject + "\" (" + whoseId + ") telah dicabut pada " + c.revokedAt +
                     ", alasan: " + reasonId(c.reason) + " (sumber: " + c.source + ")" +
                     (keyUnused ? "; tidak ada yang ditandatangani atau ditulis." : "; tidak ada yang ditulis."));
    std::string en, id;
    for (const auto& c : checks) {
        if (c.status == crypto::RevocationStatus::Good || c.status == crypto::RevocationStatus::NotNeeded)
            continue;
        en += (en.empty() ? "" : "; ") + ("\"" + c.subject + "\": " + c.problemEn);
        id += (id.empty() ? "" : "; ") + ("\"" + c.subject + "\": " + c.problemId);
    }
    if (en.empty())
        return std::nullopt;
    return Shortfall{"No revocation data could be had for " + whoseEn + " (" + en + ").",
                     "Data pencabutan untuk " + whoseId + " tidak dapat diperoleh (" + id + ")."};
}

DocTimestamped appendDocumentTimestamp(const pdf::Reader& reader, const crypto::TsaConfig& tsa,
                                       const crypto::TsaTransport& transport, size_t expectedTokenSize)
{
    // A token with a chain of three certificates is about 5 KB. Its size
    // varies little between two answers of one TSA (serial, time, nonce):
    // 512 bytes over an earlier token, else 8 KB; then 16 KB once.
    const size_t first = expectedTokenSize ? expectedTokenSize + 512 : 8192;
    for (size_t capacity : {first, std::max<size_t>(first, 16384)}) {
        pdf::PreparedTimestamp p = pdf::prepareDocumentTimestamp(reader, capacity);
        std::string covered(p.document.before());
        covered.append(p.document.after());
        crypto::TimestampToken token = crypto::requestTimestamp(tsa, covered, transport);
        if (token.der.size() > capacity)
            continue;
        DocTimestamped out;
        out.outcome = {p.field, token.genTime, token.tsaName, 0};
        out.bytes = pdf::fillContents(std::move(p.document), token.der);
        out.outcome.bytesAdded = out.bytes.size() - reader.bytes().size();
        return out;
    }
    fail(Code::SignatureTooLarge, "The timestamp server's token is larger than 16 KB; it was not embedded.",
         "Token server stempel waktu lebih besar dari 16 KB; token tidak disisipkan.");
}

ExtendOutcome extendPdf(const ExtendRequest& rq)
{
    if (rq.level != Level::BLT && rq.level != Level::BLTA)
        fail(Code::Usage, "extend brings a PDF to B-LT or B-LTA.", "extend menaikkan PDF ke B-LT atau B-LTA.");
    if (rq.level == Level::BLTA && !rq.tsa)
        fail(Code::Usage, "B-LTA needs a timestamp server (--tsa).", "B-LTA memerlukan server stempel waktu (--tsa).");
    auto reader = pdf::Reader::open(rq.input);
    ExtendOutcome outcome;
    LtvCollector collector(rq.revocation);
    size_t lastTokenSize = 0; // a hint for the document timestamp's placeholder (same TSA, most likely)
    for (const pdf::SignatureRecord& s : reader->signatures()) {
        const crypto::Bytes der = der::trimmed(s.contents);
        if (s.subFilter == "ETSI.RFC3161") {
            collector.addDocumentTimestamp(s.contents, der);
            ++outcome.documentTimestamps;
            lastTokenSize = der.size();
        } else {
            const auto token = collector.addSignature(s.contents, der);
            ++outcome.signatures;
            if (token)
                lastTokenSize = token->size();
            else
                outcome.warnings.push_back(
                    {WarningCode::NoTimestamp,
                     "The signature in field \"" + s.field +
                         "\" has no timestamp, so it stays below B-T whatever is added; its validation data was "
                         "added all the same.",
                     "Tanda tangan di kolom \"" + s.field +
                         "\" tidak memiliki stempel waktu, jadi tetap di bawah B-T apa pun yang ditambahkan; data "
                         "validasinya tetap ditambahkan."});
        }
    }
    if (outcome.signatures + outcome.documentTimestamps == 0)
        fail(Code::NotSigned, "The PDF " + rq.input + " has no signatures to extend.",
             "PDF " + rq.input + " tidak memiliki tanda tangan untuk diperpanjang.");
    outcome.checks = collector.checks();
    if (auto gap = judgeEvidence(outcome.checks, "the signatures in the PDF", "tanda tangan dalam PDF"))
        fail(Code::RevocationUnavailable, gap->en + " Nothing was written.", gap->id + " Tidak ada yang ditulis.");

    std::string bytes = pdf::appendDss(*reader, collector.addition(), outcome.dss);
    if (rq.level == Level::BLTA) {
        auto withDss = pdf::Reader::openBytes(std::make_shared<const std::string>(std::move(bytes)), rq.output);
        DocTimestamped dts = appendDocumentTimestamp(*withDss, *rq.tsa, rq.tsaTransport, lastTokenSize);
        bytes = std::move(dts.bytes);
        outcome.docTimestamp = dts.outcome;
    }
    outcome.level = levelName(rq.level);
    outcome.bytesAdded = bytes.size() - reader->model().fileSize;
    outcome.output = rq.output;
    writeFileAtomically(rq.output, bytes, rq.overwrite);
    return outcome;
}

} // namespace bsre
