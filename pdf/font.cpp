#include "pdf/font.hpp"
#include <unistd.h>
#include <mutex>

#include "common/unique_handle.hpp"

#include "common/error.hpp"
#include "pdf/unicode.hpp"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace bsre::pdf {

namespace {

template <auto Destroy>
using Deleter = FreeWith<Destroy>;
using BlobPtr = std::unique_ptr<hb_blob_t, Deleter<hb_blob_destroy>>;
using FacePtr = std::unique_ptr<hb_face_t, Deleter<hb_face_destroy>>;
using FontPtr = std::unique_ptr<hb_font_t, Deleter<hb_font_destroy>>;
using BufferPtr = std::unique_ptr<hb_buffer_t, Deleter<hb_buffer_destroy>>;
using SubsetInputPtr = std::unique_ptr<hb_subset_input_t, Deleter<hb_subset_input_destroy>>;
using SubsetPlanPtr = std::unique_ptr<hb_subset_plan_t, Deleter<hb_subset_plan_destroy>>;
using FcPatternPtr = std::unique_ptr<FcPattern, Deleter<FcPatternDestroy>>;
using FcFontSetPtr = std::unique_ptr<FcFontSet, Deleter<FcFontSetDestroy>>;

constexpr hb_tag_t kGlyf = HB_TAG('g', 'l', 'y', 'f');

using UsedGlyphs = std::map<uint32_t, std::u32string>;   // original glyph id -> text it stands for
using CidMap = std::map<uint32_t, unsigned>;              // original glyph id -> CID (= subset glyph id)

[[noreturn]] void outOfMemory(const std::string& en, const std::string& id)
{
    fail(Code::Internal, "Out of memory while " + en + ".", "Memori habis saat " + id + ".");
}

[[noreturn]] void misuse(const char* en, const char* id)
{
    fail(Code::Internal, std::string("Font embedding used incorrectly: ") + en,
         std::string("Penyematan fon digunakan secara keliru: ") + id);
}

bool hasGlyf(hb_face_t* face)
{
    BlobPtr glyf(hb_face_reference_table(face, kGlyf));
    return hb_blob_get_length(glyf.get()) > 0;
}

// A file we can embed as FontFile2: readable, first face has TrueType outlines.
bool isEmbeddableTrueType(const char* path)
{
    BlobPtr blob(hb_blob_create_from_file_or_fail(path));
    if (!blob)
        return false;
    FacePtr face(hb_face_create(blob.get(), 0));
    return hb_face_get_glyph_count(face.get()) > 0 && hasGlyf(face.get());
}

uint32_t readU32(const char* p)
{
    auto b = reinterpret_cast<const unsigned char*>(p);
    return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
}

int16_t readI16(const char* p)
{
    auto b = reinterpret_cast<const unsigned char*>(p);
    return static_cast<int16_t>((b[0] << 8) | b[1]);
}

// PostScript names may only hold printable ASCII without PDF delimiters
// (and are limited to 63 bytes, the subset tag takes 7 of them).
std::string cleanPostScriptName(std::string_view raw)
{
    std::string out;
    for (char c : raw) {
        if (c > 0x20 && c < 0x7f && std::string_view("()<>[]{}/%#").find(c) == std::string_view::npos)
            out += c;
    }
    if (out.empty())
        out = "Font";
    if (out.size() > 56)
        out.resize(56);
    return out;
}

// Four hex digits: a 2-byte CID, or a UTF-16 code unit.
std::string hex4(unsigned v)
{
    std::string s(4, '0');
    for (int i = 3; i >= 0; --i, v >>= 4)
        s[i] = kHexDigits[v & 15];
    return s;
}

// A code point as UTF-16BE hex for a ToUnicode map; what is not a Unicode
// scalar value becomes U+FFFD.
std::string utf16Hex(char32_t cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    std::string out;
    for (char16_t u : utf16Units(cp))
        out += hex4(u);
    return out;
}

int toThousandths(hb_position_t v, unsigned upem)
{
    return static_cast<int>(std::lround(static_cast<double>(v) * 1000.0 / upem));
}

} // namespace

