// Small conversions at the NSS boundary, one copy for the whole room.
#pragma once

#include "crypto/handles.hpp"
#include "crypto/signer.hpp"

#include <prerror.h>

#include <ctime>
#include <string>

namespace bsre::crypto {

// A view of bytes as an NSS item (NSS never writes through it here).
inline SECItem itemOf(const Bytes& b)
{
    return SECItem{siBuffer, reinterpret_cast<unsigned char*>(const_cast<char*>(b.data())),
                   static_cast<unsigned>(b.size())};
}

inline Bytes bytesOf(const SECItem& i) { return Bytes(reinterpret_cast<const char*>(i.data), i.len); }

// A PORT-allocated string, freed.
inline std::string owned(char* s)
{
    UniquePortString p(s);
    return p ? std::string(p.get()) : std::string();
}

inline std::string commonName(const CERTCertificate* c) { return owned(CERT_GetCommonName(&c->subject)); }
// The common name, else the whole subject (messages must name something).
inline std::string displayName(const CERTCertificate* c)
{
    std::string n = commonName(c);
    return n.empty() && c->subjectName ? c->subjectName : n;
}

// The name of NSS's last error ("SEC_ERROR_REVOKED_CERTIFICATE"), or `fallback`.
inline std::string errorName(const std::string& fallback = "unknown error")
{
    const char* n = PR_ErrorToName(PORT_GetError());
    return n ? n : fallback;
}

// An NSS database directory as NSS wants it: "sql:" is implied.
inline std::string databaseSpec(const std::string& dir)
{
    return dir.find(':') == std::string::npos ? "sql:" + dir : dir;
}

// An NSS context of our own (null when NSS refuses; the caller says why).
inline UniqueInitContext initContext(const std::string& spec, PRUint32 flags)
{
    NSSInitParameters params{};
    params.length = sizeof params;
    return UniqueInitContext(NSS_InitContext(spec.c_str(), "", "", "", &params, flags));
}

// A temporary certificate from DER (findable as an issuer while it lives); null when it does not decode.
inline UniqueCert tempCert(const Bytes& der)
{
    SECItem item = itemOf(der);
    return UniqueCert(CERT_NewTempCertificate(CERT_GetDefaultCertDB(), &item, nullptr, PR_FALSE, PR_TRUE));
}

// "SEC_ERROR_BAD_DATABASE (-8174)": the name and the number of NSS's last error.
inline std::string errorNameAndNumber() { return errorName("unknown") + " (" + std::to_string(PORT_GetError()) + ")"; }

// The name of NSS's last error, else "NSS error -8174".
inline std::string errorNameOrNumber()
{
    const PRErrorCode e = PORT_GetError();
    const char* n = PR_ErrorToName(e);
    return n ? n : "NSS error " + std::to_string(e);
}

// "2026-11-25T19:37:31Z"
inline std::string isoTime(PRTime t)
{
    std::time_t secs = static_cast<std::time_t>(t / PR_USEC_PER_SEC);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace bsre::crypto
