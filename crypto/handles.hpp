// RAII for NSS handles: no raw handle lives in a member, no cleanup by hand.
// Every deleter of the crypto room is here, one line each.
#pragma once

#include <cert.h>
#include <certdb.h>
#include <cms.h>
#include <keyhi.h>
#include <nss.h>
#include <ocsp.h>
#include <pk11pub.h>
#include <sechash.h>
#include <secitem.h>
#include <secmod.h>

#include "common/unique_handle.hpp"

#include <memory>

namespace bsre::crypto {

template <auto F>
using NssFree = bsre::FreeWith<F>;

inline void freeCertList(CERTCertList* l) { CERT_DestroyCertList(l); }
inline void freeSlot(PK11SlotInfo* s) { PK11_FreeSlot(s); }
inline void freeSlotList(PK11SlotList* l) { PK11_FreeSlotList(l); }
inline void freeChain(CERTCertificateList* l) { CERT_DestroyCertificateList(l); }
inline void freePort(char* p) { PORT_Free(p); }
inline void freeDigest(PK11Context* c) { PK11_DestroyContext(c, PR_TRUE); }
inline void freeHash(HASHContext* c) { HASH_Destroy(c); }
inline void freeArena(PLArenaPool* a) { PORT_FreeArena(a, PR_FALSE); }
inline void freeItem(SECItem* i) { SECITEM_FreeItem(i, PR_TRUE); }
inline void freeOidSequence(CERTOidSequence* s) { CERT_DestroyOidSequence(s); }
inline void freeCmsMessage(NSSCMSMessage* m) { NSS_CMSMessage_Destroy(m); }
inline void freeOcspRequest(CERTOCSPRequest* r) { CERT_DestroyOCSPRequest(r); }
inline void freeOcspResponse(CERTOCSPResponse* r) { CERT_DestroyOCSPResponse(r); }
inline void freeOcspCertId(CERTOCSPCertID* id) { CERT_DestroyOCSPCertID(id); }
inline void freeCrl(CERTSignedCrl* c) { SEC_DestroyCrl(c); }
inline void shutdownContext(NSSInitContext* c) { NSS_ShutdownContext(c); }
inline void releaseModule(SECMODModule* m) { SECMOD_DestroyModule(m); }
// A module we loaded for this process: unloaded, then our reference dropped.
inline void unloadModule(SECMODModule* m)
{
    SECMOD_UnloadUserModule(m);
    SECMOD_DestroyModule(m);
}

using UniqueCert = std::unique_ptr<CERTCertificate, NssFree<CERT_DestroyCertificate>>;
using UniqueCertList = std::unique_ptr<CERTCertList, NssFree<freeCertList>>;
using UniquePrivateKey = std::unique_ptr<SECKEYPrivateKey, NssFree<SECKEY_DestroyPrivateKey>>;
using UniquePublicKey = std::unique_ptr<SECKEYPublicKey, NssFree<SECKEY_DestroyPublicKey>>;
using UniqueSlot = std::unique_ptr<PK11SlotInfo, NssFree<freeSlot>>;
using UniqueSlotList = std::unique_ptr<PK11SlotList, NssFree<freeSlotList>>;
using UniqueChain = std::unique_ptr<CERTCertificateList, NssFree<freeChain>>;
using UniquePortString = std::unique_ptr<char, NssFree<freePort>>;
using UniqueDigestContext = std::unique_ptr<PK11Context, NssFree<freeDigest>>;
using UniqueHashContext = std::unique_ptr<HASHContext, NssFree<freeHash>>;
using UniqueArena = std::unique_ptr<PLArenaPool, NssFree<freeArena>>;
// A SECItem NSS allocated itself (arena null): the item and its data.
using UniqueItem = std::unique_ptr<SECItem, NssFree<freeItem>>;
using UniqueOidSequence = std::unique_ptr<CERTOidSequence, NssFree<freeOidSequence>>;
using UniqueCmsMessage = std::unique_ptr<NSSCMSMessage, NssFree<freeCmsMessage>>;
using UniqueOcspRequest = std::unique_ptr<CERTOCSPRequest, NssFree<freeOcspRequest>>;
using UniqueOcspResponse = std::unique_ptr<CERTOCSPResponse, NssFree<freeOcspResponse>>;
using UniqueOcspCertId = std::unique_ptr<CERTOCSPCertID, NssFree<freeOcspCertId>>;
using UniqueCrl = std::unique_ptr<CERTSignedCrl, NssFree<freeCrl>>;
using UniqueInitContext = std::unique_ptr<NSSInitContext, NssFree<shutdownContext>>;
// SECMOD_LoadUserModule's answer before we know the module loaded.
using UniqueModuleRef = std::unique_ptr<SECMODModule, NssFree<releaseModule>>;
using UniqueLoadedModule = std::unique_ptr<SECMODModule, NssFree<unloadModule>>;

// The data NSS puts into a SECItem of ours (an extension value, a signature):
// the SECItem lives here, its data is freed with it.
class ItemData {
public:
    ItemData() = default;
    ~ItemData() { SECITEM_FreeItem(&item_, PR_FALSE); }
    ItemData(const ItemData&) = delete;
    ItemData& operator=(const ItemData&) = delete;
    SECItem* out() noexcept { return &item_; }
    SECItem& get() noexcept { return item_; } // NSS's decoders take a non-const item
    const SECItem& get() const noexcept { return item_; }

private:
    SECItem item_{siBuffer, nullptr, 0};
};

} // namespace bsre::crypto
