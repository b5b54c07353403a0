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

std::string pdfDate(std::chrono::system_clock::time_point t, int off)
{
    std::tm tm = shifted(t, off);
    char buf[64];
    std::strftime(buf, sizeof buf, "D:%Y%m%d%H%M%S", &tm);
    std::string s = buf;
    if (off == 0)
        return s + "Z";
    int a = std::abs(off);
    std::snprintf(buf, sizeof buf, "%c%02d'%02d'", off < 0 ? '-' : '+', a / 60, a % 60);
    return s + buf;
}

std::string isoDate(std::chrono::system_clock::time_point t, int off)
{
    std::tm tm = shifted(t, off);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    int a = std::abs(off);
    char z[24];
    std::snprintf(z, sizeof z, "%c%02d:%02d", off < 0 ? '-' : '+', a / 60, a % 60);
    return std::string(buf) + z;
}

std::string displayDate(std::chrono::system_clock::time_point t, int off)
{
    std::tm tm = shifted(t, off);
    char buf[64];
    std::strftime(buf, sizeof buf, "%d-%m-%Y %H:%M:%S", &tm);
    int a = std::abs(off);
    char z[24];
    std::snprintf(z, sizeof z, " %c%02d:%02d", off < 0 ? '-' : '+', a / 60, a % 60);
    return std::string(buf) + z;
}

} // namespace bsre
