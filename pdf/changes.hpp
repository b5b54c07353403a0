// What the revisions after a signature changed, object by object, and
// whether each change is one that ISO 32000-1 (12.8.2.2, DocMDP) and PAdES
// (ETSI EN 319 142-1 5.4: DSS, document timestamps) allow. This is what
// makes incremental-saving and shadow attacks visible: the signed bytes
// stay intact in such files; only the revisions after them tell.
#pragma once

#include <string>
#include <vector>

namespace bsre::pdf {

struct Modification {
    int revision = 0;     // 1-based: the revision that made the change
    bool allowed = false;
    std::string what;     // one line: object, page, key (English)
    std::string whatId;   // the same in Indonesian
};

// The changes made after the revision that ends at `signedEnd`, judged for
// a document whose permissions are DocMDP level `mdp` (1 no changes, 2 form
// filling and signing, 3 also annotations; an approval signature alone
// counts as 2). `revisionEnds` are the offsets where revisions end (sorted);
// the last is the file's size. Throws bsre::Error when a revision cannot
// be read.
std::vector<Modification> modificationsAfter(const std::string& bytes, unsigned long long signedEnd,
                                             const std::vector<unsigned long long>& revisionEnds, int mdp);

} // namespace bsre::pdf
