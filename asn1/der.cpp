#include "asn1/der.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace bsre::der {

Bytes tlv(uint8_t tag, std::string_view content)
{
    Bytes out;
    out += static_cast<char>(tag);
    size_t n = content.size();
    if (n < 0x80) {
        out += static_cast<char>(n);
    } else {
        Bytes len;
        while (n) {
            len.insert(len.begin(), static_cast<char>(n & 0xff));
            n >>= 8;
        }
        out += static_cast<char>(0x80 | len.size());
        out += len;
    }
    out += content;
    return out;
}

Bytes integer(long v)
{
    Bytes c;
    bool more = true;
    while (more) {
        c.insert(c.begin(), static_cast<char>(v & 0xff));
        long rest = v >> 8;
        bool signBit = (c.front() & 0x80) != 0;
        more = !((rest == 0 && !signBit) || (rest == -1 && signBit));
        v = rest;
    }
    return tlv(0x02, c);
}

Bytes oid(std::string_view dotted)
{
    std::vector<unsigned long> arcs;
    size_t i = 0;
    while (i <= dotted.size()) {
        size_t j = dotted.find('.', i);
        if (j == std::string_view::npos)
            j = dotted.size();
        unsigned long v = 0;
        auto r = std::from_chars(dotted.data() + i, dotted.data() + j, v);
        if (r.ec != std::errc())
            throw std::invalid_argument("bad OID");
        arcs.push_back(v);
        i = j + 1;
    }
    if (arcs.size() < 2)
        throw std::invalid_argument("bad OID");
    Bytes c;
    auto base128 = [&c](unsigned long v) {
        Bytes t;
        t += static_cast<char>(v & 0x7f);
        v >>= 7;
        while (v) {
            t.insert(t.begin(), static_cast<char>(0x80 | (v & 0x7f)));
            v >>= 7;
        }
        c += t;
    };
    base128(arcs[0] * 40 + arcs[1]);
    for (size_t k = 2; k < arcs.size(); ++k)
        base128(arcs[k]);
    return tlv(0x06, c);
}

Bytes setOf(std::vector<Bytes> elements)
{
    std::sort(elements.begin(), elements.end(), [](const Bytes& a, const Bytes& b) {
        // Compare as unsigned octet strings, shorter padded with zeros (X.690 11.6).
        size_t n = std::max(a.size(), b.size());
        for (size_t i = 0; i < n; ++i) {
            unsigned char x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
            if (x != y)
                return x < y;
        }
        return false;
    });
    Bytes c;
    for (auto& e : elements)
        c += e;
    return set(c);
}

bool readTlv(std::string_view in, Tlv& out)
{
    if (in.size() < 2)
        return false;
    size_t pos = 1;
    unsigned char l = in[pos++];
    size_t len = 0;
    if (l < 0x80) {
        len = l;
    } else {
        int n = l & 0x7f;
        if (n == 0 || n > 4 || pos + n > in.size())
            return false;
        for (int k = 0; k < n; ++k)
            len = (len << 8) | static_cast<unsigned char>(in[pos++]);
    }
    if (pos + len > in.size())
        return false;
    out.tag = static_cast<uint8_t>(in[0]);
    out.content = in.substr(pos, len);
    out.whole = in.substr(0, pos + len);
    return true;
}

std::vector<Tlv> children(std::string_view content)
{
    std::vector<Tlv> out;
    while (!content.empty()) {
        Tlv t;
        if (!readTlv(content, t))
            break;
        out.push_back(t);
        content.remove_prefix(t.whole.size());
    }
    return out;
}

} // namespace bsre::der

namespace bsre::der {

std::string oidText(std::string_view oidContent)
{
    std::string out;
    unsigned long v = 0;
    bool first = true;
    for (unsigned char c : oidContent) {
        v = (v << 7) | (c & 0x7f);
        if (c & 0x80)
            continue;
        if (first) {
            out = std::to_string(v < 80 ? v / 40 : 2) + "." + std::to_string(v < 80 ? v % 40 : v - 80);
            first = false;
        } else {
            out += "." + std::to_string(v);
        }
        v = 0;
    }
    return out;
}

std::string timeToIso(uint8_t tag, std::string_view g)
{
    std::string full;
    if (tag == 0x17) { // UTCTime: RFC 5280 4.1.2.5.1, YY < 50 is 20YY
        if (g.size() < 12)
            return std::string(g);
        full = (g[0] < '5' ? "20" : "19") + std::string(g);
    } else {
        full = std::string(g);
    }
    if (full.size() < 14)
        return full;
    return full.substr(0, 4) + "-" + full.substr(4, 2) + "-" + full.substr(6, 2) + "T" + full.substr(8, 2) + ":" +
           full.substr(10, 2) + ":" + full.substr(12, 2) + "Z";
}

} // namespace bsre::der

namespace bsre::der {
Bytes unsignedInteger(std::string_view be)
{
    size_t i = 0;
    while (i + 1 < be.size() && be[i] == '\0')
        ++i;
    Bytes c(be.substr(i));
    if (c.empty() || (static_cast<unsigned char>(c[0]) & 0x80))
        c.insert(c.begin(), '\0');
    return tlv(0x02, c);
}
} // namespace bsre::der

namespace bsre::der {
Bytes trimmed(std::string_view padded)
{
    Tlv t;
    return Bytes(readTlv(padded, t) ? t.whole : padded);
}
} // namespace bsre::der
