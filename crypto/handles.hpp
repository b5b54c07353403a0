// RAII for NSS handles: no raw handle lives in a member, no cleanup by hand.
#pragma once

#include <cert.h>
#include <keyhi.h>
#include <pk11pub.h>
#include <secmod.h>

#include <memory>

namespace bsre::crypto {

template <auto F>
struct NssFree {
    template <class T>
    void operator()(T* p) const noexcept
    {
        if (p)
            F(p);
    }
};

inline void freeCertList(CERTCertList* l) { CERT_DestroyCertList(l); }
inline void freeSlot(PK11SlotInfo* s) { PK11_FreeSlot(s); }
inline void freeChain(CERTCertificateList* l) { CERT_DestroyCertificateList(l); }
inline void freePort(char* p) { PORT_Free(p); }
inline void freeDigest(PK11Context* c) { PK11_DestroyContext(c, PR_TRUE); }
inline void freeArena(PLArenaPool* a) { PORT_FreeArena(a, PR_FALSE); }

using UniqueCert = std::unique_ptr<CERTCertificate, NssFree<CERT_DestroyCertificate>>;
using UniqueCertList = std::unique_ptr<CERTCertList, NssFree<freeCertList>>;
using UniquePrivateKey = std::unique_ptr<SECKEYPrivateKey, NssFree<SECKEY_DestroyPrivateKey>>;
using UniquePublicKey = std::unique_ptr<SECKEYPublicKey, NssFree<SECKEY_DestroyPublicKey>>;
using UniqueSlot = std::unique_ptr<PK11SlotInfo, NssFree<freeSlot>>;
using UniqueChain = std::unique_ptr<CERTCertificateList, NssFree<freeChain>>;
using UniquePortString = std::unique_ptr<char, NssFree<freePort>>;
using UniqueDigestContext = std::unique_ptr<PK11Context, NssFree<freeDigest>>;
using UniqueArena = std::unique_ptr<PLArenaPool, NssFree<freeArena>>;

} // namespace bsre::crypto
