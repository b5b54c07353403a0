#include "core/verify_json.hpp"

#include "common/json.hpp"

#include <ostream>
#include <sstream>

namespace bsre {

namespace {

std::string quote(const std::string& s) { return json::quoted(s); }
const char* boolean(bool b) { return b ? "true" : "false"; }

std::string modificationsJson(const SignatureReport& s)
{
    std::string out = "[";
    for (size_t i = 0; i < s.modifications.size(); ++i) {
        const pdf::Modification& m = s.modifications[i];
        out += std::string(i ? "," : "") + "{\"revision\":" + std::to_string(m.revision) +
               ",\"allowed\":" + boolean(m.allowed) + ",\"what\":" + quote(m.what) + "}";
    }
    return out + "]";
}

std::string checksJson(const SignatureReport& s)
{
    const PortalChecks c = portalChecks(s);
    return "{\"signer\":" + quote(c.signer) + ",\"integrity\":" + quote(c.integrity) + ",\"timestamp\":" +
           quote(c.timestamp) + ",\"ltv\":" + quote(c.ltv) + "}";
}

std::string chainJson(const SignatureReport& s)
{
    std::string out = "[";
    for (size_t i = 0; i < s.chain.size(); ++i) {
        const crypto::Coverage::Link& l = s.chain[i];
        out += std::string(i ? "," : "") + "{\"subject\":" + quote(l.subject) + ",\"issuer\":" + quote(l.issuer) +
               ",\"serial\":" + quote(l.serial) + ",\"notBefore\":" + quote(l.notBefore) +
               ",\"notAfter\":" + quote(l.notAfter) + ",\"revocation\":" + quote(l.status) +
               ",\"revocationSource\":" + quote(l.source) + "}";
    }
    return out + "]";
}

void signatureJson(const SignatureReport& s, std::ostream& out)
{
    out << "{\"field\":" << quote(s.field) << ",\"signer\":" << quote(s.signer)
        << ",\"signingTime\":" << quote(s.signingTime) << ",\"subFilter\":" << quote(s.subFilter)
        << ",\"integrity\":" << boolean(s.integrity) << ",\"coversWholeFile\":" << boolean(s.coversWholeFile)
        << ",\"revision\":" << s.revision << ",\"signedBytes\":" << s.signedBytes
        << ",\"trust\":" << (s.trustChecked ? (s.trusted ? "\"trusted\"" : "\"untrusted\"") : "\"not checked\"")
        << ",\"level\":" << quote(s.level) << ",\"timestamp\":" << quote(s.timestampTime)
        << ",\"tsa\":" << quote(s.tsaName) << ",\"documentTimestamp\":" << boolean(s.documentTimestamp)
        << ",\"ltv\":" << boolean(s.ltvMaterial) << ",\"vri\":" << boolean(s.vriEntry)
        << ",\"ltvMissing\":" << quote(s.ltvMissing) << ",\"valid\":" << boolean(s.valid())
        << ",\"problem\":" << quote(s.problem) << ",\"indication\":" << quote(s.indication)
        << ",\"subIndication\":" << quote(s.subIndication) << ",\"docMdp\":" << s.docMdp
        << ",\"modifications\":" << modificationsJson(s) << ",\"checks\":" << checksJson(s)
        << ",\"chain\":" << chainJson(s) << "}";
}

} // namespace

std::string verifyJson(const VerifyReport& r)
{
    std::ostringstream out;
    out << "{\"file\":" << quote(r.file) << ",\"sha256\":" << quote(r.sha256) << ",\"revisions\":" << r.revisions
        << ",\"valid\":" << boolean(r.allValid())
        << ",\"level\":" << quote(r.level) << ",\"dss\":"
        << (r.dssPresent ? "{\"certs\":" + std::to_string(r.dssCerts) + ",\"ocsps\":" + std::to_string(r.dssOcsps) +
                               ",\"crls\":" + std::to_string(r.dssCrls) + "}"
                         : std::string("null"))
        << ",\"passed\":" << boolean(r.allPassed()) << ",\"signatures\":[";
    for (size_t i = 0; i < r.signatures.size(); ++i) {
        out << (i ? "," : "") << "\n ";
        signatureJson(r.signatures[i], out);
    }
    out << "\n]}\n";
    return out.str();
}

} // namespace bsre
