#include "office_nss.hpp"

#include "common/error.hpp"

#include <com/sun/star/xml/crypto/DigestID.hpp>
#include <com/sun/star/xml/crypto/XDigestContextSupplier.hpp>

#include <cstdlib>
#include <mutex>
#include <set>

namespace bsre::ext {

using namespace css;

namespace {

// NSS inside soffice belongs to LibreOffice (decision 6): ask its own
// initializer to bring it up from the Certificate Path setting.
void ensureNss(const uno::Reference<uno::XComponentContext>& ctx)
{
    try {
        uno::Reference<xml::crypto::XDigestContextSupplier> init(
            ctx->getServiceManager()->createInstanceWithContext("com.sun.star.xml.crypto.NSSInitializer", ctx),
            uno::UNO_QUERY_THROW);
        init->getDigestContext(xml::crypto::DigestID::SHA256, {});
    } catch (const uno::Exception& e) {
        fail(Code::TokenError, "LibreOffice's certificate system could not be started (" + fromU(e.Message) + ").",
             "Sistem sertifikat LibreOffice tidak dapat dijalankan (" + fromU(e.Message) + ").");
    }
}

// LibreOffice's Certificate Path: the environment override, else the option
// (Tools > Options > Security > Certificate).
std::string certificatePath(const uno::Reference<uno::XComponentContext>& ctx)
{
    if (const char* env = std::getenv("MOZILLA_CERTIFICATE_FOLDER"); env && *env)
        return env;
    try {
        return fromU(readConfigString(ctx, "/org.openoffice.Office.Common/Security/Scripting", "CertDir"));
    } catch (const uno::Exception&) {
        return {};
    }
}

} // namespace

crypto::Store& officeStore(const uno::Reference<uno::XComponentContext>& ctx,
                           const std::vector<std::string>& pkcs11Modules)
{
    // One Store for the process, never destroyed: NSS and its modules belong
    // to LibreOffice, and unloading at exit would race its own shutdown.
    static std::mutex m;
    static crypto::Store* s = nullptr;
    static std::set<std::string> loaded;
    std::lock_guard<std::mutex> lock(m);
    ensureNss(ctx);
    if (!s)
        s = crypto::Store::attach().release();
    s->ensureDatabase(certificatePath(ctx));
    // Recorded only once loaded: a module that failed (a wrong path, a
    // missing library) is tried again, and its error said again, next time.
    for (const std::string& mod : pkcs11Modules)
        if (!loaded.count(mod)) {
            s->loadModule(mod);
            loaded.insert(mod);
        }
    return *s;
}

} // namespace bsre::ext
