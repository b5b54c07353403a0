#include "cli/verify_print.hpp"

#include "common/json.hpp"

#include <string>

namespace bsre::cli {

namespace {

std::string json(const std::string& s) { return json::quoted(s); }
const char* boolean(bool b) { return b ? "true" : "false"; }

std::string modificationsJson(const SignatureReport& s)
{
    std::string out = "[";
    for (size_t i = 0; i < s.modifications.size(); ++i) {
        const pdf::Modification& m = s.modifications[i];
        out += std::string(i ? "," : "") + "{\"revision\":" + std::to_string(m.revision) +
               ",\"allowed\":" + boolean(m.allowed) + ",\"what\":" + json(m.what) + "}";
    }
    return out + "]";
}

std::string checksJson(const SignatureReport& s)
{
    const PortalChecks c = portalChecks(s);
    return "{\"signer\":" + json(c.signer) + ",\"integrity\":" + json(c.integrity) + ",\"timestamp\":" +
           json(c.timestamp) + ",\"ltv\":" + json(c.ltv) + "}";
}

std::string chainJson(const SignatureReport& s)
{
    std::string out = "[";
    for (size_t i = 0; i < s.chain.size(); ++i) {
        const crypto::Coverage::Link& l = s.chain[i];
        out += std::string(i ? "," : "") + "{\"subject\":" + json(l.subject) + ",\"issuer\":" + json(l.issuer) +
               ",\"serial\":" + json(l.serial) + ",\"notBefore\":" + json(l.notBefore) +
               ",\"notAfter\":" + json(l.notAfter) + ",\"revocation\":" + json(l.status) +
               ",\"revocationSource\":" + json(l.source) + "}";
    }
    return out + "]";
}

void signatureJson(const SignatureReport& s, std::ostream& out)
{
    out << "{\"field\":" << json(s.field) << ",\"signer\":" << json(s.signer)
        << ",\"signingTime\":" << json(s.signingTime) << ",\"subFilter\":" << json(s.subFilter)
        << ",\"integrity\":" << boolean(s.integrity) << ",\"coversWholeFile\":" << boolean(s.coversWholeFile)
        << ",\"revision\":" << s.revision << ",\"signedBytes\":" << s.signedBytes
        << ",\"trust\":" << (s.trustChecked ? (s.trusted ? "\"trusted\"" : "\"untrusted\"") : "\"not checked\"")
        << ",\"level\":" << json(s.level) << ",\"timestamp\":" << json(s.timestampTime)
        << ",\"tsa\":" << json(s.tsaName) << ",\"documentTimestamp\":" << boolean(s.documentTimestamp)
        << ",\"ltv\":" << boolean(s.ltvMaterial) << ",\"vri\":" << boolean(s.vriEntry)
        << ",\"ltvMissing\":" << json(s.ltvMissing) << ",\"valid\":" << boolean(s.valid())
        << ",\"problem\":" << json(s.problem) << ",\"indication\":" << json(s.indication)
        << ",\"subIndication\":" << json(s.subIndication) << ",\"docMdp\":" << s.docMdp
        << ",\"modifications\":" << modificationsJson(s) << ",\"checks\":" << checksJson(s)
        << ",\"chain\":" << chainJson(s) << "}";
}

std::string ltvLine(const VerifyReport& r, const SignatureReport& s)
{
    if (s.documentTimestamp)
        return "-";
    if (s.ltvMaterial)
        return std::string("present / ada") + (s.vriEntry ? " (VRI)" : "");
    return r.dssPresent ? "incomplete / tidak lengkap (" + s.ltvMissing + ")" : "none / tidak ada";
}

std::string coversLine(const VerifyReport& r, const SignatureReport& s)
{
    if (s.coversWholeFile)
        return "the whole document / seluruh dokumen";
    return "revision / revisi " + std::to_string(s.revision) + " of / dari " + std::to_string(r.revisions) + " (" +
           std::to_string(s.signedBytes) + " bytes)";
}

void changesText(const SignatureReport& s, std::ostream& out)
{
    if (s.coversWholeFile)
        return;
    out << "   later changes / perubahan sesudahnya: "
        << (s.modifications.empty() ? "none / tidak ada" : std::to_string(s.modifications.size())) << "\n";
    for (const pdf::Modification& m : s.modifications)
        out << "     r" << m.revision << (m.allowed ? "  allowed / diizinkan:   " : "  NOT ALLOWED / TIDAK DIIZINKAN: ")
            << m.what << "\n       " << m.whatId << "\n";
}

void signatureText(const VerifyReport& r, const SignatureReport& s, int k, std::ostream& out)
{
    out << "#" << k << " field / kolom: " << s.field << "\n"
        << "   signer / penanda tangan: " << s.signer << "\n"
        << "   signing time / waktu:    " << s.signingTime << "\n"
        << "   SubFilter:               " << s.subFilter << "\n"
        << "   level / level:           " << (s.documentTimestamp ? "" : "PAdES ") << s.level
        << (s.hasTimestamp ? ", timestamp / stempel waktu " + s.timestampTime + " (" + s.tsaName + ")" : "") << "\n"
        << "   LTV material / data LTV: " << ltvLine(r, s) << "\n"
        << "   integrity / integritas:  " << (s.integrity ? "intact / utuh" : "BROKEN / RUSAK") << "\n"
        << "   covers / mencakup:       " << coversLine(r, s) << "\n"
        << "   trust / kepercayaan:     "
        << (s.trustChecked ? (s.trusted ? "trusted / dipercaya" : "NOT trusted / TIDAK dipercaya")
                           : "not checked / tidak diperiksa")
        << "\n";
    changesText(s, out);
    out << "   indication / indikasi:   " << s.indication << (s.subIndication.empty() ? "" : " / " + s.subIndication)
        << "\n   result / hasil:          " << (s.valid() ? "VALID / SAH" : "NOT VALID / TIDAK SAH");
    if (!s.problem.empty())
        out << " (" << s.problem << ")";
    out << "\n";
}

} // namespace

void printVerifyJson(const VerifyReport& r, std::ostream& out)
{
    out << "{\"file\":" << json(r.file) << ",\"sha256\":" << json(r.sha256) << ",\"revisions\":" << r.revisions << ",\"valid\":" << boolean(r.allValid())
        << ",\"level\":" << json(r.level) << ",\"dss\":"
        << (r.dssPresent ? "{\"certs\":" + std::to_string(r.dssCerts) + ",\"ocsps\":" + std::to_string(r.dssOcsps) +
                               ",\"crls\":" + std::to_string(r.dssCrls) + "}"
                         : std::string("null"))
        << ",\"passed\":" << boolean(r.allPassed()) << ",\"signatures\":[";
    for (size_t i = 0; i < r.signatures.size(); ++i) {
        out << (i ? "," : "") << "\n ";
        signatureJson(r.signatures[i], out);
    }
    out << "\n]}\n";
}

void printVerifyText(const VerifyReport& r, std::ostream& out)
{
    out << r.file << ": " << r.signatures.size() << " signature(s) / tanda tangan, " << r.revisions
        << " revision(s)\n";
    int k = 0;
    for (const SignatureReport& s : r.signatures)
        signatureText(r, s, ++k, out);
    if (r.signatures.empty())
        out << "No signatures. / Tidak ada tanda tangan.\n";
    else
        out << "Level of the file / level berkas: PAdES " << r.level
            << (r.dssPresent ? "; DSS: " + std::to_string(r.dssCerts) + " certificate(s), " +
                                   std::to_string(r.dssOcsps) + " OCSP, " + std::to_string(r.dssCrls) + " CRL"
                             : std::string("; no DSS / tanpa DSS"))
            << "\n";
}

} // namespace bsre::cli
