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

    std::optional<Value> whole()
    {
        auto v = value(0);
        return v && end() ? v : std::nullopt;
    }

private:
    std::optional<Value> value(int depth);
    bool members(Value& v, int depth);
    bool items(Value& v, int depth);
    void space()
    {
        while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r'))
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

std::optional<Value> Parser::value(int depth)
{
    if (depth > 64)
        return std::nullopt;
    Value v;
    if (peek('"')) {
        auto s = string();
        if (!s)
            return std::nullopt;
        v.kind = Value::Kind::String;
        v.text = std::move(*s);
        return v;
    }
    if (eat('{')) {
        v.kind = Value::Kind::Object;
        return members(v, depth) ? std::optional(std::move(v)) : std::nullopt;
    }
    if (eat('[')) {
        v.kind = Value::Kind::Array;
        return items(v, depth) ? std::optional(std::move(v)) : std::nullopt;
    }
    auto s = scalar();
    if (!s)
        return std::nullopt;
    v.kind = *s == "null" ? Value::Kind::Null : (*s == "true" || *s == "false") ? Value::Kind::Bool : Value::Kind::Number;
    v.text = std::move(*s);
    return v;
}

bool Parser::members(Value& v, int depth)
{
    if (eat('}'))
        return true;
    do {
        auto key = string();
        if (!key || !eat(':'))
            return false;
        auto item = value(depth + 1);
        if (!item)
            return false;
        v.members.push_back(Member{std::move(*key), std::move(*item)});
    } while (eat(','));
    return eat('}');
}

bool Parser::items(Value& v, int depth)
{
    if (eat(']'))
        return true;
    do {
        auto item = value(depth + 1);
        if (!item)
            return false;
        v.items.push_back(std::move(*item));
    } while (eat(','));
    return eat(']');
}

} // namespace

const Value* Value::find(std::string_view key) const
{
    for (const auto& [k, v] : members)
        if (k == key)
            return &v;
    return nullptr;
}

std::optional<Value> parse(std::string_view text) { return Parser(text).whole(); }

std::optional<FlatObject> parseFlat(std::string_view text) { return Parser(text).object(); }

} // namespace bsre::json
