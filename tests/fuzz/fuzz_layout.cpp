// The text and QR layout of what signing draws, on arbitrary text: the
// visible appearance (pdf/appearance), the notice band with its QR code
// (pdf/notice), the font's shaping and subsetting (pdf/font) and the text
// strings of the signature dictionary (pdf/syntax). The text comes from the
// user (reason, location, the notice's words) and from the certificate (the
// signer's name). Fonts as the product finds them (fontconfig, Liberation Sans).
//
// The input: byte 0 chooses options (border, logo, QR, a fixed font size,
// the font routine alone), bytes 1-2 the box's size, the rest is the text,
// one line (or paragraph) per '\n'. A character the font cannot draw is a
// FontMissing refusal, a box too small a Usage one: both bsre::Error.
#include "fuzz_support.hpp"

#include "common/error.hpp"
#include "pdf/appearance.hpp"
#include "pdf/draw.hpp"
#include "pdf/font.hpp"
#include "pdf/notice.hpp"
#include "pdf/syntax.hpp"

#include <string_view>
#include <vector>

using namespace bsre;
using namespace bsre::pdf;

namespace {

std::vector<std::string> lines(std::string_view s)
{
    std::vector<std::string> out;
    size_t from = 0;
    for (size_t at; (at = s.find('\n', from)) != std::string_view::npos; from = at + 1)
        out.emplace_back(s.substr(from, at - from));
    out.emplace_back(s.substr(from));
    return out;
}

const std::string& logo()
{
    static const std::string path = fuzz::source("icons/placeholder-logo.png");
    return path;
}

const std::string& fontFile()
{
    static const std::string path = findFontFile("Liberation Sans");
    return path;
}

void fontAlone(const std::vector<std::string>& text)
{
    EmbeddedFont font(fontFile());
    std::vector<ShapedText> shaped;
    for (const auto& l : text)
        shaped.push_back(font.shape(l));
    NewObjects objs(10);
    (void)font.emit(objs);
    for (const auto& s : shaped) {
        if (s.glyphs().size() != s.advances().size())
            fuzz::broken("a shaped text with a glyph count unlike its advance count");
        (void)font.showText(s);
    }
    // What wrapping measures is what shaping draws.
    for (size_t i = 0; i < text.size(); ++i)
        if (font.measure(text[i], 7) != shaped[i].width(7))
            fuzz::broken("a measured width unlike the shaped text's");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 3 || size > 4096)
        return 0;
    const uint8_t options = data[0];
    // -8 .. 502 points wide, -4 .. 251 high: too small a box is a refusal to test too.
    const double w = data[1] * 2.0 - 8, h = data[2] - 4.0;
    const std::string_view text(reinterpret_cast<const char*>(data + 3), size - 3);
    const std::vector<std::string> split = lines(text);

    (void)textString(text);
    (void)literal(text);
    (void)name(text);
    try {
        if (options & 0x10) {
            fontAlone(split);
            return 0;
        }
        if (options & 0x04)
            (void)qrPath(std::string(text), w);
        NewObjects objs(10);
        AppearanceStyle a;
        a.lines = split;
        a.border = options & 0x01;
        if (options & 0x02)
            a.imagePath = logo();
        if (options & 0x08)
            a.fontSize = 1 + (options >> 5) * 3;
        if (options & 0x04) { // the TNDE specimen: a QR code at the left, nothing cut
            a.qrText = std::string(text);
            a.centreText = true;
            a.clipOverflow = false;
        }
        (void)renderAppearance(a, w, h, objs);

        NoticeStyle n;
        n.paragraphs = split;
        if (options & 0x02)
            n.logoPath = logo();
        if (options & 0x04)
            n.qrText = std::string(text);
        n.height = h;
        (void)renderNotice(n, w, h, objs);
    } catch (const Error&) {
    }
    return 0;
}
