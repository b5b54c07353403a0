#include "report_command.hpp"

#include "office_nss.hpp"
#include "settings.hpp"

#include "common/atomic_file.hpp"
#include "core/ledger.hpp"
#include "core/dates.hpp"
#include "core/usage_report.hpp"

#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>

#include <ctime>
#include <filesystem>

namespace bsre::ext {

using namespace css;

std::string writeUsageReport(const uno::Reference<uno::XComponentContext>& ctx, int year)
{
    const Settings s = readSettings(ctx);
    officeStore(ctx, s.pkcs11Modules); // NSS up: the ledger's chains are SHA-256
    const std::string folder = s.ledgerFolder.empty() ? defaultLedgerFolder() : s.ledgerFolder;
    if (!std::filesystem::exists(folder))
        fail(Code::Io, Where{folder},
             "There is no usage ledger in " + folder + " yet: nothing has been signed on this desk.",
             "Belum ada catatan pemakaian di " + folder + ": belum ada yang ditandatangani di komputer ini.");
    const UsageReport r = buildUsageReport(year, {folder}, s.institution);
    const std::string dir = std::filesystem::path(supportLogFile()).parent_path().string() + "/reports";
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/laporan-pemanfaatan-" + std::to_string(year) + ".pdf";
    writeFileAtomically(path, usageReportPdf(r, localTimeNow()), true);
    return path;
}

void runReportCommand(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>&)
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    const std::string path = writeUsageReport(ctx, tm.tm_year + 1900);
    uno::Reference<frame::XComponentLoader> loader(frame::Desktop::create(ctx), uno::UNO_QUERY_THROW);
    loader->loadComponentFromURL(fileUrl(path), "_blank", 0, {});
}

} // namespace bsre::ext
