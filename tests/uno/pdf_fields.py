#!/usr/bin/env python3
"""The signature fields and leftover Signature Line markers of a PDF, read with
`qpdf --json=2` (independent of the engine's Poppler reader). For
tests/uno/test_lines_office.cpp.

    pdf_fields.py FILE.pdf
    pdf_fields.py --changed EARLIER.pdf LATER.pdf

The first prints one line per item, tab-separated:
    FIELD  name  page  x1 y1 x2 y2  signed(0|1)  docmdp-P(0: none)
    MARKER kind  page  name            (a /Link /URI or a widget /T starting with "bsre-sigline:")
    PERMS  docmdp-P                    (the catalog's /Perms /DocMDP signature, P of its transform)
Pages are 1-based; rectangles as in the widget's /Rect, normalised (x1 < x2, y1 < y2).
The second (LATER an incremental update of EARLIER) prints what the update changed
of EARLIER's objects (new objects are not listed), one per line:
    CHANGED  num  what      (catalog, page, acroform, "field NAME", or other)
"""
import json, subprocess, sys

PREFIX = "bsre-sigline:"


def load(path):
    return json.loads(subprocess.check_output(["qpdf", "--json=2", "--json-key=qpdf", "--json-key=pages", path]))


def text_of(v):
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    return v if isinstance(v, str) else ""


def changed(earlier, later):
    old, new = load(earlier)["qpdf"][1], load(later)["qpdf"][1]
    for key, value in old.items():
        if not key.startswith("obj:") or new.get(key) == value:
            continue
        d = value.get("value", value.get("stream", {}).get("dict"))
        what = "other"
        if isinstance(d, dict):
            if d.get("/Type") == "/Catalog":
                what = "catalog"
            elif d.get("/Type") in ("/Page", "/Pages"):
                what = "page"
            elif "/Fields" in d:
                what = "acroform"
            elif "/FT" in d or "/T" in d:
                what = "field " + text_of(d.get("/T", ""))
        print("CHANGED\t%s\t%s" % (key[4:].split()[0], what))


def main(path):
    doc = load(path)
    objs = doc["qpdf"][1]

    def obj(ref):
        if isinstance(ref, str) and ref.endswith(" R"):
            o = objs.get("obj:" + ref)
            if o is None:
                return None
            return o.get("value", o.get("stream", {}).get("dict"))
        return ref

    def text(v):
        v = obj(v)
        if isinstance(v, str):
            if v.startswith("u:"):
                return v[2:]
            if v.startswith("b:"):
                raw = bytes.fromhex(v[2:])
                if raw.startswith(b"\xfe\xff"):
                    return raw[2:].decode("utf-16-be")
                return raw.decode("latin-1")
        return v if isinstance(v, str) else ""

    def num(v):
        v = obj(v)
        return float(v)

    trailer = objs["trailer"]["value"]
    root = obj(trailer["/Root"])

    # Page of each annotation (by reference), 1-based.
    page_of = {}
    page_refs = [p["object"] for p in doc["pages"]]
    for i, pref in enumerate(page_refs, 1):
        page = obj(pref)
        annots = obj(page.get("/Annots", [])) or []
        for a in annots:
            if isinstance(a, str):
                page_of[a] = i
            ad = obj(a)
            if not isinstance(ad, dict):
                continue
            sub = ad.get("/Subtype")
            if sub == "/Link":
                action = obj(ad.get("/A", {})) or {}
                uri = text(action.get("/URI", ""))
                if uri.startswith(PREFIX):
                    print("MARKER\tlink\t%d\t%s" % (i, uri))
            elif sub == "/Widget":
                t = text(ad.get("/T", ""))
                if t.startswith(PREFIX):
                    print("MARKER\twidget\t%d\t%s" % (i, t))

    def docmdp(sigref):
        sig = obj(sigref)
        if not isinstance(sig, dict):
            return 0
        for r in obj(sig.get("/Reference", [])) or []:
            r = obj(r)
            if isinstance(r, dict) and r.get("/TransformMethod") == "/DocMDP":
                params = obj(r.get("/TransformParams", {})) or {}
                return int(num(params.get("/P", 2)))
        return 0

    def walk(ref, parent_name, inherited_ft):
        f = obj(ref)
        if not isinstance(f, dict):
            return
        t = text(f.get("/T", ""))
        name = parent_name + ("." if parent_name and t else "") + t
        ft = f.get("/FT", inherited_ft)
        kids = obj(f.get("/Kids", [])) or []
        field_kids = [k for k in kids if isinstance(obj(k), dict) and "/T" in obj(k)]
        if field_kids:
            for k in field_kids:
                walk(k, name, ft)
            return
        if ft != "/Sig":
            return
        widgets = [k for k in kids] or [ref]
        signed = 1 if "/V" in f else 0
        p = docmdp(f["/V"]) if signed else 0
        for w in widgets:
            wd = obj(w)
            rect = [num(v) for v in obj(wd.get("/Rect", [0, 0, 0, 0]))]
            x1, x2 = sorted((rect[0], rect[2]))
            y1, y2 = sorted((rect[1], rect[3]))
            page = page_of.get(w, 0) if isinstance(w, str) else 0
            if not page and isinstance(wd.get("/P"), str) and wd["/P"] in page_refs:
                page = page_refs.index(wd["/P"]) + 1
            print("FIELD\t%s\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d" % (name, page, x1, y1, x2, y2, signed, p))

    acro = obj(root.get("/AcroForm", {})) or {}
    for f in obj(acro.get("/Fields", [])) or []:
        walk(f, "", None)

    perms = obj(root.get("/Perms", {})) or {}
    if "/DocMDP" in perms:
        print("PERMS\t%d" % docmdp(perms["/DocMDP"]))


if __name__ == "__main__":
    if sys.argv[1] == "--changed":
        changed(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1])
