// The signing request and outcome, and the chain that joins pdf/ and crypto/
// with plain values, one direction (core/plan, core/prepare, core/complete).
#pragma once

#include "core/ltv.hpp"
#include "common/error.hpp"
#include "crypto/signer.hpp"
#include "crypto/tsa.hpp"
#include "pdf/model.hpp"
#include "core/dates.hpp"
#include "pdf/stamp.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bsre {

struct Placement {
    // CornerVisible: a new visible field of the engine's default size in a
    // corner of the page, above the notice band when there is one.
    enum class Kind { Invisible, NewVisible, CornerVisible, ExistingField } kind = Kind::Invisible;
    enum class Corner { BottomRight, BottomLeft, TopRight, TopLeft } corner = Corner::BottomRight;
    std::string field;          // ExistingField: its fully qualified name
    int page = 1;               // NewVisible, CornerVisible: 1-based
    pdf::Rect rect;             // NewVisible: user space of the page, points
};

// "BottomRight" (the default for anything else), "BottomLeft", "TopRight", "TopLeft".
Placement::Corner parseCorner(std::string_view s) noexcept;

// The notice band: stamped with the first signature only; a PDF that is
// already signed is never stamped again (it would break the earlier signatures).
using NoticeRequest = pdf::NoticeRequest;

// Signature Lines turned into signature fields. The extension marks
// each line before export (uno/signature_lines.hpp); the engine finds the
// markers (a /Link with /URI, or a Calc widget with /T, starting with
// `markerPrefix` + line id), removes them, and adds one field per line in the
// same update: the line being signed gets the signature, the others stay
// empty fields for later signers. A line repeated on every page (header or
// footer) becomes one field, on the first page where it appears.
struct LineFields {
    struct Line {
        std::string id; // the field name
        std::string suggestedName, suggestedTitle;
    };
    std::string markerPrefix = "bsre-sigline:";
    std::vector<Line> lines; // what the document declared (names and titles for appearances)
    std::string sign;        // id of the line signed now; empty: the signature goes per Placement
};

// What the visible signature shows (docs/CLI.md, "The signature block").
// Standard: the signer's name, the title, "Ditandatangani secara
// elektronik", the time, reason and location beside the optional image.
// Tnde: the specimen of tata naskah dinas elektronik: a QR code to the
// verification page, then "Ditandatangani secara elektronik oleh:", the
// title (jabatan) and the name. Image: the image alone (a specimen image
// made elsewhere, e.g. the one a signing service is asked to draw).
enum class AppearanceStyle { Standard, Tnde, Image };

struct SignRequest {
    std::string input;
    std::string output;
    bool overwrite = false;
    Placement placement;
    std::string reason, location, contact;
    std::string imagePath;      // optional PNG in the visible appearance (Standard)
    AppearanceStyle appearance = AppearanceStyle::Standard;
    // The signer's title (jabatan); empty: the signed Signature Line's
    // suggested title, or the existing field's /TU.
    std::string title;
    std::string qrText;         // Tnde: what the QR code says; empty: kDefaultVerificationUrl
    std::string fontFamily = "Liberation Sans";
    std::optional<NoticeRequest> notice;
    std::optional<LineFields> lineFields;
    // Certify (DocMDP, ISO 32000-1 12.8.2.2) with P=2: later form filling and
    // signatures in existing fields stay allowed. Only on a PDF not yet signed.
    bool certify = false;
    int certifyLevel = 2;       // the certification's /P: 1 no changes, 2 as above, 3 also annotations
    // B-T: an RFC 3161 token over the signature value, as an unsigned attribute.
    std::optional<crypto::TsaConfig> tsa;
    // The level aimed for; nullopt: B-T with a TSA, B-B without. B-LT adds a
    // DSS with the signer's and the TSA's chains and their OCSP responses or
    // CRLs; B-LTA then a document timestamp.
    std::optional<Level> level;
    // When a level cannot be reached (TSA or revocation data unavailable):
    // false stops with nothing written; true signs at the highest level
    // reached and says why in levelNote (never silently). A revoked
    // certificate always stops.
    bool allowLowerLevel = false;
    crypto::RevocationOptions revocation;
    crypto::TsaTransport tsaTransport; // default: HTTP POST (libcurl)
    // Told before each step that may wait on the network (a progress line);
    // the texts are static sentences in English and Indonesian.
    std::function<void(const char* en, const char* id)> onStep;
    // Injected clock and zone so tests and golden files are reproducible.
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
    std::optional<int> utcOffsetMinutes; // default: the local zone
};

struct SignOutcome {
    std::string output;
    int pages = 0;              // of the signed PDF
    std::string signerName;
    std::string signingTime;    // ISO 8601 with offset
    std::string fieldName;
    unsigned long long bytesAdded = 0;
    size_t contentsReserved = 0, contentsUsed = 0;
    int privateKeyOperations = 0;
    std::string level = "B-B";
    std::string levelNoteEn, levelNoteId; // why the level is lower than asked (empty when reached)
    std::string timestampTime, tsaName;
    std::vector<crypto::CertRevocation> revocationChecks; // B-LT: per certificate, signer's chain then TSA's
    pdf::DssOutcome dss;
    std::optional<DocTimestampOutcome> docTimestamp;
    std::vector<int> stampedPages;   // 1-based pages that got the notice
    std::vector<int> scaledPages;    // 1-based pages whose content was scaled down
    std::vector<Warning> warnings;     // coded, in both languages
    std::vector<std::string> emptyFields; // Signature Line fields left for later signers
};

// Reads `input`, appends a signature, writes `output` atomically.
// The input is never modified; on any error nothing is written.
SignOutcome signPdf(const SignRequest& request, crypto::Signer& signer);

// As signPdf, but returns the signed bytes instead of writing them.
struct SignedFile {
    std::string bytes;
    SignOutcome outcome;
};
SignedFile signToBytes(const SignRequest& request, crypto::Signer& signer);

// The /Contents bytes reserved for a signature timestamp's token at this level.
size_t timestampAllowance(Level target);

} // namespace bsre
