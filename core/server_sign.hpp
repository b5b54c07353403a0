// Signing with a BSrE account: the key is held by BSrE's signing service
// (docs/SERVER.md). Prepared on the desk (notice band, Signature Lines, the
// appearance as an image), signed by the service, checked on the desk before
// anything is written, then completed on the desk (B-LT: DSS for the service's
// and its TSA's chains; B-LTA: a document timestamp).
#pragma once

#include "core/sign.hpp"
#include "crypto/verify.hpp"
#include "net/bsre_service.hpp"
#include "pdf/reader.hpp"

#include <functional>
#include <string>

namespace bsre {

// The service, bound by the front end to its address, client, signer and
// secret (net::signRemotely); tests may give another.
using RemoteSigner = std::function<std::string(const std::string& pdf, const net::SignatureProperties& properties)>;

struct ServerSignRequest {
    // As for a key on the desk: input, output, placement, texts, notice, lines,
    // level (nullopt: what the service gives), tsa (B-LTA), revocation, clock.
    // --field (ExistingField) and certification are refused: the service adds
    // a field of its own and certifies nothing.
    SignRequest sign;
    std::string signerName; // the name the appearance shows (the certificate is known only afterwards)
    // The service's certificate must chain to a root trusted in NSS's database
    // (CertUntrusted otherwise): the CLI with --nssdb, the extension always.
    bool requireTrust = false;
};

struct ServerSigned {
    std::string bytes;
    SignOutcome outcome;
    std::string certificate; // the signer's certificate (DER), from the service's CMS
    size_t preparedSize = 0; // the output starts with exactly these bytes we sent
};

// NSS must be up (the returned signature is verified, revocation checked).
// On any failure nothing is returned and nothing was written.
ServerSigned signWithServiceToBytes(const ServerSignRequest& request, const RemoteSigner& remote);
// The same, written to request.sign.output atomically.
ServerSigned signWithService(const ServerSignRequest& request, const RemoteSigner& remote);

// The checks on the service's answer, before anything is written: it starts
// with exactly the bytes `sent`; it holds one signature more than `sent`,
// covering the whole file, whose CMS verifies over its byte range; the
// revisions after `sent` change nothing a signature may not (pdf/changes: no
// page content, no other field's value). Throws ServiceAltered (or
// ServiceBadAnswer for a file that cannot be read) with the reason.
struct ReturnedSignature {
    pdf::SignatureRecord record;
    crypto::CmsVerdict verdict;
};
ReturnedSignature checkReturned(const std::string& sent, const std::string& returned, const std::string& label,
                                bool requireTrust = false);

// The rectangle in the service's convention: points from the page's top-left corner.
net::SignatureProperties signatureProperties(const pdf::PageInfo& page, const pdf::Rect& rect);

} // namespace bsre
