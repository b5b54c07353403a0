#include "core/complete.hpp"

#include "crypto/tsa.hpp"

namespace bsre {

namespace {

// What a timestamp server can do wrong (a lower level may be allowed for it).
bool isTsaFailure(Code c) { return c == Code::TsaUnreachable || c == Code::TsaRefused || c == Code::TsaBadToken; }

// B-T: an RFC 3161 token over the signature value (RFC 3161 appendix A).
std::optional<crypto::TimestampToken> timestampFor(const crypto::Bytes& signatureValue, LevelGoal& goal,
                                                   const CompletionOptions& o)
{
    if (goal.target < Level::BT)
        return std::nullopt;
    try {
        o.step("Getting a timestamp…", "Meminta stempel waktu…");
        return crypto::requestTimestamp(*o.tsa, signatureValue, o.tsaTransport);
    } catch (const Error& e) {
        if (!goal.allowLower || !isTsaFailure(e.code()))
            throw;
        goal.lower(Level::BB, e.english(), e.indonesian(), e.code());
        return std::nullopt;
    }
}

SignOutcome outcomeOf(const PreparedSignature& p)
{
    SignOutcome o;
    o.fieldName = p.fieldName;
    o.stampedPages = p.stampedPages;
    o.scaledPages = p.scaledPages;
    o.emptyFields = p.emptyFields;
    o.contentsReserved = p.document.capacity;
    o.signingTime = p.signingTime;
    o.warnings = p.warnings;
    return o;
}

} // namespace

// B-LT: the TSA's chain too, then the DSS in an update of its own.
LtvAdded addLtvMaterial(std::string bytes, const std::string& storedContents, const crypto::Bytes& token,
                        LevelGoal& goal, LtvCollector& ltv, const CompletionOptions& o)
{
    o.step("Adding long-term validation data…", "Menambahkan data validasi jangka panjang…");
    crypto::CmsCertificates tsaCerts = crypto::cmsCertificates(token);
    if (auto gap = judgeEvidence(ltv.checkChain(tsaCerts.signer, tsaCerts.all), "the timestamp server's certificate",
                                 "sertifikat server stempel waktu"))
        goal.lower(Level::BT, gap->en, gap->id, Code::RevocationUnavailable);
    if (goal.target < Level::BLT)
        return {std::move(bytes), {}};
    ltv.addVri(storedContents, ltv.checks()); // the signer's chain, then the TSA's
    auto reader = pdf::Reader::openBytes(std::make_shared<const std::string>(std::move(bytes)), o.outputName);
    LtvAdded out;
    out.bytes = pdf::appendDss(*reader, ltv.addition(), out.dss);
    return out;
}

// B-LTA: a document timestamp over the whole file; a TSA failure may leave B-LT.
std::string addArchiveTimestamp(std::string bytes, size_t tokenSize, LevelGoal& goal, SignOutcome& outcome,
                                const CompletionOptions& o)
{
    o.step("Adding the document timestamp…", "Menambahkan stempel waktu dokumen…");
    auto reader = pdf::Reader::openBytes(std::make_shared<const std::string>(std::move(bytes)), o.outputName);
    try {
        DocTimestamped t = appendDocumentTimestamp(*reader, *o.tsa, o.tsaTransport, tokenSize);
        outcome.docTimestamp = t.outcome;
        outcome.level = "B-LTA";
        return std::move(t.bytes);
    } catch (const Error& e) {
        if (!goal.allowLower || !isTsaFailure(e.code()))
            throw;
        goal.lower(Level::BLT, "The document timestamp could not be added: " + std::string(e.english()),
                   "Stempel waktu dokumen tidak dapat ditambahkan: " + e.indonesian(), e.code());
        return reader->bytes(); // B-LT stands
    }
}

CompletionOptions completionOptions(const SignRequest& rq)
{
    return {rq.tsa, rq.tsaTransport, rq.revocation, rq.output, rq.onStep};
}

SignatureValue signAttributes(crypto::Signer& signer, const crypto::Bytes& contentDigest)
{
    SignatureValue v{crypto::signedAttributes(signer, contentDigest), {}};
    v.value = signer.sign(v.attrs.der);
    return v;
}

std::optional<LtvCollector> checkSignerChain(const crypto::SignerIdentity& signer, LevelGoal& goal,
                                             const CompletionOptions& o, bool keyUnused)
{
    if (goal.target < Level::BLT)
        return std::nullopt;
    o.step("Checking the certificate's revocation status…", "Memeriksa status pencabutan sertifikat…");
    std::optional<LtvCollector> ltv(std::in_place, o.revocation);
    if (auto gap = judgeEvidence(ltv->checkChain(signer.certificate(), signer.chain()), "the signer's certificate",
                                 "sertifikat penanda tangan", keyUnused))
        goal.lower(Level::BT, gap->en, gap->id, Code::RevocationUnavailable);
    return ltv;
}

std::string addLongTermMaterial(std::string bytes, const std::string& storedContents, const crypto::Bytes& token,
                                LevelGoal& goal, std::optional<LtvCollector>& ltv, SignOutcome& outcome,
                                const CompletionOptions& o)
{
    LtvAdded added = addLtvMaterial(std::move(bytes), storedContents, token, goal, *ltv, o);
    if (goal.target >= Level::BLT) {
        outcome.dss = added.dss;
        outcome.level = "B-LT";
    }
    outcome.revocationChecks = ltv->checks();
    if (goal.target >= Level::BLTA)
        return addArchiveTimestamp(std::move(added.bytes), token.size(), goal, outcome, o);
    return std::move(added.bytes);
}

SignedFile completeSignature(PreparedSignature prepared, const SignatureValue& value,
                             const crypto::SignerIdentity& signer, LevelGoal goal, std::optional<LtvCollector> ltv,
                             const CompletionOptions& o)
{
    SignedFile f;
    f.outcome = outcomeOf(prepared);
    const size_t originalSize = prepared.document.originalSize;
    PreparedSignature expected; // what the signed file must still read as (requireReadsBack)
    expected.input = prepared.input;
    expected.pages = prepared.pages;
    expected.fieldName = prepared.fieldName;
    const std::optional<crypto::TimestampToken> token = timestampFor(value.value, goal, o);
    const crypto::Bytes cms = crypto::assembleSignedData(signer, value.attrs, value.value,
                                                         token ? std::optional(token->der) : std::nullopt);
    const std::string stored = pdf::storedContents(prepared.document, cms.substr(0, prepared.document.capacity));
    f.bytes = pdf::fillContents(std::move(prepared.document), cms);
    f.outcome.contentsUsed = cms.size();
    f.outcome.level = token ? "B-T" : "B-B";
    if (token) {
        f.outcome.timestampTime = token->genTime;
        f.outcome.tsaName = token->tsaName;
    }
    if (goal.target >= Level::BLT)
        f.bytes = addLongTermMaterial(std::move(f.bytes), stored, token->der, goal, ltv, f.outcome, o);
    else if (ltv)
        f.outcome.revocationChecks = ltv->checks();
    f.outcome.levelNoteEn = goal.noteEn;
    f.outcome.levelNoteId = goal.noteId;
    f.outcome.signerName = signer.commonName();
    f.outcome.output = o.outputName;
    f.outcome.bytesAdded = f.bytes.size() - originalSize;
    // The prepared file read back before the key was used, with a stand-in
    // /Contents; the bytes written are checked once more.
    requireReadsBack(expected, std::shared_ptr<const std::string>(std::shared_ptr<void>(), &f.bytes), true);
    return f;
}

} // namespace bsre
