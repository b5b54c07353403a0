// Dates as the signature dictionary, reports and appearances write them.
#pragma once

#include <chrono>
#include <string>

namespace bsre {

// "D:20261124133000+07'00'" (ISO 32000-1 7.9.4) and its ISO 8601 twin.
std::string pdfDate(std::chrono::system_clock::time_point t, int utcOffsetMinutes);
std::string isoDate(std::chrono::system_clock::time_point t, int utcOffsetMinutes);
// "24-11-2026 13:30:00 +07:00", as the visible signature shows it.
std::string displayDate(std::chrono::system_clock::time_point t, int utcOffsetMinutes);
int localUtcOffsetMinutes(std::chrono::system_clock::time_point t);
// "2026-12-03 19:57:59 +0700": now, in the local zone (reports' "made at").
std::string localTimeNow();
// "2026-12-03T12:57:59Z": now, in UTC (ledger records, the support log).
std::string utcTimeNow();

} // namespace bsre
