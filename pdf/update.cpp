#include "pdf/update.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace bsre::pdf {

namespace {

struct Entry {
    int num;
    int gen;
    unsigned long long offset;
};

// Consecutive object numbers form one subsection.
std::vector<std::pair<int, int>> subsections(const std::vector<Entry>& entries)
{
    std::vector<std::pair<int, int>> out;
    for (const Entry& e : entries) {
        if (!out.empty() && out.back().first + out.back().second == e.num)
            ++out.back().second;
        else
            out.emplace_back(e.num, 1);
    }
    return out;
}

// Object number -> (generation, body), new objects winning over rewritten ones.
using Bodies = std::map<int, std::pair<int, const std::string*>>;

// The objects as written after the original, with where each one starts.
struct Written {
    std::string bytes;
    std::vector<Entry> entries;            // in number order, offsets in the whole file
    std::map<int, size_t> bodyOffset;      // offsets in `bytes`
};

Written writeObjects(const Bodies& all, std::string prefix, unsigned long long base)
{
    Written w{std::move(prefix), {}, {}};
    for (auto& [n, gb] : all) {
        w.entries.push_back({n, gb.first, base + w.bytes.size()});
        w.bytes += std::to_string(n) + " " + std::to_string(gb.first) + " obj\n";
        w.bodyOffset[n] = w.bytes.size();
        w.bytes += *gb.second;
        w.bytes += "\nendobj\n";
    }
    return w;
}

// The trailer entries both kinds of section carry (ISO 32000-1 7.5.6).
std::string trailerEntries(const DocumentModel& m)
{
    std::string out = " /Root " + m.root.syntax();
    if (!m.info.empty())
        out += " /Info " + m.info;
    if (!m.id.empty())
        out += " /ID " + m.id;
    return out + " /Prev " + std::to_string(m.lastXref);
}

std::string startxref(unsigned long long xrefOffset)
{
    return "startxref\n" + std::to_string(xrefOffset) + "\n%%EOF\n";
}

// A cross-reference table after a table (7.5.4).
std::string xrefTable(const std::vector<Entry>& entries, int size, const std::string& trailer)
{
    std::string out = "xref\n";
    size_t k = 0;
    for (auto [first, count] : subsections(entries)) {
        out += std::to_string(first) + " " + std::to_string(count) + "\n";
        for (int i = 0; i < count; ++i, ++k) {
            char line[21];
            // Exactly 20 bytes per entry, EOL "\r\n" (ISO 32000-1 7.5.4).
            std::snprintf(line, sizeof line, "%010llu %05d n\r\n", entries[k].offset, entries[k].gen);
            out.append(line, 20);
        }
    }
    return out + "trailer\n<< /Size " + std::to_string(size) + trailer + " >>\n";
}

// Rows of /W [1 n 2]: type 1, the offset in as few bytes as the largest needs, the generation.
std::string xrefRows(const std::vector<Entry>& entries, int offsetWidth)
{
    std::string data;
    for (const Entry& e : entries) {
        data += '\x01';
        for (int b = offsetWidth - 1; b >= 0; --b)
            data += static_cast<char>((e.offset >> (8 * b)) & 0xff);
        data += static_cast<char>((e.gen >> 8) & 0xff);
        data += static_cast<char>(e.gen & 0xff);
    }
    return data;
}

// A cross-reference stream after a stream (7.5.8); the last entry is the
// stream itself, which has the largest offset.
std::string xrefStream(const std::vector<Entry>& entries, const std::string& trailer)
{
    const Entry& self = entries.back();
    int offsetWidth = 1;
    for (unsigned long long v = self.offset; v > 0xff; v >>= 8)
        ++offsetWidth;
    std::string index;
    for (auto [first, count] : subsections(entries))
        index += (index.empty() ? "" : " ") + std::to_string(first) + " " + std::to_string(count);
    std::string dict = "/Type /XRef /Size " + std::to_string(self.num + 1) + " /Index [" + index + "] /W [1 " +
                       std::to_string(offsetWidth) + " 2]" + trailer;
    return std::to_string(self.num) + " 0 obj\n" + streamObject(dict, xrefRows(entries, offsetWidth), true) +
           "\nendobj\n";
}

} // namespace

IncrementalUpdate::Result IncrementalUpdate::finish(bool originalEndsWithEol)
{
    Bodies all;
    for (auto& [n, gb] : rewritten_)
        all[n] = {gb.first, &gb.second};
    for (auto& [n, body] : objects_.bodies())
        all[n] = {0, &body};

    const unsigned long long base = model_.fileSize;
    Written w = writeObjects(all, originalEndsWithEol ? "" : "\n", base);
    const unsigned long long xrefOffset = base + w.bytes.size();
    if (!model_.xrefStream) {
        int size = std::max(model_.size, objects_.nextFree());
        w.bytes += xrefTable(w.entries, size, trailerEntries(model_));
    } else {
        // The stream lists itself too.
        w.entries.push_back({objects_.reserve(), 0, xrefOffset});
        w.bytes += xrefStream(w.entries, trailerEntries(model_));
    }
    w.bytes += startxref(xrefOffset);
    return {std::move(w.bytes), std::move(w.bodyOffset)};
}

} // namespace bsre::pdf
