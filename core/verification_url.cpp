#include "core/verification_url.hpp"

#include "common/atomic_file.hpp"
#include "crypto/digest.hpp"
#include "crypto/store.hpp"

namespace bsre {

namespace {

void replaceAll(std::string& s, const std::string& key, const std::string& value)
{
    for (size_t at = 0; (at = s.find(key, at)) != std::string::npos; at += value.size())
        s.replace(at, key.size(), value);
}

} // namespace

std::string verificationUrl(std::string templ, const std::string& fileName, const std::string& pdfPath)
{
    replaceAll(templ, "{file}", fileName);
    if (templ.find("{sha256}") != std::string::npos)
        replaceAll(templ, "{sha256}", crypto::hexUpper(crypto::hash(crypto::HashAlg::Sha256, readFile(pdfPath))));
    return templ;
}

} // namespace bsre
