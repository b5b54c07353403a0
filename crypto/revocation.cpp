#include "crypto/revocation.hpp"

#include "asn1/cms_view.hpp"
#include "asn1/der.hpp"
#include "crypto/handles.hpp"
#include "net/http.hpp"
#include "crypto/nss_util.hpp"

#include <cert.h>
#include <certdb.h>
#include <ocsp.h>
#include <secder.h>
#include <prerror.h>
#include <secerr.h>

#include <algorithm>

namespace bsre::crypto {

namespace {

int addUnique(std::vector<Bytes>& v, const Bytes& b)
{
    auto it = std::find(v.begin(), v.end(), b);
    if (it != v.end())
        return static_cast<int>(it - v.begin());
    v.push_back(b);
    return static_cast<int>(v.size() - 1);
}

// http(s) URIs of the certificate's CRL distribution points.
std::vector<std::string> crlUrls(CERTCertificate* c)
{
    std::vector<std::string> urls;
    ItemData ext;
    if (CERT_FindCertExtension(c, SEC_OID_X509_CRL_DIST_POINTS, ext.out()) != SECSuccess)
        return urls;
    UniqueArena arena(PORT_NewArena(2048));
    CERTCrlDistributionPoints* dps = arena ? CERT_DecodeCRLDistributionPoints(arena.get(), &ext.get()) : nullptr;
    if (!dps)
        return urls;
    for (CRLDistributionPoint** p = dps->distPoints; p && *p; ++p) {
        if ((*p)->distPointType != generalName)
            continue;
        CERTGeneralName* first = (*p)->distPoint.fullName;
        CERTGeneralName* n = first;
        do {
            if (n && n->type == certURI) {
                std::string u(reinterpret_cast<const char*>(n->name.other.data), n->name.other.len);
                if (net::isHttpUrl(u))
                    urls.push_back(u);
            }
            n = n ? CERT_GetNextGeneralName(n) : nullptr;
        } while (n && n != first);
    }
    return urls;
}

// http(s) URIs of the certificate's AIA caIssuers entries (where its issuer's
// certificate can be fetched, RFC 5280 4.2.2.1).
std::vector<std::string> caIssuersUrls(CERTCertificate* c)
{
    std::vector<std::string> urls;
    ItemData ext;
    if (CERT_FindCertExtension(c, SEC_OID_X509_AUTH_INFO_ACCESS, ext.out()) != SECSuccess)
        return urls;
    UniqueArena arena(PORT_NewArena(2048));
    CERTAuthInfoAccess** aia = arena ? CERT_DecodeAuthInfoAccessExtension(arena.get(), &ext.get()) : nullptr;
    for (; aia && *aia; ++aia) {
        if (SECOID_FindOIDTag(&(*aia)->method) != SEC_OID_PKIX_CA_ISSUERS || !(*aia)->location ||
            (*aia)->location->type != certURI)
            continue;
        std::string u(reinterpret_cast<const char*>((*aia)->location->name.other.data), (*aia)->location->name.other.len);
        if (net::isHttpUrl(u))
            urls.push_back(u);
    }
    return urls;
}

} // namespace

const char* statusName(RevocationStatus s) noexcept
{
    switch (s) {
    case RevocationStatus::Good: return "good";
    case RevocationStatus::Revoked: return "revoked";
    case RevocationStatus::Unknown: return "unknown";
    case RevocationStatus::Unavailable: return "unavailable";
    case RevocationStatus::NotNeeded: return "trust anchor";
    }
    return "?";
}

std::string crlReasonName(int code)
{
    static const char* names[] = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
                                  "superseded", "cessationOfOperation", "certificateHold", "unused(7)",
                                  "removeFromCRL", "privilegeWithdrawn", "aACompromise"};
    if (code >= 0 && code < static_cast<int>(std::size(names)))
        return names[code];
    return "reason " + std::to_string(code);
}

int ValidationData::addCert(const Bytes& d) { return addUnique(certs, d); }
int ValidationData::addOcsp(const Bytes& d) { return addUnique(ocsps, d); }
int ValidationData::addCrl(const Bytes& d) { return addUnique(crls, d); }