// ---------------------------------------------------------------------------

std::string lookUpFontFile(const std::string& family);

// Looked up once per family and process (a batch signs many files with one
// font); again if the file went away.
std::string findFontFile(const std::string& family)
{
    static std::mutex mutex;
    static std::map<std::string, std::string> found;
    {
        std::lock_guard<std::mutex> hold(mutex);
        if (auto it = found.find(family); it != found.end() && ::access(it->second.c_str(), R_OK) == 0)
            return it->second;
    }
    std::string file = lookUpFontFile(family);
    std::lock_guard<std::mutex> hold(mutex);
    return found[family] = file;
}

std::string lookUpFontFile(const std::string& family)
{
    FcPatternPtr pattern(FcPatternCreate());
    if (!pattern)
        outOfMemory("looking up fonts", "mencari fon");
    // Built field by field rather than parsed, so family names with ':' or
    // '-' are taken literally.
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddInteger(pattern.get(), FC_WEIGHT, FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern.get(), FC_SLANT, FC_SLANT_ROMAN);
    FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());

    FcResult result = FcResultNoMatch;
    FcFontSetPtr fonts(FcFontSort(nullptr, pattern.get(), FcFalse, nullptr, &result));
    if (fonts) {
        // Best match first; skip what cannot become a FontFile2: CFF-flavoured
        // OpenType, bitmap formats, later faces of collections, variable-font
        // named instances (hb-subset would keep only the default outlines).
        for (int i = 0; i < fonts->nfont; ++i) {
            FcPattern* f = fonts->fonts[i];
            FcChar8* file = nullptr;
            FcChar8* format = nullptr;
            int index = 0;
            FcBool variable = FcFalse;
            if (FcPatternGetString(f, FC_FILE, 0, &file) != FcResultMatch)
                continue;
            if (FcPatternGetString(f, FC_FONTFORMAT, 0, &format) != FcResultMatch
                || std::string_view(reinterpret_cast<const char*>(format)) != "TrueType")
                continue;
            if (FcPatternGetInteger(f, FC_INDEX, 0, &index) == FcResultMatch && index != 0)
                continue;
            if (FcPatternGetBool(f, FC_VARIABLE, 0, &variable) == FcResultMatch && variable)
                continue;
            const char* path = reinterpret_cast<const char*>(file);
            if (isEmbeddableTrueType(path))
                return path;
        }
    }
    fail(Code::FontMissing,
         "No TrueType font was found for the font family \"" + family
             + "\". Install it (for example the fonts-liberation2 package) or choose another font.",
         "Tidak ada fon TrueType untuk keluarga fon \"" + family
             + "\". Pasang fon tersebut (misalnya paket fonts-liberation2) atau pilih fon lain.");
}

// ---------------------------------------------------------------------------

double ShapedText::width(double fontSize) const noexcept
{
    long long total = 0;
    for (int a : advances_)
        total += a;
    return static_cast<double>(total) * fontSize / 1000.0;
}

// ---------------------------------------------------------------------------

struct EmbeddedFont::Impl {
    std::string path;
    BlobPtr blob;
    FacePtr face;
    FontPtr font;
    unsigned upem = 1000;
    std::string psName;
    double ascent = 0, descent = 0, capHeight = 0, italicAngle = 0;
    std::array<double, 4> bbox{};
    bool fixedPitch = false;

    // Used original glyph id -> text it stands for (first seen wins); an
    // ordered map keeps the emitted objects independent of hashing.
    UsedGlyphs used;

    bool emitted = false;
    CidMap cidOf;

    // measure(): text -> summed advances in 1/1000 em.
    std::unordered_map<std::string, long long> measured;

