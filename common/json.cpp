#include "common/json.hpp"

#include <cctype>
#include <cstdio>

namespace bsre::json {

std::string quoted(std::string_view s)
{
    std::string o = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            o += '\\';
            o += static_cast<char>(c);
        } else if (c < 0x20) {
            char b[8];
            std::snprintf(b, sizeof b, "\\u%04x", c);
            o += b;
        } else {
            o += static_cast<char>(c);
        }
    }
    return o + "\"";
}

namespace {

class Parser {
public:
    explicit Parser(std::string_view t) : t_(t) {}

    std::optional<FlatObject> object()
    {
        FlatObject out;
        if (!eat('{'))
            return std::nullopt;
        if (eat('}'))
            return end() ? std::optional(out) : std::nullopt;
        do {
            auto key = string();
            if (!key || !eat(':'))
                return std::nullopt;
            auto value = peek('"') ? string() : scalar();
            if (!value)
                return std::nullopt;
            out[*key] = std::move(*value);
        } while (eat(','));
        return eat('}') && end() ? std::optional(out) : std::nullopt;
    }

private:
    void space()
    {
        while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t'))
            ++i_;
    }
    bool peek(char c)
    {
        space();
        return i_ < t_.size() && t_[i_] == c;
    }
    bool eat(char c)
    {
        if (!peek(c))
            return false;
        ++i_;
        return true;
    }
    bool end()
    {
        space();
        return i_ == t_.size();
    }
    std::optional<std::string> string();
    std::optional<std::string> scalar()
    {
        space();
        const size_t from = i_;
        while (i_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[i_])) || t_[i_] == '-' ||
                                  t_[i_] == '+' || t_[i_] == '.'))
            ++i_;
        if (i_ == from)
            return std::nullopt;
        return std::string(t_.substr(from, i_ - from));
    }

    std::string_view t_;
    size_t i_ = 0;
};

void appendUtf8(std::string& o, unsigned cp)
{
    if (cp < 0x80) {
        o += static_cast<char>(cp);
    } else if (cp < 0x800) {
        o += static_cast<char>(0xC0 | (cp >> 6));
        o += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        o += static_cast<char>(0xE0 | (cp >> 12));
        o += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        o += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::optional<std::string> Parser::string()
{
    if (!eat('"'))
        return std::nullopt;
    std::string o;
    while (i_ < t_.size() && t_[i_] != '"') {
        char c = t_[i_++];
        if (c != '\\') {
            o += c;
            continue;
        }
        if (i_ >= t_.size())
            return std::nullopt;
        const char e = t_[i_++];
        if (e == 'u') {
            unsigned cp = 0;
            if (i_ + 4 > t_.size() || std::sscanf(std::string(t_.substr(i_, 4)).c_str(), "%4x", &cp) != 1)
                return std::nullopt;
            i_ += 4;
            appendUtf8(o, cp);
        } else if (e == 'n' || e == 't' || e == 'r') {
            o += e == 'n' ? '\n' : e == 't' ? '\t' : '\r';
        } else if (e == '"' || e == '\\' || e == '/') {
            o += e;
        } else {
            return std::nullopt;
        }
    }
    if (i_ >= t_.size())
        return std::nullopt;
    ++i_;
    return o;
}

} // namespace

std::optional<FlatObject> parseFlat(std::string_view text) { return Parser(text).object(); }

} // namespace bsre::json