OcspSingle ocspStatusFor(const Bytes& resp, const Bytes& serial)
{
    // OCSPResponse ::= SEQUENCE { responseStatus, [0] EXPLICIT ResponseBytes }
    // ResponseBytes ::= SEQUENCE { responseType OID, response OCTET STRING (BasicOCSPResponse) }
    OcspSingle out;
    der::Tlv top, basic;
    if (!der::readTlv(resp, top))
        return out;
    auto parts = der::children(top.content);
    if (parts.size() < 2 || parts[1].tag != 0xA0)
        return out;
    auto rb = der::children(parts[1].content);
    if (rb.empty())
        return out;
    auto rbParts = der::children(rb[0].content);
    if (rbParts.size() < 2 || !der::readTlv(rbParts[1].content, basic))
        return out;
    auto basicParts = der::children(basic.content);
    if (basicParts.empty())
        return out;
    // ResponseData: [0] version?, responderID, producedAt, responses, [1] extensions?
    auto rd = der::children(basicParts[0].content);
    size_t i = (!rd.empty() && rd[0].tag == 0xA0) ? 1 : 0;
    if (rd.size() < i + 3)
        return out;
    for (const auto& single : der::children(rd[i + 2].content)) {
        auto s = der::children(single.content);
        if (s.size() < 3)
            continue;
        auto certId = der::children(s[0].content);
        if (certId.size() < 4 || Bytes(certId[3].content) != serial)
            continue;
        out.thisUpdate = der::timeToIso(s[2].tag, s[2].content);
        switch (s[1].tag) {
        case 0x80: out.status = RevocationStatus::Good; break;
        case 0xA1: {
            out.status = RevocationStatus::Revoked;
            auto ri = der::children(s[1].content);
            if (!ri.empty())
                out.revokedAt = der::timeToIso(ri[0].tag, ri[0].content);
            out.reason = "unspecified";
            if (ri.size() > 1 && ri[1].tag == 0xA0) {
                der::Tlv e;
                if (der::readTlv(ri[1].content, e) && e.content.size() == 1)
                    out.reason = crlReasonName(static_cast<unsigned char>(e.content[0]));
            }
            break;
        }
        default: out.status = RevocationStatus::Unknown; break;
        }
        return out;
    }
    return out;
}

CmsCertificates cmsCertificates(const Bytes& cms)
{
    CmsCertificates out;
    const auto sd = der::readSignedData(cms);
    if (!sd)
        return out;
    out.all.assign(sd->certificates.begin(), sd->certificates.end());
    // The first SignerInfo's issuerAndSerialNumber names the signer's certificate.
    const std::string_view signerSerial = sd->signerInfos.empty() ? "" : sd->signerInfos[0].serialNumber;
    for (const Bytes& c : out.all)
        if (der::certificateSerial(c) == signerSerial)
            out.signer = c;
    if (out.signer.empty() && !out.all.empty())
        out.signer = out.all.front();
    return out;
}

RevocationChecker::Fetched RevocationChecker::fetch(const std::string& url, const std::string& body,
                                                    const std::string& contentType)
{
    const std::string key = url + '\n' + body;
    if (auto it = cache_.find(key); it != cache_.end())
        return it->second;
    net::HttpRequest rq;
    rq.url = url;
    rq.body = body;
    rq.contentType = contentType;
    rq.timeout = options_.timeout;
    net::HttpResponse r = net::httpRequest(rq);
    Fetched f;
    if (!r.error.empty())
        f.error = r.error;
    else if (r.status != 200)
        f.error = "HTTP " + std::to_string(r.status);
    else {
        f.ok = true;
        f.body = std::move(r.body);
    }
    cache_[key] = f;
    return f;
}

