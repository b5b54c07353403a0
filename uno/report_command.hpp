// Tools ▸ BSrE usage report… (vnd.bsresign:report): the yearly report from the
// ledgers the policy names (Ledger/Folder), written beside the user's ledger
// data and opened in LibreOffice.
#pragma once

#include "uno_util.hpp"

#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include <string>

namespace bsre::ext {

// Builds this year's report; returns the PDF's path
// ($XDG_DATA_HOME/bsre-sign/reports/laporan-pemanfaatan-YYYY.pdf).
std::string writeUsageReport(const css::uno::Reference<css::uno::XComponentContext>& ctx, int year);

// The menu command: writes the report and opens it.
void runReportCommand(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                      const css::uno::Reference<css::frame::XFrame>& frame);

} // namespace bsre::ext