    int hmtxWidth(uint32_t gid) const
    {
        return toThousandths(hb_font_get_glyph_h_advance(font.get(), gid), upem);
    }
    // CID -> advance width in 1/1000 em.
    std::map<unsigned, int> widths(const CidMap& cids) const
    {
        std::map<unsigned, int> out;
        for (const auto& [gid, cid] : cids)
            out[cid] = hmtxWidth(gid);
        return out;
    }
    std::string descriptor(const std::string& baseFont, int fontFile) const
    {
        int flags = 32 | (fixedPitch ? 1 : 0) | (italicAngle != 0 ? 64 : 0);
        return "<< /Type /FontDescriptor /FontName " + name(baseFont) + " /Flags " + num(flags)
            + " /FontBBox [" + num(bbox[0]) + ' ' + num(bbox[1]) + ' ' + num(bbox[2]) + ' ' + num(bbox[3])
            + "] /ItalicAngle " + num(italicAngle) + " /Ascent " + num(ascent) + " /Descent " + num(descent)
            + " /CapHeight " + num(capHeight) + " /StemV 80 /FontFile2 " + ref(fontFile) + " >>";
    }
};

EmbeddedFont::EmbeddedFont(const std::string& fontFile) : impl_(std::make_unique<Impl>())
{
    Impl& s = *impl_;
    s.path = fontFile;
    s.blob.reset(hb_blob_create_from_file_or_fail(fontFile.c_str()));
    if (!s.blob)
        fail(Code::FontMissing, "The font file \"" + fontFile + "\" cannot be read.",
             "Berkas fon \"" + fontFile + "\" tidak dapat dibaca.");
    s.face.reset(hb_face_create(s.blob.get(), 0));
    if (hb_face_get_glyph_count(s.face.get()) == 0 || !hasGlyf(s.face.get()))
        fail(Code::FontMissing,
             "The font file \"" + fontFile + "\" is not a TrueType font with glyph outlines and cannot be embedded.",
             "Berkas fon \"" + fontFile + "\" bukan fon TrueType dengan kontur glif dan tidak dapat disematkan.");
    s.font.reset(hb_font_create(s.face.get()));
    s.upem = std::max(16u, hb_face_get_upem(s.face.get()));
    // Work in font units so advances are exact before scaling to 1/1000 em.
    hb_font_set_scale(s.font.get(), static_cast<int>(s.upem), static_cast<int>(s.upem));

    char nameBuf[128];
    unsigned nameLen = sizeof nameBuf;
    hb_ot_name_get_utf8(s.face.get(), HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &nameLen, nameBuf);
    s.psName = cleanPostScriptName(std::string_view(nameBuf, nameLen));

    auto metric = [&](hb_ot_metrics_tag_t tag, double fallback) {
        hb_position_t v = 0;
        return hb_ot_metrics_get_position(s.font.get(), tag, &v) ? toThousandths(v, s.upem) : fallback;
    };
    s.ascent = metric(HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, 800);
    s.descent = metric(HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, -200);
    s.capHeight = metric(HB_OT_METRICS_TAG_CAP_HEIGHT, s.ascent * 0.8);

    BlobPtr head(hb_face_reference_table(s.face.get(), HB_TAG('h', 'e', 'a', 'd')));
    unsigned headLen = 0;
    const char* h = hb_blob_get_data(head.get(), &headLen);
    if (headLen >= 54) {
        for (int i = 0; i < 4; ++i)
            s.bbox[i] = toThousandths(readI16(h + 36 + 2 * i), s.upem);
    } else {
        s.bbox = {0, s.descent, 1000, s.ascent};
    }
    BlobPtr post(hb_face_reference_table(s.face.get(), HB_TAG('p', 'o', 's', 't')));
    unsigned postLen = 0;
    const char* p = hb_blob_get_data(post.get(), &postLen);
    if (postLen >= 16) {
        s.italicAngle = static_cast<int32_t>(readU32(p + 4)) / 65536.0;
        s.fixedPitch = readU32(p + 12) != 0;
    }
}

EmbeddedFont::~EmbeddedFont() = default;
EmbeddedFont::EmbeddedFont(EmbeddedFont&&) noexcept = default;
EmbeddedFont& EmbeddedFont::operator=(EmbeddedFont&&) noexcept = default;

EmbeddedFont::Impl& EmbeddedFont::self() const
{
    if (!impl_)
        misuse("the font object was moved from.", "objek fon sudah dipindahkan.");
    return *impl_;
}

