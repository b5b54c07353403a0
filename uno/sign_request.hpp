// Assembling the engine's SignRequest: what the extension decides from the
// options, the settings and the working PDF (the output, the level and TSA,
// which Signature Line, where the signature goes, certification, the notice).
#pragma once

#include "job_options.hpp"
#include "policy.hpp"
#include "settings.hpp"
#include "signature_lines.hpp"

#include "core/sign.hpp"
#include "crypto/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace bsre::ext {

// The line a certificate's holder is asked to sign: suggested name equal to
// the certificate's common name, or suggested email equal to its email
// (case-insensitive, surrounding and repeated spaces ignored).
// HTTP basic credentials (user, password) stored for `url` in LibreOffice's
// password container; empty when there are none.
std::pair<std::string, std::string> storedCredentials(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                                                      const std::string& url, bool interactive);

std::optional<size_t> lineForCertificate(const std::vector<SignatureLine>& lines, const crypto::CertInfo& cert);

class RequestBuilder {
public:
    // `scratchDir` receives a logo rasterised from SVG; it must outlive the signing.
    RequestBuilder(css::uno::Reference<css::uno::XComponentContext> ctx, const Settings& settings,
                   std::string scratchDir);

    // Io (not a local file), OutputIsInput, OutputExists (unless overwrite).
    void output(SignRequest& rq, const std::string& output, const std::string& pdfPath,
                const std::string& sourcePath, bool overwrite) const;
    // The planned level; TSA credentials from LibreOffice's password container.
    void level(SignRequest& rq, const LevelPlan& plan, bool interactive) const;
    // Reason, location and contact: the option, else the setting.
    void texts(SignRequest& rq, const JobOptions& o) const;
    // With Signature Lines: which one is signed now (returned; empty for a new
    // signature), the others become empty fields.
    std::string lineFields(SignRequest& rq, const std::vector<SignatureLine>& lines, const JobOptions& o,
                           const std::optional<crypto::CertInfo>& chosen) const;
    void placement(SignRequest& rq, const JobOptions& o, const std::string& lineSigned) const;
    // What a visible signature shows: the option's style, else the setting's
    // (BadSetting when it is neither Standard nor Tnde), the title, and for
    // Tnde the QR code's address (QrUrlTemplate, else BSrE's verification
    // page): the notice's when it has one, so call it after certificationAndNotice.
    void appearance(SignRequest& rq, const JobOptions& o, const std::string& sourcePath) const;
    // Certification and the notice go with the first signature only.
    void certificationAndNotice(SignRequest& rq, const JobOptions& o, const std::string& sourcePath) const;

private:
    std::string logoPng() const;
    NoticeRequest notice(const std::string& pdfPath, const std::string& sourcePath) const;

    css::uno::Reference<css::uno::XComponentContext> ctx_;
    const Settings& settings_;
    std::string scratchDir_;
};

} // namespace bsre::ext
