// The component's only exported entry point (everything else is hidden).
#include "options_handler.hpp"
#include "protocol_handler.hpp"
#include "signer_service.hpp"

#include <cppuhelper/factory.hxx>
#include <cppuhelper/implementationentry.hxx>

using namespace com::sun::star;
using rtl::OUString;

namespace {

uno::Reference<uno::XInterface> SAL_CALL createSigner(const uno::Reference<uno::XComponentContext>& ctx)
{
    return static_cast<cppu::OWeakObject*>(new bsre::ext::SignerService(ctx));
}

uno::Reference<uno::XInterface> SAL_CALL createHandler(const uno::Reference<uno::XComponentContext>& ctx)
{
    return static_cast<cppu::OWeakObject*>(new bsre::ext::ProtocolHandler(ctx));
}

uno::Reference<uno::XInterface> SAL_CALL createOptions(const uno::Reference<uno::XComponentContext>& ctx)
{
    return static_cast<cppu::OWeakObject*>(new bsre::ext::OptionsHandler(ctx));
}

OUString optionsName() { return bsre::ext::OptionsHandler::implementationName(); }
uno::Sequence<OUString> optionsServices() { return bsre::ext::OptionsHandler::serviceNames(); }
OUString signerName() { return bsre::ext::SignerService::implementationName(); }
uno::Sequence<OUString> signerServices() { return bsre::ext::SignerService::serviceNames(); }
OUString handlerName() { return bsre::ext::ProtocolHandler::implementationName(); }
uno::Sequence<OUString> handlerServices() { return bsre::ext::ProtocolHandler::serviceNames(); }

const cppu::ImplementationEntry entries[] = {
    {createSigner, signerName, signerServices, cppu::createSingleComponentFactory, nullptr, 0},
    {createHandler, handlerName, handlerServices, cppu::createSingleComponentFactory, nullptr, 0},
    {createOptions, optionsName, optionsServices, cppu::createSingleComponentFactory, nullptr, 0},
    {nullptr, nullptr, nullptr, nullptr, nullptr, 0},
};

} // namespace

extern "C" SAL_DLLPUBLIC_EXPORT void* component_getFactory(const char* implName, void* serviceManager, void* registryKey)
{
    return cppu::component_getFactoryHelper(implName, serviceManager, registryKey, entries);
}
