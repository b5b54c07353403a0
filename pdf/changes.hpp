// What the revisions after a signature changed, object by object, and
// whether each change is one that ISO 32000-1 (12.8.2.2, DocMDP) and PAdES
// (ETSI EN 319 142-1 5.4: DSS, document timestamps) allow. This is what
// makes incremental-saving and shadow attacks visible: the signed bytes
// stay intact in such files; only the revisions after them tell.
#pragma once

#include "pdf/reader.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bsre::pdf {

struct Modification {
    int revision = 0;     // 1-based: the revision that made the change
    bool allowed = false;
    std::string what;     // one line: object, page, key (English)
    std::string whatId;   // the same in Indonesian
};

// One revision of a file: the document as it stood where the revision ends.
struct Revision {
    std::unique_ptr<Reader> reader;
    std::map<int, ObjectRole> roles;
    unsigned long long end = 0;
};

// The revisions of one file, each opened once however many signatures ask.
class RevisionHistory {
public:
    // `revisionEnds`: the offsets where revisions end (sorted); the last is
    // the file's size. `bytes` must outlive the history.
    RevisionHistory(const std::string& bytes, std::vector<unsigned long long> revisionEnds)
        : bytes_(bytes), ends_(std::move(revisionEnds))
    {
    }
    // The changes made after the revision that ends at `signedEnd`, judged
    // for a document whose permissions are DocMDP level `mdp` (1 no changes,
    // 2 form filling and signing, 3 also annotations; an approval signature
    // alone counts as 2; kOnlySignatures: a signature field or a document
    // timestamp may be added and signed, DSS and Info changed, nothing filled
    // in nor annotated). Throws bsre::Error when the signed revision or the
    // whole file cannot be read.
    static constexpr int kOnlySignatures = 0;
    std::vector<Modification> modificationsAfter(unsigned long long signedEnd, int mdp);

private:
    // Null when no revision ends there (an "%%EOF" inside a stream), unless `required`.
    const Revision* at(unsigned long long end, bool required);
    const std::string& bytes_;
    std::vector<unsigned long long> ends_;
    std::map<unsigned long long, std::unique_ptr<Revision>> opened_;
};

} // namespace bsre::pdf