std::vector<CertRevocation> RevocationChecker::checkChain(const Bytes& leafDer, const std::vector<Bytes>& extraCerts,
                                                          ValidationData& into)
{
    CERTCertDBHandle* db = CERT_GetDefaultCertDB();
    // Temporary certificates make the intermediates findable as issuers.
    std::vector<UniqueCert> temps;
    for (const Bytes& b : extraCerts) {
        SECItem it = itemOf(b);
        temps.emplace_back(CERT_NewTempCertificate(db, &it, nullptr, PR_FALSE, PR_TRUE));
    }
    SECItem leafItem = itemOf(leafDer);
    UniqueCert cur(CERT_NewTempCertificate(db, &leafItem, nullptr, PR_FALSE, PR_TRUE));
    std::vector<CertRevocation> out;
    if (!cur) {
        CertRevocation r;
        r.subject = "?";
        r.problemEn = "the certificate cannot be decoded (" + errorName() + ")";
        r.problemId = "sertifikat tidak dapat didekode (" + errorName() + ")";
        out.push_back(r);
        return out;
    }
    const PRTime now = PR_Now();
    for (int depth = 0; depth < 10 && cur; ++depth) {
        CertRevocation r;
        r.subject = displayName(cur.get());
        r.certDer = bytesOf(cur->derCert);
        r.cert = into.addCert(r.certDer);
        if (cur->isRoot) {
            r.status = RevocationStatus::NotNeeded;
            out.push_back(r);
            break;
        }
        UniqueCert issuer(CERT_FindCertIssuer(cur.get(), now, certUsageAnyCA));
        // Not in the signature nor the database: fetched from the AIA
        // caIssuers address (a DER certificate), as a validator would.
        for (const std::string& url : issuer ? std::vector<std::string>{} : caIssuersUrls(cur.get())) {
            Fetched f = fetch(url, "", "");
            if (!f.ok)
                continue;
            SECItem it = itemOf(f.body);
            temps.emplace_back(CERT_NewTempCertificate(db, &it, nullptr, PR_FALSE, PR_TRUE));
            issuer.reset(CERT_FindCertIssuer(cur.get(), now, certUsageAnyCA));
            if (issuer)
                break;
        }
        if (!issuer) {
            r.problemEn = "its issuer certificate is not available (not in the signature, the database or at its AIA address)";
            r.problemId = "sertifikat penerbitnya tidak tersedia (tidak ada di tanda tangan, basis data, maupun alamat AIA-nya)";
            out.push_back(r);
            break;
        }

        // OCSP first (RFC 6960), from the AIA extension.
        std::string ocspProblem;
        if (UniquePortString loc{CERT_GetOCSPAuthorityInfoAccessLocation(cur.get())}) {
            const std::string url = loc.get();
            UniqueCertList list(CERT_NewCertList());
            CERT_AddCertToListTail(list.get(), CERT_DupCertificate(cur.get()));
            UniqueOcspRequest req(
                CERT_CreateOCSPRequest(list.get(), now, PR_FALSE, nullptr));
            UniqueItem enc(req ? CERT_EncodeOCSPRequest(nullptr, req.get(), nullptr) : nullptr);
            if (!enc) {
                ocspProblem = "OCSP request could not be built (" + errorName() + ")";
            } else if (!net::isHttpUrl(url)) {
                ocspProblem = "OCSP address " + url + " is not HTTP";
            } else {
                const Bytes reqDer = bytesOf(*enc);
                Fetched f = fetch(url, reqDer, "application/ocsp-request");
                if (!f.ok) {
                    ocspProblem = "OCSP " + url + " did not answer (" + f.error + ")";
                } else {
                    SECItem ri = itemOf(f.body);
                    UniqueOcspResponse resp(CERT_DecodeOCSPResponse(&ri));
                    CERTCertificate* responder = nullptr;
                    if (!resp) {
                        ocspProblem = "OCSP " + url + " sent no valid response (" + errorName() + ")";
                    } else if (CERT_GetOCSPResponseStatus(resp.get()) != SECSuccess) {
                        ocspProblem = "OCSP " + url + " answered with an error (" + errorName() + ")";
                    } else if (CERT_VerifyOCSPResponseSignature(resp.get(), db, nullptr, &responder, issuer.get()) !=
                               SECSuccess) {
                        ocspProblem = "the OCSP response from " + url + " is not signed by an authorised responder (" +
                                      errorName() + ")";
                    } else {
                        UniqueCert responderCert(responder);
                        UniqueOcspCertId id(CERT_CreateOCSPCertID(cur.get(), now));
                        SECStatus st = id ? CERT_GetOCSPStatusForCertID(db, resp.get(), id.get(), responder, now)
                                          : SECFailure;
                        const int err = PORT_GetError();
                        OcspSingle single = ocspStatusFor(f.body, bytesOf(cur->serialNumber));
                        if (st == SECSuccess) {
                            r.status = RevocationStatus::Good;
                        } else if (err == SEC_ERROR_REVOKED_CERTIFICATE) {
                            r.status = RevocationStatus::Revoked;
                            r.revokedAt = single.revokedAt;
                            r.reason = single.reason;
                        } else if (err == SEC_ERROR_OCSP_UNKNOWN_CERT) {
                            r.status = RevocationStatus::Unknown;
                        } else {
                            ocspProblem = "the OCSP response from " + url + " cannot be used (" + errorName() + ")";
                        }
                        if (ocspProblem.empty()) {
                            r.source = "OCSP";
                            if (r.status != RevocationStatus::Unknown)
                                r.ocsp = into.addOcsp(f.body);
                            // The responder's certificate helps a later validator (it carries ocsp-nocheck).
                            if (responderCert && !SECITEM_ItemsAreEqual(&responderCert->derCert, &issuer->derCert))
                                into.addCert(bytesOf(responderCert->derCert));
                        }
                    }
                }
            }
        } else {
            ocspProblem = "no OCSP address in the certificate";
        }

        // RFC 6960's "unknown" means the CA's responder does not know this
        // certificate: a CRL not listing it would be false comfort, so the
        // answer stands and no evidence is kept.
        if (r.status == RevocationStatus::Unknown) {
            r.problemEn = "the OCSP responder does not know this certificate (status unknown)";
            r.problemId = "responder OCSP tidak mengenal sertifikat ini (status unknown)";
        }

        // Otherwise the CRL (RFC 5280), from the distribution points.
        std::string crlProblem;
        if (r.source.empty()) {
            auto urls = crlUrls(cur.get());
            if (urls.empty())
                crlProblem = "no CRL address in the certificate";
            for (const std::string& url : urls) {
                Fetched f = fetch(url, "", "");
                if (!f.ok) {
                    crlProblem = "CRL " + url + " could not be fetched (" + f.error + ")";
                    continue;
                }
                SECItem ci = itemOf(f.body);
                UniqueCrl crl(CERT_DecodeDERCrl(nullptr, &ci, SEC_CRL_TYPE));
                if (!crl) {
                    crlProblem = "CRL " + url + " cannot be decoded (" + errorName() + ")";
                    continue;
                }
                if (SECITEM_CompareItem(&crl->crl.derName, &cur->derIssuer) != SECEqual) {
                    crlProblem = "CRL " + url + " is from another issuer";
                    continue;
                }
                if (CERT_VerifySignedData(&crl->signatureWrap, issuer.get(), now, nullptr) != SECSuccess) {
                    crlProblem = "CRL " + url + " is not signed by the issuer (" + errorName() + ")";
                    continue;
                }
                PRTime next = 0;
                if (crl->crl.nextUpdate.len && DER_DecodeTimeChoice(&next, &crl->crl.nextUpdate) == SECSuccess &&
                    next < now) {
                    crlProblem = "CRL " + url + " is out of date (next update " + isoTime(next) + ")";
                    continue;
                }
                r.status = RevocationStatus::Good;
                for (CERTCrlEntry** e = crl->crl.entries; e && *e; ++e) {
                    if (SECITEM_CompareItem(&(*e)->serialNumber, &cur->serialNumber) != SECEqual)
                        continue;
                    r.status = RevocationStatus::Revoked;
                    PRTime when = 0;
                    if (DER_DecodeTimeChoice(&when, &(*e)->revocationDate) == SECSuccess)
                        r.revokedAt = isoTime(when);
                    CERTCRLEntryReasonCode code = crlEntryReasonUnspecified;
                    CERT_FindCRLEntryReasonExten(*e, &code);
                    r.reason = crlReasonName(static_cast<int>(code));
                }
                r.source = "CRL";
                r.crl = into.addCrl(f.body);
                break;
            }
        }
        if (r.status == RevocationStatus::Unavailable) {
            r.problemEn = ocspProblem + "; " + crlProblem;
            r.problemId = "OCSP dan CRL tidak dapat dipakai (" + ocspProblem + "; " + crlProblem + ")";
        }
        out.push_back(r);
        cur = std::move(issuer);
    }
    return out;
}

