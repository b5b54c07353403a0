#include "pdf/update.hpp"

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

} // namespace

IncrementalUpdate::Result IncrementalUpdate::finish(bool originalEndsWithEol)
{
    Result r;
    std::string& out = r.bytes;
    if (!originalEndsWithEol)
        out += '\n';
    const unsigned long long base = model_.fileSize;

    std::map<int, std::pair<int, const std::string*>> all;
    for (auto& [n, gb] : rewritten_)
        all[n] = {gb.first, &gb.second};
    for (auto& [n, body] : objects_.bodies())
        all[n] = {0, &body};

    std::vector<Entry> entries;
    for (auto& [n, gb] : all) {
        entries.push_back({n, gb.first, base + out.size()});
        out += std::to_string(n) + " " + std::to_string(gb.first) + " obj\n";
        r.bodyOffset[n] = out.size();
        out += *gb.second;
        out += "\nendobj\n";
    }

    std::string trailerCommon = " /Root " + model_.root.syntax();
    if (!model_.info.empty())
        trailerCommon += " /Info " + model_.info;
    if (!model_.id.empty())
        trailerCommon += " /ID " + model_.id;
    trailerCommon += " /Prev " + std::to_string(model_.lastXref);

    if (!model_.xrefStream) {
        const unsigned long long xrefOffset = base + out.size();
        out += "xref\n";
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
        int size = std::max(model_.size, objects_.nextFree());
        out += "trailer\n<< /Size " + std::to_string(size) + trailerCommon + " >>\n";
        out += "startxref\n" + std::to_string(xrefOffset) + "\n%%EOF\n";
        return r;
    }

    // Cross-reference stream after a stream (7.5.8); it lists itself too.
    const int xrefNum = objects_.reserve();
    const unsigned long long xrefOffset = base + out.size();
    entries.push_back({xrefNum, 0, xrefOffset});
    int offsetWidth = 1;
    for (unsigned long long v = xrefOffset; v > 0xff; v >>= 8)
        ++offsetWidth;
    std::string data;
    for (const Entry& e : entries) {
        data += '\x01';
        for (int b = offsetWidth - 1; b >= 0; --b)
            data += static_cast<char>((e.offset >> (8 * b)) & 0xff);
        data += static_cast<char>((e.gen >> 8) & 0xff);
        data += static_cast<char>(e.gen & 0xff);
    }
    std::string index;
    for (auto [first, count] : subsections(entries))
        index += (index.empty() ? "" : " ") + std::to_string(first) + " " + std::to_string(count);
    std::string dict = "/Type /XRef /Size " + std::to_string(xrefNum + 1) + " /Index [" + index + "] /W [1 " +
                       std::to_string(offsetWidth) + " 2]" + trailerCommon;
    out += std::to_string(xrefNum) + " 0 obj\n" + streamObject(dict, data, true) + "\nendobj\n";
    out += "startxref\n" + std::to_string(xrefOffset) + "\n%%EOF\n";
    return r;
}

} // namespace bsre::pdf
