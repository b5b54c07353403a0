// Wiping secrets (PINs, passphrases) once they are used: explicit_bzero,
// which the compiler may not drop as a dead store the way it may drop a
// std::fill before the string is destroyed.
#pragma once

#include <optional>
#include <string.h>
#include <string>

namespace bsre {

inline void wipe(std::string& s) noexcept
{
    if (!s.empty())
        ::explicit_bzero(s.data(), s.size());
    s.clear();
}

inline void wipe(std::optional<std::string>& s) noexcept
{
    if (s)
        wipe(*s);
}

// A PIN kept for a while (a batch's one login): wiped when the last holder goes.
struct HeldSecret {
    std::optional<std::string> value;
    explicit HeldSecret(std::optional<std::string> v) : value(std::move(v)) {}
    HeldSecret(const HeldSecret&) = delete;
    HeldSecret& operator=(const HeldSecret&) = delete;
    ~HeldSecret() { wipe(value); }
};

// Wipes `s` when the scope ends, whichever way it ends.
template <class T>
struct WipeAtExit {
    T& secret;
    ~WipeAtExit() { wipe(secret); }
};
template <class T>
WipeAtExit(T&) -> WipeAtExit<T>;

} // namespace bsre