std::optional<Bytes> signatureTimestampToken(const Bytes& cms)
{
    const auto sd = der::readSignedData(cms);
    if (!sd || sd->signerInfos.empty())
        return std::nullopt;
    const der::Attribute* a = sd->signerInfos[0].unsignedAttrs.find(der::kSignatureTimestampOid);
    if (!a || a->values.empty())
        return std::nullopt;
    return Bytes(a->values[0]);
}

Coverage offlineCoverage(const Bytes& leaf, const std::vector<Bytes>& certs, const std::vector<Bytes>& ocsps,
                         const std::vector<Bytes>& crls, bool verifyEvidence)
{
    Coverage cov;
    CERTCertDBHandle* db = CERT_GetDefaultCertDB();
    std::vector<UniqueCert> temps;
    for (const Bytes& b : certs) {
        SECItem it = itemOf(b);
        temps.emplace_back(CERT_NewTempCertificate(db, &it, nullptr, PR_FALSE, PR_TRUE));
    }
    std::vector<UniqueCrl> decoded;
    for (const Bytes& c : crls) {
        SECItem it = itemOf(c);
        if (CERTSignedCrl* crl = CERT_DecodeDERCrl(nullptr, &it, SEC_CRL_TYPE))
            decoded.emplace_back(crl);
    }
    SECItem li = itemOf(leaf);
    UniqueCert cur(CERT_NewTempCertificate(db, &li, nullptr, PR_FALSE, PR_TRUE));
    if (!cur) {
        cov.missing.push_back("?");
        return cov;
    }
    for (int depth = 0; depth < 10 && cur; ++depth) {
        if (cur->isRoot)
            break;
        UniqueCert issuer(CERT_FindCertIssuer(cur.get(), PR_Now(), certUsageAnyCA));
        if (!issuer) {
            cov.missing.push_back(displayName(cur.get()) + " (its issuer is unknown)");
            break;
        }
        // Evidence counts only when it verifies: an OCSP response signed by the
        // issuer or a responder it authorised (NSS, at the response's time), a
        // CRL signed by the issuer.
        bool covered = false;
        const Bytes serial = bytesOf(cur->serialNumber);
        for (const Bytes& o : ocsps) {
            OcspSingle single = ocspStatusFor(o, serial);
            if (single.status != RevocationStatus::Good && single.status != RevocationStatus::Revoked)
                continue;
            SECItem ri = itemOf(o);
            UniqueOcspResponse resp(CERT_DecodeOCSPResponse(&ri));
            CERTCertificate* responder = nullptr;
            if (verifyEvidence &&
                (!resp || CERT_GetOCSPResponseStatus(resp.get()) != SECSuccess ||
                 CERT_VerifyOCSPResponseSignature(resp.get(), db, nullptr, &responder, issuer.get()) != SECSuccess))
                continue;
            UniqueCert responderCert(responder);
            covered = true;
            if (single.status == RevocationStatus::Revoked)
                cov.revoked.push_back({displayName(cur.get()), single.revokedAt, single.reason});
        }
        for (const auto& crl : decoded) {
            if (SECITEM_CompareItem(&crl->crl.derName, &cur->derIssuer) != SECEqual ||
                (verifyEvidence &&
                 CERT_VerifySignedData(&crl->signatureWrap, issuer.get(), PR_Now(), nullptr) != SECSuccess))
                continue;
            covered = true;
            for (CERTCrlEntry** e = crl->crl.entries; e && *e; ++e) {
                if (SECITEM_CompareItem(&(*e)->serialNumber, &cur->serialNumber) != SECEqual)
                    continue;
                PRTime when = 0;
                DER_DecodeTimeChoice(&when, &(*e)->revocationDate);
                CERTCRLEntryReasonCode code = crlEntryReasonUnspecified;
                CERT_FindCRLEntryReasonExten(*e, &code);
                cov.revoked.push_back({displayName(cur.get()), isoTime(when), crlReasonName(static_cast<int>(code))});
            }
        }
        if (!covered)
            cov.missing.push_back(displayName(cur.get()));
        cur = std::move(issuer);
    }
    cov.complete = cov.missing.empty();
    return cov;
}

} // namespace bsre::crypto
