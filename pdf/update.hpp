// Incremental update writer (ISO 32000-1 7.5.6): the original bytes are
// never touched; changed and new objects, a cross-reference section of the
// original's kind and a trailer with /Prev are appended.
#pragma once

#include "pdf/model.hpp"
#include "pdf/syntax.hpp"

#include <map>
#include <string>

namespace bsre::pdf {

// Whether a file ends with an end-of-line (its update then needs none first).
inline bool endsWithEol(const std::string& s) { return !s.empty() && (s.back() == '\n' || s.back() == '\r'); }

class IncrementalUpdate {
public:
    explicit IncrementalUpdate(const DocumentModel& m) : model_(m), objects_(m.size) {}

    NewObjects& objects() { return objects_; }
    // Replace an existing object with a new body (same number and generation).
    void rewrite(ObjRef ref, std::string body) { rewritten_[ref.num] = {ref.gen, std::move(body)}; }
    bool isRewritten(ObjRef ref) const { return rewritten_.count(ref.num) > 0; }

    struct Result {
        std::string bytes;                    // what to append to the original
        std::map<int, size_t> bodyOffset;     // object number -> offset of its body in `bytes`
    };
    // `originalEndsWithEol` avoids glueing our first object to "%%EOF".
    Result finish(bool originalEndsWithEol);

private:
    const DocumentModel& model_;
    NewObjects objects_;
    std::map<int, std::pair<int, std::string>> rewritten_;
};

} // namespace bsre::pdf