double EmbeddedFont::ascent() const { return self().ascent; }
double EmbeddedFont::descent() const { return self().descent; }
double EmbeddedFont::capHeight() const { return self().capHeight; }
const std::string& EmbeddedFont::postScriptName() const { return self().psName; }
bool EmbeddedFont::emitted() const noexcept { return impl_ && impl_->emitted; }

namespace {

// One glyph of a shaped run, in font units.
struct RunGlyph {
    uint32_t gid;
    uint32_t cluster;   // byte offset into the text of the cluster's first character
    hb_position_t xAdvance, xOffset;
};

// A shaped line with the text behind each cluster.
struct ShapedRun {
    std::vector<RunGlyph> glyphs;
    std::vector<std::pair<uint32_t, char32_t>> chars;   // code points with their byte offsets, ascending
    std::set<uint32_t> starts;                          // cluster start offsets

    // A cluster covers the characters from its start offset up to the next
    // cluster's start (clusters are byte offsets into the text). The
    // characters are in text order, so the cluster's are found by binary
    // search: a line of n characters is shaped in O(n log n), not O(n^2).
    std::u32string clusterText(uint32_t start) const
    {
        auto next = starts.upper_bound(start);
        uint32_t end = next == starts.end() ? UINT32_MAX : *next;
        auto byOffset = [](const std::pair<uint32_t, char32_t>& c, uint32_t at) { return c.first < at; };
        std::u32string text;
        for (auto it = std::lower_bound(chars.begin(), chars.end(), start, byOffset);
             it != chars.end() && it->first < end; ++it)
            text += it->second;
        return text;
    }
};

BufferPtr textBuffer(const std::string& utf8)
{
    BufferPtr buf(hb_buffer_create());
    if (!hb_buffer_allocation_successful(buf.get()))
        outOfMemory("shaping text", "membentuk teks");
    hb_buffer_add_utf8(buf.get(), utf8.data(), static_cast<int>(utf8.size()), 0, static_cast<int>(utf8.size()));
    hb_buffer_guess_segment_properties(buf.get());
    // Per-character clusters: a base letter keeps its own text even when a
    // mark follows, so one glyph maps to the same text everywhere (ToUnicode
    // is per glyph, not per occurrence). Invisible format characters vanish.
    hb_buffer_set_cluster_level(buf.get(), HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    hb_buffer_set_flags(buf.get(), static_cast<hb_buffer_flags_t>(HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT
                                                                   | HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES));
    return buf;
}

ShapedRun shapeRun(hb_font_t* font, const std::string& utf8)
{
    BufferPtr buf = textBuffer(utf8);
    ShapedRun run;
    // Code points are read before shaping replaces them by glyphs.
    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf.get(), &n);
    for (unsigned i = 0; i < n; ++i)
        run.chars.emplace_back(info[i].cluster, static_cast<char32_t>(info[i].codepoint));

    hb_shape(font, buf.get(), nullptr, 0);
    if (!hb_buffer_allocation_successful(buf.get()))
        outOfMemory("shaping text", "membentuk teks");
    info = hb_buffer_get_glyph_infos(buf.get(), &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf.get(), &n);
    for (unsigned i = 0; i < n; ++i) {
        run.glyphs.push_back({info[i].codepoint, info[i].cluster, pos[i].x_advance, pos[i].x_offset});
        run.starts.insert(info[i].cluster);
    }
    return run;
}

// Controls and format characters are never part of extracted text.
std::u32string extractable(const std::u32string& text)
{
    std::u32string out;
    for (char32_t cp : text) {
        auto cat = hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
        if (cat != HB_UNICODE_GENERAL_CATEGORY_CONTROL && cat != HB_UNICODE_GENERAL_CATEGORY_FORMAT)
            out += cp;
    }
    return out;
}

// Keep the tables PDF requires for FontFile2 (glyf, loca, head, hhea,
// hmtx, maxp) plus cmap/name/post/OS-2: ~300 bytes that some viewers
// (Apple's, Illustrator) need to accept the font. Dropping GSUB/GPOS/kern
// also avoids layout closure adding glyphs we never show.
void dropTablesButKept(hb_subset_input_t* input, hb_face_t* face)
{
    static constexpr std::array<hb_tag_t, 10> keep = {
        HB_TAG('g', 'l', 'y', 'f'), HB_TAG('l', 'o', 'c', 'a'), HB_TAG('h', 'e', 'a', 'd'),
        HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'), HB_TAG('m', 'a', 'x', 'p'),
        HB_TAG('c', 'm', 'a', 'p'), HB_TAG('n', 'a', 'm', 'e'), HB_TAG('p', 'o', 's', 't'),
        HB_TAG('O', 'S', '/', '2'),
    };
    hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    unsigned tableCount = hb_face_get_table_tags(face, 0, nullptr, nullptr);
    std::vector<hb_tag_t> tags(tableCount);
    hb_face_get_table_tags(face, 0, &tableCount, tags.data());
    for (unsigned i = 0; i < tableCount; ++i)
        if (std::find(keep.begin(), keep.end(), tags[i]) == keep.end())
            hb_set_add(drop, tags[i]);
}

SubsetInputPtr subsetInput(hb_face_t* face, const UsedGlyphs& used)
{
    SubsetInputPtr input(hb_subset_input_create_or_fail());
    if (!input)
        outOfMemory("subsetting the font", "membuat subset fon");
    hb_set_t* glyphSet = hb_subset_input_glyph_set(input.get());
    for (const auto& entry : used)
        hb_set_add(glyphSet, entry.first);
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);
    dropTablesButKept(input.get(), face);
    // Family, subfamily, full and PostScript names only.
    hb_set_t* nameIds = hb_subset_input_set(input.get(), HB_SUBSET_SETS_NAME_ID);
    hb_set_clear(nameIds);
    for (unsigned id : {1u, 2u, 4u, 6u})
        hb_set_add(nameIds, id);
    return input;
}

