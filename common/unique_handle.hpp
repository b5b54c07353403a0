// std::unique_ptr for C handles freed by one function: the one deleter
// template for every room (NSS in crypto/, HarfBuzz and fontconfig in pdf/).
#pragma once

#include <memory>

namespace bsre {

template <auto F>
struct FreeWith {
    template <class T>
    void operator()(T* p) const noexcept
    {
        if (p)
            F(p);
    }
};

} // namespace bsre
