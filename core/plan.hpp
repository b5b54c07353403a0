// Step 1 of signing: the plan. Everything decided before a byte is written or
// the key is used: where the signature goes, which fields the update adds,
// what the appearance and notice say, which level is aimed for. Pure: reads
// the document, asks no network, touches no key.
#pragma once

#include "common/error.hpp"
#include "core/ltv.hpp"
#include "pdf/appearance.hpp"
#include "pdf/reader.hpp"
#include "pdf/stamp.hpp"

#include <optional>
#include <string>
#include <vector>

namespace bsre {

struct SignRequest;

// The level aimed for and how far it may drop. A step that cannot reach it
// calls lower(): with allowLower the reason is kept for the result (never
// silent), otherwise it stops with nothing written.
struct LevelGoal {
    Level target = Level::BB;
    bool allowLower = false;
    std::string noteEn, noteId; // why the level is lower than asked

    void lower(Level to, const std::string& en, const std::string& id, Code code);
};
// nullopt level: B-T with a TSA, B-B without. Usage error: B-T and up without a TSA.
LevelGoal levelGoal(std::optional<Level> asked, bool allowLower, bool haveTsa);

// A Signature Line left empty for a later signer, showing whom it waits for.
struct WaitingLine {
    std::string id; // the field name
    int page = 0;   // 0-based
    pdf::Rect rect;
    pdf::AppearanceStyle style;
    std::string title; // /TU: the suggested title, for the signer who fills it later
};

struct SignaturePlan {
    // Where: an existing empty field, or a new field (named here) on a page.
    std::optional<pdf::FieldInfo> existing;
    std::string fieldName;
    int pageIndex = 0;
    pdf::Rect rect;
    bool visible = false;
    std::optional<pdf::AppearanceStyle> appearance; // visible only
    // Signature Lines: the export's markers leave, the other lines stay empty fields.
    std::vector<pdf::MarkerAnnot> markers;
    std::vector<WaitingLine> waiting;
    // The signature dictionary.
    std::string mDate, reason, location, contact;
    bool certify = false;                      // DocMDP (first signature only)
    int certifyLevel = 2;                      // its /P (1-3)
    std::optional<pdf::NoticeRequest> notice;  // stamped with the first signature only
    LevelGoal level;
    std::string signerName, signingTime;       // ISO 8601 with offset
    std::vector<Warning> warnings;
};

SignaturePlan planSignature(const pdf::Reader& reader, const SignRequest& request, const std::string& signerName);

} // namespace bsre
