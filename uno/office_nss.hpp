// NSS inside soffice: it belongs to LibreOffice (decision 6), so the
// extension asks LibreOffice to start it and only adds to it.
#pragma once

#include "uno_util.hpp"

#include "crypto/store.hpp"

#include <string>
#include <vector>

namespace bsre::ext {

// The process's one Store: NSS brought up by LibreOffice's NSSInitializer,
// LibreOffice's Certificate Path opened when its export started NSS without
// it, and the PKCS#11 modules of the settings loaded once each. Never shut
// down. Throws bsre::Error (TokenError when LibreOffice's NSS cannot start).
crypto::Store& officeStore(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                           const std::vector<std::string>& pkcs11Modules);

} // namespace bsre::ext
