// File > Sign several files with BSrE… (vnd.bsresign:signfiles): choose files
// and folders, the certificate and the signature's settings once, sign them
// all with one PIN (uno/batch_job.hpp), then a list of what was signed and
// what was refused with its sentence.
#pragma once

#include "uno_util.hpp"

#include <com/sun/star/frame/XFrame.hpp>

#include <optional>
#include <string>

namespace bsre::ext {

// The menu command. `args` may hold Files (sequence<string> of file or
// folder URLs) to start the list with; else the frame's document, when it is
// a saved file of a supported kind.
void runBatchCommand(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                     const css::uno::Reference<css::frame::XFrame>& frame,
                     const css::uno::Sequence<css::beans::PropertyValue>& args);

// The PIN of `token`, asked once for a whole batch (nullopt: cancelled).
std::optional<std::string> askBatchPin(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                                       const css::uno::Reference<css::frame::XFrame>& frame, const std::string& token,
                                       bool ind);

} // namespace bsre::ext
