#include "crypto/store.hpp"

#include "crypto/digest.hpp"
#include "crypto/handles.hpp"
#include "crypto/nss_util.hpp"

#include "common/secret.hpp"

#include <atomic>
#include <nss.h>
#include <prerror.h>
#include <prtime.h>
#include <cryptohi.h>
#include <secerr.h>

#include <algorithm>
#include <cstring>
#include "common/hex.hpp"

#include <ctime>
#include <map>
#include <mutex>

namespace bsre::crypto {

std::string hexUpper(std::string_view bytes) { return hex(bytes, true); }

namespace {

Bytes der(const CERTCertificate* c) { return bytesOf(c->derCert); }

std::string tokenName(const CERTCertificate* c)
{
    if (c->slot)
        return PK11_GetTokenName(c->slot);
    return "NSS Certificate DB";
}

std::string normaliseSelector(const std::string& s)
{
    std::string hex;
    for (char c : s) {
        if (c == ':' || c == ' ')
            continue;
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return {};
        hex += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return hex.size() == 64 ? hex : std::string();
}

struct Problem {
    Code code;
    std::string en, id;
};

// Why this certificate cannot sign, in the order a person would fix things.
std::optional<Problem> problemOf(CERTCertificate* c, bool hasKey)
{
    PRTime nb = 0, na = 0;
    CERT_GetCertTimes(c, &nb, &na);
    switch (CERT_CheckCertValidTimes(c, PR_Now(), PR_FALSE)) {
    case secCertTimeExpired:
        return Problem{Code::CertExpired, "The certificate expired on " + isoTime(na) + ".",
                       "Sertifikat kedaluwarsa sejak " + isoTime(na) + "."};
    case secCertTimeNotValidYet:
        return Problem{Code::CertNotYetValid, "The certificate is not valid until " + isoTime(nb) + ".",
                       "Sertifikat belum berlaku sampai " + isoTime(nb) + "."};
    default: break;
    }
    if (c->keyUsagePresent && !(c->keyUsage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)))
        return Problem{Code::CertNoSigningUsage,
                       "The certificate is not for signing (its key usage has neither digitalSignature nor nonRepudiation).",
                       "Sertifikat tidak untuk penandatanganan (penggunaan kuncinya bukan digitalSignature maupun nonRepudiation)."};
    if (!hasKey)
        return Problem{Code::KeyMissing, "There is no private key for this certificate in the database or on a token.",
                       "Tidak ada kunci privat untuk sertifikat ini di basis data maupun di token."};
    SECCertificateUsage usages = 0;
    if (CERT_VerifyCertificate(CERT_GetDefaultCertDB(), c, PR_TRUE, certificateUsageEmailSigner, PR_Now(), nullptr,
                               nullptr, &usages) != SECSuccess) {
        PRErrorCode e = PORT_GetError();
        // Key usage was judged above; an extended key usage other than
        // emailProtection does not make the chain untrusted.
        if (e != SEC_ERROR_INADEQUATE_CERT_TYPE && e != SEC_ERROR_INADEQUATE_KEY_USAGE)
            return Problem{Code::CertUntrusted,
                           "The certificate's chain is not trusted in this database (" + errorNameAndNumber() + ").",
                           "Rantai sertifikat tidak dipercaya di basis data ini (" + errorNameAndNumber() + ")."};
    }
    return std::nullopt;
}

CertInfo describe(CERTCertificate* c, bool hasKey)
{
    CertInfo i;
    i.fingerprint = hexUpper(hash(HashAlg::Sha256, der(c)));
    i.nickname = c->nickname ? c->nickname : "";
    i.commonName = owned(CERT_GetCommonName(&c->subject));
    i.organisation = owned(CERT_GetOrgName(&c->subject));
    const char* email = CERT_GetFirstEmailAddress(c);
    i.email = email ? email : "";
    i.subject = c->subjectName ? c->subjectName : "";
    i.issuer = c->issuerName ? c->issuerName : "";
    PRTime nb = 0, na = 0;
    CERT_GetCertTimes(c, &nb, &na);
    i.notBefore = isoTime(nb);
    i.notAfter = isoTime(na);
    i.token = tokenName(c);
    i.hasKey = hasKey;
    if (auto p = problemOf(c, hasKey)) {
        i.problem = p->code;
        i.problemEn = p->en;
        i.problemId = p->id;
    }
    i.usable = !i.problem;
    return i;
}

class NssSigner final : public Signer {
public:
    NssSigner(UniqueCert cert, UniquePrivateKey key) : cert_(std::move(cert)), key_(std::move(key))
    {
        cert_der_ = der(cert_.get());
        UniqueChain chain(CERT_CertChainFromCert(cert_.get(), certUsageEmailSigner, PR_FALSE));
        if (chain) // first entry is the signer itself; the root is excluded
            for (int k = 1; k < chain->len; ++k)
                chain_.emplace_back(reinterpret_cast<const char*>(chain->certs[k].data), chain->certs[k].len);
        UniquePublicKey pub(CERT_ExtractPublicKey(cert_.get()));
        type_ = SECKEY_GetPrivateKeyType(key_.get()) == ecKey ? KeyType::Ec : KeyType::Rsa;
        bits_ = pub ? static_cast<int>(SECKEY_PublicKeyStrengthInBits(pub.get())) : 2048;
        hash_ = hashForKey(type_, bits_);
    }
    const Bytes& certificate() const override { return cert_der_; }
    const std::vector<Bytes>& chain() const override { return chain_; }
    std::string commonName() const override { return owned(CERT_GetCommonName(&cert_->subject)); }
    KeyType keyType() const override { return type_; }
    int keyBits() const override { return bits_; }
    HashAlg hashAlg() const override { return hash_; }
    size_t maxSignatureSize() const override { return crypto::maxSignatureSize(type_, bits_); }
    Bytes sign(std::string_view data) override
    {
        SECOidTag alg;
        if (type_ == KeyType::Ec)
            alg = hash_ == HashAlg::Sha384   ? SEC_OID_ANSIX962_ECDSA_SHA384_SIGNATURE
                  : hash_ == HashAlg::Sha512 ? SEC_OID_ANSIX962_ECDSA_SHA512_SIGNATURE
                                             : SEC_OID_ANSIX962_ECDSA_SHA256_SIGNATURE;
        else
            alg = hash_ == HashAlg::Sha384   ? SEC_OID_PKCS1_SHA384_WITH_RSA_ENCRYPTION
                  : hash_ == HashAlg::Sha512 ? SEC_OID_PKCS1_SHA512_WITH_RSA_ENCRYPTION
                                             : SEC_OID_PKCS1_SHA256_WITH_RSA_ENCRYPTION;
        ItemData out;
        ++ops_;
        // SEC_SignData hashes, signs once and DER-encodes ECDSA (r, s).
        if (SEC_SignData(out.out(), reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()),
                         key_.get(), alg) != SECSuccess) {
            PRErrorCode e = PORT_GetError();
            std::string n = errorNameAndNumber();
            if (e == SEC_ERROR_NO_TOKEN || (key_->pkcs11Slot && !PK11_IsPresent(key_->pkcs11Slot)))
                fail(Code::TokenRemoved,
                     "The token was removed before it could sign (" + n +
                         "); nothing was signed or written. Insert it again and sign again.",
                     "Token dicabut sebelum sempat menandatangani (" + n +
                         "); tidak ada yang ditandatangani atau ditulis. Pasang kembali token lalu tandatangani lagi.");
            if (e == SEC_ERROR_TOKEN_NOT_LOGGED_IN || e == SEC_ERROR_PKCS11_DEVICE_ERROR)
                fail(Code::TokenError, "The token refused to sign (" + n + "); was it removed?",
                     "Token menolak menandatangani (" + n + "); apakah token dicabut?");
            fail(Code::TokenError, "Signing with the private key failed (" + n + ").",
                 "Penandatanganan dengan kunci privat gagal (" + n + ").");
        }
        return bytesOf(out.get());
    }
    int operations() const override { return ops_; }
    bool concurrent() const override { return key_->pkcs11Slot && PK11_IsInternal(key_->pkcs11Slot); }

private:
    UniqueCert cert_;
    UniquePrivateKey key_;
    Bytes cert_der_;
    std::vector<Bytes> chain_;
    KeyType type_ = KeyType::Rsa;
    int bits_ = 0;
    HashAlg hash_ = HashAlg::Sha256;
    std::atomic<int> ops_{0};
};

// NSS must never prompt on its own: we log in explicitly with the PIN the
// caller gave us (the CLI only; inside soffice LibreOffice owns this callback).
char* noPrompt(PK11SlotInfo*, PRBool, void*) { return nullptr; }

void login(PK11SlotInfo* slot, const PinProvider& pinProvider, bool everyTime)
{
    if (!PK11_NeedLogin(slot) || (!everyTime && PK11_IsLoggedIn(slot, nullptr)))
        return;
    std::string token = PK11_GetTokenName(slot);
    CK_TOKEN_INFO info{};
    if (PK11_GetTokenInfo(slot, &info) == SECSuccess && (info.flags & CKF_USER_PIN_LOCKED))
        fail(Code::TokenLocked, "The token \"" + token + "\" is locked after too many wrong PINs; ask IT to unlock it.",
             "Token \"" + token + "\" terkunci karena terlalu banyak PIN salah; minta TI untuk membukanya.");
    std::optional<std::string> pin = pinProvider ? pinProvider(token) : std::nullopt;
    WipeAtExit wipePin{pin};
    if (!pin)
        fail(Code::BadPin, "The token \"" + token + "\" needs a PIN and none was given.",
             "Token \"" + token + "\" memerlukan PIN dan PIN tidak diberikan.");
    // PK11_CheckUserPassword logs out first, so a wrong PIN fails even when
    // an earlier signature left the token logged in.
    SECStatus rv = PK11_CheckUserPassword(slot, pin->c_str());
    PRErrorCode err = PORT_GetError();
    wipe(pin);
    if (rv == SECSuccess)
        return;
    CK_TOKEN_INFO after{};
    bool haveInfo = PK11_GetTokenInfo(slot, &after) == SECSuccess;
    if (err == SEC_ERROR_LOCKED_PASSWORD || (haveInfo && (after.flags & CKF_USER_PIN_LOCKED)))
        fail(Code::TokenLocked, "The token \"" + token + "\" is now locked after too many wrong PINs; ask IT to unlock it.",
             "Token \"" + token + "\" sekarang terkunci karena terlalu banyak PIN salah; minta TI untuk membukanya.");
    if (err == SEC_ERROR_BAD_PASSWORD) {
        std::string en = "Wrong PIN for the token \"" + token + "\"; ";
        std::string id = "PIN salah untuk token \"" + token + "\"; ";
        if (haveInfo && (after.flags & CKF_USER_PIN_FINAL_TRY)) {
            en += "one try left before it locks.";
            id += "sisa percobaan: satu kali sebelum terkunci.";
        } else if (haveInfo && (after.flags & CKF_USER_PIN_COUNT_LOW)) {
            en += "few tries left before it locks.";
            id += "sisa percobaan tinggal sedikit sebelum terkunci.";
        } else {
            en += "the token does not say how many tries are left.";
            id += "token tidak memberi tahu sisa percobaan.";
        }
        fail(Code::BadPin, en, id);
    }
    fail(Code::TokenError, "Logging in to the token \"" + token + "\" failed (" + errorNameAndNumber() + ").",
         "Masuk ke token \"" + token + "\" gagal (" + errorNameAndNumber() + ").");
}

} // namespace