[[noreturn]] void cannotSubset(const std::string& path)
{
    fail(Code::FontMissing, "The font \"" + path + "\" could not be subset for embedding.",
         "Subset fon \"" + path + "\" tidak dapat dibuat untuk disematkan.");
}

// The subset font program and the CID (= subset glyph id) of each used glyph.
struct Subset {
    CidMap cidOf;
    FacePtr face;
    BlobPtr blob;
    std::string_view program() const
    {
        unsigned len = 0;
        const char* data = hb_blob_get_data(blob.get(), &len);
        return {data, len};
    }
};

CidMap cidsOf(hb_subset_plan_t* plan, const UsedGlyphs& used)
{
    const hb_map_t* oldToNew = hb_subset_plan_old_to_new_glyph_mapping(plan);
    CidMap cidOf;
    for (const auto& entry : used) {
        hb_codepoint_t cid = hb_map_get(oldToNew, entry.first);
        if (cid == HB_MAP_VALUE_INVALID || cid > 0xFFFF)
            fail(Code::Internal, "The font subset lost a glyph.", "Subset fon kehilangan sebuah glif.");
        cidOf[entry.first] = cid;
    }
    return cidOf;
}

Subset subsetFont(hb_face_t* face, const UsedGlyphs& used, const std::string& path)
{
    SubsetInputPtr input = subsetInput(face, used);
    SubsetPlanPtr plan(hb_subset_plan_create_or_fail(face, input.get()));
    if (!plan)
        cannotSubset(path);
    Subset s{cidsOf(plan.get(), used), FacePtr(hb_subset_plan_execute_or_fail(plan.get())), nullptr};
    if (!s.face)
        cannotSubset(path);
    s.blob.reset(hb_face_reference_blob(s.face.get()));
    if (s.program().empty())
        cannotSubset(path);
    return s;
}

