// The one file that touches Poppler's core API (decision 1): a Poppler
// upgrade is a change here only.
#pragma once

#include "pdf/image.hpp"
#include "pdf/model.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace bsre::pdf {

struct SignatureRecord {
    std::string field;
    std::vector<unsigned long long> byteRange; // pairs: offset, length
    std::string contents;                      // raw /Contents bytes (DER, zero padded)
    std::string subFilter;
    std::string signingTime;                   // /M as written
    std::string reason, location;
    std::string type;                          // /Type: "Sig" or "DocTimeStamp"
    int docMdp = 0;                            // a certification's /P (1-3); 0 for an approval signature
};

// The Document Security Store (ETSI EN 319 142-1 5.4.2): validation data
// added after signatures (B-LT). Streams are returned decoded.
struct DssRecord {
    bool present = false;
    ObjRef ref;                               // when the DSS is an object of its own
    unsigned long long offset = 0;            // where that object (or its object stream) starts
    std::vector<std::string> certs, ocsps, crls;
    std::vector<std::string> certRefs, ocspRefs, crlRefs; // the entries as written ("12 0 R")
    std::vector<std::pair<std::string, std::string>> vri;  // key (hex SHA-1) -> dictionary syntax as spelled
};

// An annotation the export left as a marker (a /Link's /URI or a widget's /T).
struct MarkerAnnot {
    int page = 0;       // 0-based
    ObjRef annot;
    Rect rect;
    std::string name;   // the /URI or /T
    bool widget = false;
};

// Where an object's current definition lies (ISO 32000-1 7.5.4, 7.5.8):
// two revisions define an object the same way when their spots are equal.
struct ObjectSpot {
    bool inUse = false;
    bool compressed = false;        // in an object stream
    unsigned long long offset = 0;  // of the object, or of its object stream
    int stream = 0, index = 0, gen = 0;
    bool operator==(const ObjectSpot&) const = default;
};

// What an object is to the document, for judging a change to it.
struct ObjectRole {
    enum Kind {
        Other, Catalog, Info, Metadata, Page, AnnotsArray, Annotation, AcroForm, FieldsArray,
        SignatureField, SignatureWidget, SignatureValue, FormField, FormWidget, Dss, DssPart
    } kind = Other;
    int page = -1;              // 0-based, for pages, their /Annots and annotations
    bool signedField = false;   // a signature field with a /V
    bool docTimestamp = false;  // a signature field whose value is a /DocTimeStamp
};

// The largest input read (the input and an output are each held in memory once).
constexpr unsigned long long kMaxPdfBytes = 512ULL << 20;

class Reader {
public:
    // Throws bsre::Error: NotPdf, MalformedPdf (damaged, truncated,
    // reconstructed xref), EncryptedPdf, Io.
    static std::unique_ptr<Reader> open(const std::string& path);
    // The same over bytes in memory (a file being built: B-LT and B-LTA add
    // updates on top of the signed bytes before anything is written).
    static std::unique_ptr<Reader> openBytes(std::shared_ptr<const std::string> bytes, const std::string& label);
    const std::string& bytes() const;
    ~Reader();

    const DocumentModel& model() const;
    DictSnapshot dict(ObjRef ref) const;           // an indirect dictionary
    std::vector<std::string> arrayItems(ObjRef ref) const; // an indirect array
    // The dictionary under `key` of the dictionary `owner`, inline or
    // indirect; `indirect` tells which (then the snapshot's ref is its own).
    std::optional<DictSnapshot> dictValue(ObjRef owner, const std::string& key, bool& indirect) const;
    // The array under `key` of `owner`; `where` is set when it is indirect.
    std::vector<std::string> arrayValue(ObjRef owner, const std::string& key, ObjRef& where) const;
    std::vector<SignatureRecord> signatures() const;
    DssRecord dss() const;
    // Every /Link whose /URI, and every widget whose /T, starts with prefix, in page order.
    std::vector<MarkerAnnot> markers(const std::string& prefix) const;
    // Union of what the page draws (text, vector paths, images) in default
    // user space; nullopt for a blank page.
    std::optional<Rect> contentBox(int pageIndex) const;
    // contentBox of each of `pages` (indexes), in that order. From 8 pages on
    // they are measured by several threads: the calling one with this
    // reader's Poppler document, each other with its own over the same bytes
    // (one Poppler document is never used by two threads at once).
    std::vector<std::optional<Rect>> contentBoxes(const std::vector<int>& pages) const;
    // The page as pixels (Poppler's Splash renderer, annotations with their
    // appearances included, white paper) at `dpi`, cropped to its crop box.
    // Throws MalformedPdf for a page that does not exist.
    RasterImage render(int pageIndex, double dpi) const;
    // The page's crop box, width and height in points.
    std::pair<double, double> pageSize(int pageIndex) const;
    // The page's resources, inherited ones resolved (entries as PDF syntax).
    DictSnapshot pageResources(int pageIndex) const;
    // For comparing revisions (pdf/changes): the cross-reference's size, where
    // each object is defined, its text as spelled (a stream's dictionary
    // only), and what each object of the document is.
    int objectCount() const;
    ObjectSpot spot(int num) const;
    std::optional<std::string> rawObject(ObjRef ref) const;
    bool isStream(ObjRef ref) const;
    std::map<int, ObjectRole> roles() const;

    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

private:
    struct Impl;
    explicit Reader(std::unique_ptr<Impl>);
    const Reader& measuring() const; // this document, or its copy for measuring (reader.cpp)
    std::unique_ptr<Impl> impl_;
};

} // namespace bsre::pdf