struct Store::Impl {
    UniqueInitContext ctx; // ours to shut down (CLI only)
    std::vector<UniqueLoadedModule> modules;
    // The DER of every certificate the last listing saw, by fingerprint: a
    // listing walks every certificate of every token (the built-in roots
    // too, some 150 inside soffice), finding one by its DER does not.
    mutable std::mutex seenMutex;
    mutable std::map<std::string, Bytes> seenDer;
    bool databaseReady = false; // ensureDatabase found or opened it once

    // The modules are unloaded before the context that loaded them shuts down.
    ~Impl() { modules.clear(); }

    // Every certificate NSS can see, one entry per certificate (several
    // tokens may hold the same one), with whether a key belongs to it.
    std::vector<std::pair<UniqueCert, bool>> all() const
    {
        std::map<std::string, bool> withKey;
        if (UniqueCertList users{PK11_ListCerts(PK11CertListUser, nullptr)})
            for (auto* n = CERT_LIST_HEAD(users.get()); !CERT_LIST_END(n, users.get()); n = CERT_LIST_NEXT(n))
                withKey[der(n->cert)] = true;
        std::vector<std::pair<UniqueCert, bool>> out;
        std::map<std::string, size_t> seen;
        UniqueCertList list{PK11_ListCerts(PK11CertListAll, nullptr)};
        if (!list)
            return out;
        for (auto* n = CERT_LIST_HEAD(list.get()); !CERT_LIST_END(n, list.get()); n = CERT_LIST_NEXT(n)) {
            if (CERT_IsCACert(n->cert, nullptr))
                continue;
            Bytes d = der(n->cert);
            bool key = withKey.count(d) > 0;
            auto it = seen.find(d);
            if (it != seen.end()) {
                if (key && !out[it->second].second) // prefer the entry on the key's token
                    out[it->second] = {UniqueCert(CERT_DupCertificate(n->cert)), true};
                continue;
            }
            seen[d] = out.size();
            out.emplace_back(UniqueCert(CERT_DupCertificate(n->cert)), key);
        }
        std::lock_guard<std::mutex> hold(seenMutex);
        for (const auto& [d, i] : seen)
            seenDer[hexUpper(hash(HashAlg::Sha256, d))] = d;
        return out;
    }

