// The parsers of bytes that come from a network or a file: DER (asn1/der),
// CMS SignedData (asn1/cms_view, crypto/verify), RFC 3161 tokens
// (crypto/tsa), OCSP responses and CRLs (crypto/revocation), certificates
// (crypto/external). Each input goes through all of them: a TLV walk, a CMS,
// a timestamp token, an OCSP response and a CRL about a fixed chain
// (tests/fuzz/data: a leaf and its CA, see make-seeds.sh), a certificate and a
// PEM text. Only bsre::Error is an answer; anything else is a finding.
#include "fuzz_support.hpp"

#include "asn1/cms_view.hpp"
#include "asn1/der.hpp"
#include "crypto/cms.hpp"
#include "crypto/digest.hpp"
#include "crypto/external.hpp"
#include "crypto/revocation.hpp"
#include "crypto/tsa.hpp"
#include "crypto/verify.hpp"

#include <string_view>

using namespace bsre;

namespace {

struct Chain {
    crypto::Bytes leaf, ca, leafSerial, imprint;
    Chain()
    {
        fuzz::nss();
        leaf = fuzz::slurp(fuzz::source("tests/fuzz/data/leaf.der"));
        ca = fuzz::slurp(fuzz::source("tests/fuzz/data/ca.der"));
        leafSerial = crypto::Bytes(der::certificateSerial(leaf));
        // The seed tokens' imprint: SHA-256 of this text (make-seeds.sh).
        imprint = crypto::hash(crypto::HashAlg::Sha256, "bsre-fuzz\n");
    }
};

const Chain& chain()
{
    static Chain c;
    return c;
}

// Every TLV, depth first, the way the product's readers take them apart.
void walk(std::string_view in, int depth)
{
    if (depth > 24)
        return;
    for (const der::Tlv& t : der::children(in)) {
        if (t.whole.size() > in.size() || t.content.size() > t.whole.size())
            fuzz::broken("a TLV larger than what holds it");
        switch (t.tag) {
        case 0x06: (void)der::oidText(t.content); break;
        case 0x17:
        case 0x18: (void)der::timeToIso(t.tag, t.content); break;
        default: break;
        }
        if (t.tag & 0x20)
            walk(t.content, depth + 1);
    }
}

void cms(const crypto::Bytes& b)
{
    const auto sd = der::readSignedData(b);
    if (sd) {
        for (const auto& c : sd->certificates)
            (void)der::certificateSerial(c);
        for (const auto& si : sd->signerInfos) {
            (void)si.signedAttrs.find("1.2.840.113549.1.9.4");
            (void)si.unsignedAttrs.find(der::kSignatureTimestampOid);
        }
    }
    try {
        (void)der::parseSignedData(b);
    } catch (const Error&) {
    }
    (void)crypto::cmsCertificates(b);
    (void)crypto::signatureTimestampToken(b);
    const std::string_view part("%PDF-1.7 fuzz");
    (void)crypto::verifyDetached(b, {part}, false);
}

void timestamp(const crypto::Bytes& b)
{
    (void)crypto::tokenImprintHash(b);
    try {
        (void)crypto::checkToken(b, chain().imprint, crypto::HashAlg::Sha256, std::nullopt, false);
    } catch (const Error&) {
    }
    // The same bytes as a TSA's answer (TimeStampResp), through the injected transport.
    try {
        crypto::TsaConfig cfg;
        cfg.url = "http://127.0.0.1:1/fuzz";
        (void)crypto::requestTimestamp(cfg, "bsre-fuzz\n",
                                       [&](const crypto::TsaConfig&, const std::string&) { return b; });
    } catch (const Error&) {
    }
}

void revocation(const crypto::Bytes& b)
{
    (void)crypto::ocspStatusFor(b, chain().leafSerial);
    (void)crypto::offlineCoverage(chain().leaf, {chain().ca}, {b}, {}, false);
    (void)crypto::offlineCoverage(chain().leaf, {chain().ca}, {}, {b}, false);
}

void certificate(const crypto::Bytes& b)
{
    try {
        (void)crypto::describeCertificate(b);
        auto id = crypto::identityFromCertificate(b, {});
        (void)crypto::estimateSignedDataSize(*id, 0);
    } catch (const Error&) {
    }
    (void)crypto::certificatesIn(b);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    (void)chain();
    const crypto::Bytes b(reinterpret_cast<const char*>(data), size);
    der::Tlv top;
    if (der::readTlv(b, top) && (top.whole.size() > b.size() || top.content.size() > top.whole.size()))
        fuzz::broken("readTlv: a TLV larger than its input");
    walk(b, 0);
    (void)der::trimmed(b);
    cms(b);
    timestamp(b);
    revocation(b);
    certificate(b);
    return 0;
}
