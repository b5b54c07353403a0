#include "core/dates.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace bsre {

int localUtcOffsetMinutes(std::chrono::system_clock::time_point t)
{
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return static_cast<int>(tm.tm_gmtoff / 60);
}

namespace {
std::tm shifted(std::chrono::system_clock::time_point t, int off)
{
    std::time_t tt = std::chrono::system_clock::to_time_t(t) + off * 60;
    std::tm tm{};
    gmtime_r(&tt, &tm);
    return tm;
}
} // namespace


// `format` (strftime) of the local time at `off`, then the zone as "+07:00".
static std::string withZone(std::chrono::system_clock::time_point t, int off, const char* format, const char* zone)
{
    std::tm tm = shifted(t, off);
    char buf[64];
    std::strftime(buf, sizeof buf, format, &tm);
    const int a = std::abs(off);
    char z[24];
    std::snprintf(z, sizeof z, zone, off < 0 ? '-' : '+', a / 60, a % 60);
    return std::string(buf) + z;
}

std::string pdfDate(std::chrono::system_clock::time_point t, int off)
{
    if (off == 0)
        return withZone(t, 0, "D:%Y%m%d%H%M%S", "Z");
    return withZone(t, off, "D:%Y%m%d%H%M%S", "%c%02d'%02d'");
}

std::string isoDate(std::chrono::system_clock::time_point t, int off)
{
    return withZone(t, off, "%Y-%m-%dT%H:%M:%S", "%c%02d:%02d");
}

std::string displayDate(std::chrono::system_clock::time_point t, int off)
{
    return withZone(t, off, "%d-%m-%Y %H:%M:%S", " %c%02d:%02d");
}

static std::string nowAs(bool utc, const char* format)
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

std::string localTimeNow() { return nowAs(false, "%Y-%m-%d %H:%M:%S %z"); }

std::string utcTimeNow() { return nowAs(true, "%Y-%m-%dT%H:%M:%SZ"); }

} // namespace bsre
