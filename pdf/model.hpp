// A small model of what signing needs to know about a PDF. Plain values:
// dictionary entries are kept as PDF syntax so the writer can re-emit an
// object with a few entries changed, without any Poppler type.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bsre::pdf {

struct ObjRef {
    int num = 0;
    int gen = 0;
    bool valid() const { return num > 0; }
    std::string syntax() const { return std::to_string(num) + " " + std::to_string(gen) + " R"; }
    bool operator==(const ObjRef& o) const { return num == o.num && gen == o.gen; }
};

struct Rect {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double width() const { return x2 - x1; }
    double height() const { return y2 - y1; }
};

// An indirect dictionary as (key without slash, value in PDF syntax) pairs.
struct DictSnapshot {
    ObjRef ref;
    std::vector<std::pair<std::string, std::string>> entries;

    const std::string* get(const std::string& key) const;
    void set(const std::string& key, std::string value);
    void erase(const std::string& key);
    std::string serialize() const;
};

struct PageInfo {
    ObjRef ref;
    Rect cropBox;
    int rotate = 0;
};

struct FieldInfo {
    std::string name;        // fully qualified (/T parts joined with '.')
    std::string alternateName; // /TU: for a Signature Line's field, the suggested title
    ObjRef field;
    bool isSignature = false;
    bool isSigned = false;   // /V present
    ObjRef widget;           // the first widget (== field when merged)
    int page = -1;           // 0-based page of the widget, -1 unknown
    Rect rect;
};

struct DocumentModel {
    std::string path;
    unsigned long long fileSize = 0;
    bool xrefStream = false;       // last section is a cross-reference stream
    int size = 0;                  // trailer /Size
    unsigned long long lastXref = 0; // startxref of the last section
    ObjRef root;
    std::string info;              // "/Info n g R" value or empty
    std::string id;                // "/ID" value syntax or empty
    std::vector<PageInfo> pages;
    std::vector<FieldInfo> fields;
    int signatureCount = 0;
    bool acroFormIndirect = false;
    ObjRef acroForm;               // when indirect
};

} // namespace bsre::pdf
