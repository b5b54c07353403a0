#include "cli/verify_print.hpp"

#include "core/verify_report.hpp"

#include <string>

namespace bsre::cli {

namespace {

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

std::string checkLine(const SignatureReport& s)
{
    const PortalChecks c = portalChecks(s);
    auto both = [](const std::string& v) {
        const Words w = checkWords(v);
        return w.en + " / " + w.id;
    };
    return "signer " + both(c.signer) + "; integrity " + both(c.integrity) + "; timestamp " + both(c.timestamp) +
           "; LTV " + both(c.ltv);
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
    out << "   checks / pemeriksaan:    " << checkLine(s) << "\n";
    out << "   indication / indikasi:   " << s.indication << (s.subIndication.empty() ? "" : " / " + s.subIndication)
        << "\n   result / hasil:          " << (s.valid() ? "VALID / SAH" : "NOT VALID / TIDAK SAH");
    if (!s.problem.empty())
        out << " (" << s.problem << ")";
    out << "\n";
}

} // namespace

void printVerifyText(const VerifyReport& r, std::ostream& out)
{
    out << r.file << ": " << r.signatures.size() << " signature(s) / tanda tangan, " << r.revisions
        << " revision(s)\n";
    int k = 0;
    for (const SignatureReport& s : r.signatures)
        signatureText(r, s, ++k, out);
    if (r.signatures.empty())
        out << "No signatures: this PDF is not signed (the file itself is fine). / Tidak ada tanda tangan: PDF ini "
               "tidak ditandatangani (berkasnya sendiri baik).\n";
    else
        out << "Level of the file / level berkas: PAdES " << r.level
            << (r.dssPresent ? "; DSS: " + std::to_string(r.dssCerts) + " certificate(s), " +
                                   std::to_string(r.dssOcsps) + " OCSP, " + std::to_string(r.dssCrls) + " CRL"
                             : std::string("; no DSS / tanpa DSS"))
            << "\n";
}

} // namespace bsre::cli