    // The certificate a selector names (fingerprint or nickname) and whether
    // a key for it is visible; null when none matches.
    std::pair<UniqueCert, bool> select(const std::string& selector) const
    {
        const std::string fp = normaliseSelector(selector);
        if (UniqueCert c = withVisibleKey(fp))
            return {std::move(c), true};
        for (auto& [cert, key] : all())
            if (fp.empty() ? (cert->nickname && selector == cert->nickname)
                           : hexUpper(hash(HashAlg::Sha256, der(cert.get()))) == fp)
                return {std::move(cert), key};
        return {nullptr, false};
    }

    // The certificate with this fingerprint, found by the DER a listing saw,
    // when a private key for it is visible now; else null (the caller lists,
    // which also finds keys that a token shows only after its login).
    UniqueCert withVisibleKey(const std::string& fingerprint) const
    {
        Bytes d;
        {
            std::lock_guard<std::mutex> hold(seenMutex);
            auto it = seenDer.find(fingerprint);
            if (it == seenDer.end())
                return nullptr;
            d = it->second;
        }
        SECItem item{siBuffer, reinterpret_cast<unsigned char*>(d.data()), static_cast<unsigned>(d.size())};
        UniqueCert c(CERT_FindCertByDERCert(CERT_GetDefaultCertDB(), &item));
        if (!c || CERT_IsCACert(c.get(), nullptr) || !UniqueSlot(PK11_KeyForCertExists(c.get(), nullptr, nullptr)))
            return nullptr;
        return c;
    }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::open(const std::string& dir)
{
    auto impl = std::make_unique<Impl>();
    impl->ctx = initContext(databaseSpec(dir), NSS_INIT_READONLY | NSS_INIT_OPTIMIZESPACE);
    if (!impl->ctx)
        fail(Code::CertNotFound, "The certificate database in " + dir + " could not be opened (" + errorNameAndNumber() + ").",
             "Basis data sertifikat di " + dir + " tidak dapat dibuka (" + errorNameAndNumber() + ").");
    PK11_SetPasswordFunc(noPrompt);
    return std::unique_ptr<Store>(new Store(std::move(impl)));
}

std::unique_ptr<Store> Store::attach()
{
    if (!NSS_IsInitialized())
        fail(Code::Internal, "The certificate system (NSS) is not initialised.",
             "Sistem sertifikat (NSS) belum diinisialisasi.");
    auto s = std::unique_ptr<Store>(new Store(std::make_unique<Impl>()));
    s->setPinEverySignature(true);
    return s;
}

bool Store::ensureDatabase(const std::string& dir)
{
    static const char* kLabel = "LibreOffice certificates";
    if (impl_->databaseReady) // LibreOffice keeps NSS up for the whole session
        return false;
    // NSS_NoDB_Init leaves an internal slot named like a database but empty;
    // an empty internal slot is taken as "no database" (opening a real but
    // empty one again as an extra slot is harmless).
    bool haveDb = false;
    if (UniqueSlot internal{PK11_GetInternalKeySlot()}) {
        UniqueCertList certs(PK11_ListCertsInSlot(internal.get()));
        haveDb = certs && !CERT_LIST_EMPTY(certs.get());
    }
    if (UniqueSlotList all{PK11_GetAllTokens(CKM_INVALID_MECHANISM, PR_FALSE, PR_FALSE, nullptr)})
        for (PK11SlotListElement* e = PK11_GetFirstSafe(all.get()); e; e = PK11_GetNextSafe(all.get(), e, PR_FALSE))
            if (std::string(PK11_GetTokenName(e->slot)) == kLabel)
                haveDb = true;
    if (haveDb || dir.empty()) {
        impl_->databaseReady = haveDb;
        return false;
    }
    std::string spec = "configdir='" + databaseSpec(dir) +
                       "' tokenDescription='" + kLabel + "' flags=readOnly";
    UniqueSlot slot(SECMOD_OpenUserDB(spec.c_str()));
    if (!slot)
        fail(Code::TokenError, "The certificate database " + dir + " could not be opened (" + errorNameAndNumber() + ").",
             "Basis data sertifikat " + dir + " tidak dapat dibuka (" + errorNameAndNumber() + ").");
    impl_->databaseReady = true;
    return true;
}

void Store::loadModule(const std::string& libraryPath)
{
    std::string name = "bsre-module-" + std::to_string(impl_->modules.size());
    std::string spec = "name=\"" + name + "\" library=\"" + libraryPath + "\"";
    UniqueModuleRef m(SECMOD_LoadUserModule(spec.data(), nullptr, PR_FALSE));
    if (!m || !m->loaded)
        fail(Code::TokenError, "The PKCS#11 module " + libraryPath + " could not be loaded (" + errorNameAndNumber() + ").",
             "Modul PKCS#11 " + libraryPath + " tidak dapat dimuat (" + errorNameAndNumber() + ").");
    impl_->modules.push_back(UniqueLoadedModule(m.release()));
}

std::vector<CertInfo> Store::list() const
{
    std::vector<CertInfo> out;
    for (auto& [cert, key] : impl_->all())
        out.push_back(describe(cert.get(), key));
    std::sort(out.begin(), out.end(), [](const CertInfo& a, const CertInfo& b) {
        return std::tie(b.usable, a.commonName, a.fingerprint) < std::tie(a.usable, b.commonName, b.fingerprint);
    });
    return out;
}

std::optional<CertInfo> Store::find(const std::string& selector) const
{
    const std::string fp = normaliseSelector(selector);
    if (UniqueCert c = impl_->withVisibleKey(fp))
        return describe(c.get(), true);
    for (CertInfo& c : list())
        if (c.fingerprint == fp || (!c.nickname.empty() && c.nickname == selector))
            return std::move(c);
    return std::nullopt;
}

std::unique_ptr<Signer> Store::signer(const std::string& selector, const PinProvider& pin) const
{
    auto [chosen, hasKey] = impl_->select(selector);
    if (!chosen)
        fail(Code::CertNotFound, "No certificate matches \"" + selector + "\"; list them with: bsre-sign certs.",
             "Tidak ada sertifikat yang cocok dengan \"" + selector + "\"; lihat daftarnya dengan: bsre-sign certs.");
    // A key may be private to a token that needs a login to show it.
    PK11SlotInfo* checkedSlot = nullptr;
    if (!hasKey && chosen->slot && PK11_NeedLogin(chosen->slot) && !PK11_IsLoggedIn(chosen->slot, nullptr)) {
        login(chosen->slot, pin, pinEverySignature_);
        checkedSlot = chosen->slot;
        UniquePrivateKey probe(PK11_FindKeyByAnyCert(chosen.get(), nullptr));
        hasKey = probe != nullptr;
    }
    if (auto p = problemOf(chosen.get(), hasKey))
        fail(p->code, p->en, p->id);
    UniqueSlot keySlot(PK11_KeyForCertExists(chosen.get(), nullptr, nullptr));
    PK11SlotInfo* loginSlot = keySlot ? keySlot.get() : chosen->slot;
    if (loginSlot != checkedSlot) // the PIN was checked above already
        login(loginSlot, pin, pinEverySignature_);
    UniquePrivateKey key(PK11_FindKeyByAnyCert(chosen.get(), nullptr));
    if (!key)
        fail(Code::KeyMissing, "The private key of this certificate could not be found (" + errorNameAndNumber() + ").",
             "Kunci privat sertifikat ini tidak ditemukan (" + errorNameAndNumber() + ").");
    return std::make_unique<NssSigner>(std::move(chosen), std::move(key));
}

} // namespace bsre::crypto
