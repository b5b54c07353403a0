// Embedding a subset of a TrueType font as a Type0/CIDFontType2 font with
// HarfBuzz shaping and a ToUnicode map (ISO 32000-1 9.7, 9.10).
#pragma once

#include "pdf/syntax.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bsre::pdf {

// Path of a TrueType (glyf outlines) font file for the family, as fontconfig
// resolves it (its usual substitutes apply when the family is not installed).
// Throws Error(Code::FontMissing) when no embeddable TrueType font is found.
std::string findFontFile(const std::string& family = "Liberation Sans");

class EmbeddedFont;

// Result of EmbeddedFont::shape(): glyphs in visual order with their
// advances. Read-only; only the font that made it can turn it into text.
class ShapedText {
public:
    // Original glyph ids of the font file (not the CIDs written to the PDF).
    const std::vector<uint32_t>& glyphs() const noexcept { return glyphs_; }
    // Pen advance of each glyph in 1/1000 em, kerning included.
    const std::vector<int>& advances() const noexcept { return advances_; }
    // Code points the font has no glyph for (drawn as .notdef), in order of
    // first appearance; callers decide whether that is acceptable.
    const std::vector<char32_t>& missing() const noexcept { return missing_; }

    bool empty() const noexcept { return glyphs_.empty(); }
    // Width of the drawn text in points at the given font size.
    double width(double fontSize) const noexcept;

private:
    friend class EmbeddedFont;
    const void* owner_ = nullptr;   // identifies the EmbeddedFont that shaped it
    std::vector<uint32_t> glyphs_;
    std::vector<int> advances_;
    std::vector<int> xOffsets_;     // GPOS x placement, 1/1000 em
    std::vector<char32_t> missing_;
};

// One font program embedded once per PDF update. Life cycle, enforced at run
// time (violations throw Error(Code::Internal)):
//   1. shape() every text to be drawn (collects the glyphs the subset needs),
//   2. emit() once (subsets the font and writes the font objects),
//   3. showText() for the content streams.
// Glyphs are renumbered by the subsetter, so the CIDs only exist after emit();
// shaping after emit() would need glyphs that are no longer in the subset.
class EmbeddedFont {
public:
    // Throws Error(Code::FontMissing) if the file is unreadable or has no glyf outlines.
    explicit EmbeddedFont(const std::string& fontFile);
    ~EmbeddedFont();
    EmbeddedFont(EmbeddedFont&&) noexcept;
    EmbeddedFont& operator=(EmbeddedFont&&) noexcept;
    EmbeddedFont(const EmbeddedFont&) = delete;
    EmbeddedFont& operator=(const EmbeddedFont&) = delete;

    // Shapes one line of UTF-8 text (script and direction guessed, kerning
    // and ligatures on). Only before emit().
    ShapedText shape(const std::string& utf8);

    // The width in points at `fontSize` that shape(utf8).width(fontSize)
    // gives, for measuring only: the glyphs are not added to the subset and
    // each text is shaped once per font object (wrapping measures the same
    // beginnings of lines at every size it tries). Before or after emit().
    double measure(const std::string& utf8, double fontSize);

    // Writes FontFile2, FontDescriptor, ToUnicode, CIDFontType2 and the Type0
    // font; returns the Type0 object number. Only once. Output depends only
    // on the font file and the glyphs shaped, so it is reproducible.
    [[nodiscard]] int emit(NewObjects& objs);
    bool emitted() const noexcept;

    // Content-stream text showing operation, "<...> Tj" or "[<...> n <...>] TJ"
    // with 2-byte CIDs. Only after emit(), and only for text this font shaped.
    std::string showText(const ShapedText& text) const;

    // Typographic metrics in 1/1000 em (descent is negative).
    double ascent() const;
    double descent() const;
    double capHeight() const;
    // PostScript name of the font file (without subset tag).
    const std::string& postScriptName() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    Impl& self() const;
};

} // namespace bsre::pdf