// Subset tag (ISO 32000-1 9.6.4): six capitals from a hash of font name
// and glyph set, so equal subsets get equal names and different ones differ.
std::string subsetName(const std::string& psName, const UsedGlyphs& used)
{
    uint64_t hash = 1469598103934665603ull;   // FNV-1a
    auto mix = [&](unsigned char b) { hash = (hash ^ b) * 1099511628211ull; };
    for (char c : psName)
        mix(static_cast<unsigned char>(c));
    for (const auto& entry : used)
        for (int shift = 0; shift < 32; shift += 8)
            mix(static_cast<unsigned char>(entry.first >> shift));
    std::string tag(6, 'A');
    for (char& c : tag) {
        c = static_cast<char>('A' + hash % 26);
        hash /= 26;
    }
    return tag + '+' + psName;
}

// ToUnicode: one bfchar per CID with text; at most 100 per block (9.10.3).
std::string toUnicodeCMap(const UsedGlyphs& used, const CidMap& cidOf)
{
    std::vector<std::pair<unsigned, const std::u32string*>> mapped;
    for (const auto& [gid, text] : used)
        if (!text.empty())
            mapped.emplace_back(cidOf.at(gid), &text);
    std::sort(mapped.begin(), mapped.end());
    std::string cmap =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (size_t i = 0; i < mapped.size(); i += 100) {
        size_t end = std::min(mapped.size(), i + 100);
        cmap += std::to_string(end - i) + " beginbfchar\n";
        for (size_t k = i; k < end; ++k) {
            cmap += '<' + hex4(mapped[k].first) + "> <";
            for (char32_t cp : *mapped[k].second)
                cmap += utf16Hex(cp);
            cmap += ">\n";
        }
        cmap += "endbfchar\n";
    }
    return cmap + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

// /W: runs of consecutive CIDs share one "cFirst [w1 w2 ...]" entry.
std::string widthArray(const std::map<unsigned, int>& widths)
{
    std::string w = "[";
    for (auto it = widths.begin(); it != widths.end();) {
        unsigned first = it->first;
        w += (w.size() > 1 ? " " : "") + num(static_cast<long long>(first)) + " [";
        for (unsigned expect = first; it != widths.end() && it->first == expect; ++it, ++expect)
            w += (expect == first ? "" : " ") + num(it->second);
        w += ']';
    }
    return w + ']';
}

std::string cidFontDict(const std::string& baseFont, int descriptor, const std::string& widths)
{
    return "<< /Type /Font /Subtype /CIDFontType2 /BaseFont " + name(baseFont)
        + " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "
        + ref(descriptor) + " /DW 1000 /W " + widths + " /CIDToGIDMap /Identity >>";
}

std::string type0Dict(const std::string& baseFont, int cidFont, int toUnicode)
{
    return "<< /Type /Font /Subtype /Type0 /BaseFont " + name(baseFont) + " /Encoding /Identity-H /DescendantFonts ["
        + ref(cidFont) + "] /ToUnicode " + ref(toUnicode) + " >>";
}

} // namespace

ShapedText EmbeddedFont::shape(const std::string& utf8)
{
    Impl& s = self();
    if (s.emitted)
        misuse("text was shaped after the font was written.", "teks dibentuk setelah fon ditulis.");

    const ShapedRun run = shapeRun(s.font.get(), utf8);
    ShapedText out;
    out.owner_ = impl_.get();
    std::set<uint32_t> described;   // clusters whose text went to their first glyph
    for (const RunGlyph& g : run.glyphs) {
        out.glyphs_.push_back(g.gid);
        out.advances_.push_back(toThousandths(g.xAdvance, s.upem));
        out.xOffsets_.push_back(toThousandths(g.xOffset, s.upem));
        if (g.gid == 0) {
            for (char32_t cp : run.clusterText(g.cluster))
                if (std::find(out.missing_.begin(), out.missing_.end(), cp) == out.missing_.end())
                    out.missing_.push_back(cp);
            s.used.try_emplace(0);   // .notdef is drawable, but has no text
            continue;
        }
        std::u32string text;
        if (described.insert(g.cluster).second)
            text = extractable(run.clusterText(g.cluster));
        auto [it, inserted] = s.used.try_emplace(g.gid, text);
        if (!inserted && it->second.empty())
            it->second = std::move(text);
    }
    return out;
}

