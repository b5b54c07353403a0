#include "crypto/digest.hpp"

#include "common/error.hpp"
#include "crypto/handles.hpp"

#include <secerr.h>

namespace bsre::crypto {

size_t digestLength(HashAlg a) noexcept
{
    switch (a) {
    case HashAlg::Sha384: return 48;
    case HashAlg::Sha512: return 64;
    default: return 32;
    }
}

const char* hashOid(HashAlg a) noexcept
{
    switch (a) {
    case HashAlg::Sha384: return "2.16.840.1.101.3.4.2.2";
    case HashAlg::Sha512: return "2.16.840.1.101.3.4.2.3";
    default: return "2.16.840.1.101.3.4.2.1";
    }
}

const char* hashName(HashAlg a) noexcept
{
    switch (a) {
    case HashAlg::Sha384: return "SHA-384";
    case HashAlg::Sha512: return "SHA-512";
    default: return "SHA-256";
    }
}

HashAlg hashForKey(KeyType type, int bits) noexcept
{
    if (type == KeyType::Ec)
        return bits > 384 ? HashAlg::Sha512 : bits > 256 ? HashAlg::Sha384 : HashAlg::Sha256;
    return bits > 3072 ? HashAlg::Sha512 : HashAlg::Sha256;
}

static SECOidTag tagOf(HashAlg a)
{
    switch (a) {
    case HashAlg::Sha384: return SEC_OID_SHA384;
    case HashAlg::Sha512: return SEC_OID_SHA512;
    default: return SEC_OID_SHA256;
    }
}

struct Digest::Impl {
    HashAlg alg;
    UniqueDigestContext ctx;
};

Digest::Digest(HashAlg alg) : impl_(std::make_unique<Impl>())
{
    impl_->alg = alg;
    impl_->ctx.reset(PK11_CreateDigestContext(tagOf(alg)));
    if (!impl_->ctx || PK11_DigestBegin(impl_->ctx.get()) != SECSuccess)
        fail(Code::Internal, "The hash function is not available (NSS not initialised?).",
             "Fungsi hash tidak tersedia (NSS belum diinisialisasi?).");
}

Digest::~Digest() = default;

void Digest::update(std::string_view data)
{
    // PK11_DigestOp takes an unsigned length; feed large inputs in chunks.
    constexpr size_t chunk = 1u << 30;
    while (!data.empty()) {
        size_t n = std::min(chunk, data.size());
        if (PK11_DigestOp(impl_->ctx.get(), reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<unsigned>(n)) != SECSuccess)
            fail(Code::Internal, "Hashing failed.", "Proses hash gagal.");
        data.remove_prefix(n);
    }
}

Bytes Digest::finish()
{
    Bytes out(digestLength(impl_->alg), '\0');
    unsigned len = 0;
    if (PK11_DigestFinal(impl_->ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                         static_cast<unsigned>(out.size())) != SECSuccess)
        fail(Code::Internal, "Hashing failed.", "Proses hash gagal.");
    out.resize(len);
    return out;
}

Bytes hash(HashAlg alg, std::string_view data)
{
    Digest d(alg);
    d.update(data);
    return d.finish();
}

} // namespace bsre::crypto

namespace bsre::crypto {
Bytes sha1(std::string_view data)
{
    unsigned char out[20];
    if (PK11_HashBuf(SEC_OID_SHA1, out, reinterpret_cast<const unsigned char*>(data.data()),
                     static_cast<PRInt32>(data.size())) != SECSuccess)
        fail(Code::Internal, "SHA-1 failed.", "SHA-1 gagal.");
    return Bytes(reinterpret_cast<const char*>(out), sizeof out);
}
} // namespace bsre::crypto

namespace bsre::crypto {

struct Sha256Many::Impl {
    UniqueHashContext ctx;
};

Sha256Many::Sha256Many() : impl_(std::make_unique<Impl>())
{
    impl_->ctx.reset(HASH_Create(HASH_AlgSHA256));
    if (!impl_->ctx)
        fail(Code::Internal, "The hash function is not available (NSS not initialised?).",
             "Fungsi hash tidak tersedia (NSS belum diinisialisasi?).");
}

Sha256Many::~Sha256Many() = default;

Bytes Sha256Many::operator()(std::string_view data)
{
    unsigned char out[32];
    unsigned len = 0;
    HASH_Begin(impl_->ctx.get());
    HASH_Update(impl_->ctx.get(), reinterpret_cast<const unsigned char*>(data.data()), static_cast<unsigned>(data.size()));
    HASH_End(impl_->ctx.get(), out, &len, sizeof out);
    return Bytes(reinterpret_cast<const char*>(out), len);
}

} // namespace bsre::crypto
