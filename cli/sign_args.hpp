// The options `sign`, `prepare`, `complete` and `extend` share (cli/sign_args.cpp):
// read from the command line into the engine's requests; and how a signing
// is printed. `sign` with many inputs (cli/batch.cpp) uses the same.
#pragma once

#include "cli/args.hpp"
#include "common/atomic_file.hpp"
#include "core/sign.hpp"
#include "crypto/store.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bsre::cli {

std::string trimNewline(std::string s);
// --pin-file, --pin-fd, else asked on the terminal (never on the command line).
crypto::PinProvider pinProvider(const Args& a);
// The same for another secret (a BSrE passphrase or one-time code): the
// terminal's prompt is `prompt(label)`.
crypto::PinProvider secretProvider(const Args& a, std::function<std::string(const std::string&)> prompt);
// --nssdb DIR (required) and every --module.
std::unique_ptr<crypto::Store> openStore(const Args& a);
pdf::Rect parseRect(const std::string& s);
std::optional<crypto::TsaConfig> tsaConfig(const Args& a);
std::chrono::seconds networkTimeout(const Args& a);
void printChecks(const std::vector<crypto::CertRevocation>& checks);
void printWarnings(const std::vector<Warning>& warnings);
// IN.pdf -o OUT.pdf, never the same file.
std::pair<std::string, std::string> inputAndOutput(const Args& a);
// --field, --page/--rect or --invisible (the default).
Placement placementFrom(const Args& a);
// What the signature says, without the files: placement, texts, certification.
SignRequest appearanceOptions(const Args& a);
// --appearance standard|tnde and --title (after the placement): usage errors
// for a title or a specimen without a visible signature, and --image with tnde.
void blockOptions(const Args& a, SignRequest& rq);
// The same with IN.pdf and -o OUT.pdf: shared by sign and prepare.
SignRequest appearanceRequest(const Args& a);
// --cert (required), --tsa..., --level, --allow-lower-level, network timeouts.
void signingOptions(const Args& a, SignRequest& rq);
std::optional<Level> levelFrom(const Args& a, bool haveTsa);
// --notice and its options; `qrText` is the band's QR code (empty: none).
std::optional<NoticeRequest> noticeFrom(const Args& a, const std::string& qrText);
// The neutral logo: beside an installed CLI (<prefix>/share/bsre-sign/, the
// .deb's layout), else the source tree's (a build tree's CLI).
std::string defaultLogo();
// What depends on rq.input's bytes: the notice and the specimen's QR code,
// both from --qr-url ({file}: the input's file name, {sha256}: of its bytes;
// the specimen's default: BSrE's verification page). NSS must be up.
void inputOptions(const Args& a, SignRequest& rq);
void printSigned(const SignOutcome& out);

} // namespace bsre::cli