double EmbeddedFont::measure(const std::string& utf8, double fontSize)
{
    Impl& s = self();
    auto it = s.measured.find(utf8);
    if (it == s.measured.end()) {
        // As shapeRun shapes, summed as ShapedText::width sums.
        BufferPtr buf = textBuffer(utf8);
        hb_shape(s.font.get(), buf.get(), nullptr, 0);
        if (!hb_buffer_allocation_successful(buf.get()))
            outOfMemory("shaping text", "membentuk teks");
        unsigned n = 0;
        const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf.get(), &n);
        long long total = 0;
        for (unsigned i = 0; i < n; ++i)
            total += toThousandths(pos[i].x_advance, s.upem);
        it = s.measured.emplace(utf8, total).first;
    }
    return static_cast<double>(it->second) * fontSize / 1000.0;
}

// Subsetting approach: the subsetter renumbers the kept glyphs densely
// (old-to-new map from hb_subset_plan) and CID = new glyph id with
// /CIDToGIDMap /Identity. HB_SUBSET_FLAGS_RETAIN_GIDS was measured larger:
// it keeps empty loca/hmtx slots up to the highest glyph id, and accented
// letters pull in accent components with high ids. Liberation Sans, FontFile2
// deflated: 32 glyphs of a typical Indonesian appearance 2637 vs 2655 bytes;
// 40 glyphs incl. "Ñoño Ölçü ŠĐŽ" 3288 vs 3441 bytes (/Length1 4.4 KB vs
// 18 KB). The cost is that CIDs exist only after emit(), hence the life cycle.
int EmbeddedFont::emit(NewObjects& objs)
{
    Impl& s = self();
    if (s.emitted)
        misuse("the font was written twice.", "fon ditulis dua kali.");

    Subset subset = subsetFont(s.face.get(), s.used, s.path);
    const std::string baseFont = subsetName(s.psName, s.used);
    const std::string_view program = subset.program();
    int fontFile = objs.add(streamObject("/Length1 " + num(static_cast<long long>(program.size())), program, true));
    int descriptor = objs.add(s.descriptor(baseFont, fontFile));
    int toUnicode = objs.add(streamObject("", toUnicodeCMap(s.used, subset.cidOf), true));
    int cidFont = objs.add(cidFontDict(baseFont, descriptor, widthArray(s.widths(subset.cidOf))));
    int type0 = objs.add(type0Dict(baseFont, cidFont, toUnicode));

    s.cidOf = std::move(subset.cidOf);
    s.emitted = true;
    return type0;
}

std::string EmbeddedFont::showText(const ShapedText& text) const
{
    const Impl& s = self();
    if (text.owner_ != impl_.get())
        misuse("text shaped with another font was drawn.", "teks yang dibentuk dengan fon lain digambar.");
    if (!s.emitted)
        misuse("text was drawn before the font was written.", "teks digambar sebelum fon ditulis.");

    // TJ numbers are subtracted from the pen position in 1/1000 em, so each
    // glyph's /W width minus its shaped advance (kerning) becomes a number;
    // an x placement shifts the glyph and is undone after it.
    std::string array;
    std::string run;
    bool adjusted = false;
    auto flushAdjustment = [&](int amount) {
        if (amount == 0)
            return;
        if (!run.empty())
            array += '<' + run + "> ";
        run.clear();
        array += num(amount) + ' ';
        adjusted = true;
    };
    int pending = 0;
    for (size_t i = 0; i < text.glyphs_.size(); ++i) {
        uint32_t gid = text.glyphs_[i];
        auto it = s.cidOf.find(gid);
        if (it == s.cidOf.end())
            misuse("a glyph is missing from the subset.", "sebuah glif tidak ada dalam subset.");
        flushAdjustment(pending - text.xOffsets_[i]);
        run += hex4(it->second);
        pending = s.hmtxWidth(gid) - text.advances_[i] + text.xOffsets_[i];
    }
    if (!adjusted)
        return '<' + run + "> Tj";
    if (!run.empty())
        array += '<' + run + '>';
    else if (!array.empty() && array.back() == ' ')
        array.pop_back();
    return '[' + array + "] TJ";
}

} // namespace bsre::pdf
