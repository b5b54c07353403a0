#!/usr/bin/env python3
"""Builds the attack files of the verifier's tests from a signed PDF.

Each kind either appends an incremental update of its own (a classic
cross-reference table, the way an attacker's editor would) or edits bytes
in place (the /ByteRange variants). The input is never changed.

    pdf_attack.py KIND IN.pdf OUT.pdf [ARG]

Kinds that append an update after signing:
  append-content   page 1's /Contents gains a stream that draws a line of text
  mediabox         page 1's /MediaBox changed
  replace-image    the first image XObject redefined with other pixels
  replace-font     the first font dictionary's /BaseFont changed
  add-annot        a /Text annotation added to page 1's /Annots
  fill-field NAME  the text field NAME gets the value "diubah"
  shadow-reveal    page 1's content stream number pointed back at its
                   earlier definition, still in the file (xref only)
  empty-contents   the last signature's value redefined with /Contents <>
Kinds for the input before signing:
  add-text-field NAME   a text field NAME on page 1
  shadow-prepare        page 1's content stream redefined (the old body
                        stays in the file, unused: the hidden content)
  odd-values            page 1 and the catalog gain values other tools
                        spell unusually (see ODD_VALUES), kept exactly by signing
Kinds that edit in place:
  range-offset     the first signature's /ByteRange starts at 1
  range-short      the first signature's /ByteRange ends 10 bytes early
  range-cross      the last signature's /ByteRange made the first's
"""
import re
import sys
import zlib


def last_trailer(data):
    t = data.rfind(b"trailer")
    if t < 0:
        sys.exit("pdf_attack: the input has no classic trailer")
    trailer = data[t:data.find(b"startxref", t)]
    size = int(re.search(rb"/Size\s+(\d+)", trailer).group(1))
    root = re.search(rb"/Root\s+(\d+ \d+ R)", trailer).group(1)
    info = re.search(rb"/Info\s+(\d+ \d+ R)", trailer)
    ident = re.search(rb"/ID\s*(\[[^\]]*\])", trailer)
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    return size, root, info.group(1) if info else None, ident.group(1) if ident else None, prev


def definitions(data, num):
    """Offsets of every definition of object num, in file order."""
    return [m.start() for m in re.finditer(rb"(?<![0-9])%d 0 obj" % num, data)]


def body(data, num):
    start = definitions(data, num)[-1]
    start = data.index(b"obj", start) + 3
    return data[start:data.index(b"endobj", start)].strip()


def objects_matching(data, pattern):
    nums = sorted({int(m.group(1)) for m in re.finditer(rb"(?<![0-9])(\d+) 0 obj", data)})
    return [n for n in nums if re.search(pattern, body(data, n))]


def first_page(data):
    pages = objects_matching(data, rb"/Type\s*/Page(?![s\w])")
    if not pages:
        sys.exit("pdf_attack: no page object found")
    return pages[0]


def append_update(data, objects, extra_entries=None):
    """objects: {num: body bytes}; extra_entries: {num: offset} for xref-only entries."""
    size, root, info, ident, prev = last_trailer(data)
    out = bytearray(data)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets = dict(extra_entries or {})
    for num, text in sorted(objects.items()):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + text + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for num in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (num, offsets[num])
    size = max([size] + [n + 1 for n in offsets])
    trailer = b"<< /Size %d /Root %s /Prev %d" % (size, root, prev)
    if info:
        trailer += b" /Info " + info
    if ident:
        trailer += b" /ID " + ident
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(dict_entries, payload):
    return b"<< " + dict_entries + b" /Length %d >>\nstream\n" % len(payload) + payload + b"\nendstream"


def set_key(text, key, value):
    """text: a dictionary body; the entry key set to value (added when absent)."""
    pattern = rb"/" + key + rb"\s*(\[[^\]]*\]|<<.*?>>|\d+ \d+ R|/[^\s/<>\[\]()]+|\([^)]*\)|[-+.\d]+)"
    if re.search(pattern, text, re.S):
        return re.sub(pattern, b"/" + key + b" " + value, text, count=1, flags=re.S)
    return text[: text.rindex(b">>")] + b" /" + key + b" " + value + b" >>"


def annots_with(data, page, new_ref):
    text = body(data, page)
    m = re.search(rb"/Annots\s*(\[[^\]]*\]|\d+ \d+ R)", text)
    if m and m.group(1).endswith(b"R"):
        num = int(m.group(1).split()[0])
        arr = body(data, num)
        return {num: arr[: arr.rindex(b"]")] + b" " + new_ref + b"]"}
    items = m.group(1)[1:-1] if m else b""
    return {page: set_key(text, b"Annots", b"[" + items + b" " + new_ref + b"]")}


def content_ref(data, page):
    m = re.search(rb"/Contents\s*(\d+) 0 R", body(data, page))
    if not m:
        sys.exit("pdf_attack: page 1 has no single content stream")
    return int(m.group(1))


def after_signing(kind, data, arg):
    size = last_trailer(data)[0]
    page = first_page(data)
    if kind == "append-content":
        text = body(data, page)
        old = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ \d+ R)", text).group(1)
        items = old[1:-1] if old.startswith(b"[") else old
        draw = stream(b"", b"q 0.8 0 0 rg 300 500 200 60 re f 1 w 0 0 0 RG 300 500 m 500 560 l S Q")  # a red block, no font needed
        return append_update(data, {size: draw, page: set_key(text, b"Contents", b"[" + items + b" %d 0 R]" % size)})
    if kind == "mediabox":
        return append_update(data, {page: set_key(body(data, page), b"MediaBox", b"[0 0 612 792]")})
    if kind == "replace-image":
        num = objects_matching(data, rb"/Subtype\s*/Image")[0]
        text = body(data, num)
        dict_text = text[: text.index(b"stream")].strip()
        width = int(re.search(rb"/Width\s+(\d+)", dict_text).group(1))
        height = int(re.search(rb"/Height\s+(\d+)", dict_text).group(1))
        comps = 1 if re.search(rb"/DeviceGray|/SMask|/BitsPerComponent\s+1\b", dict_text) and b"/DeviceRGB" not in dict_text else 3
        pixels = zlib.compress(b"\x00" * (width * height * comps))
        entries = re.sub(rb"/Length\s+\d+( \d+ R)?|/DecodeParms\s*<<.*?>>", b"", dict_text[2:-2], flags=re.S)
        return append_update(data, {num: stream(entries.strip(), pixels)})
    if kind == "replace-font":
        num = objects_matching(data, rb"/Type\s*/Font\b.*/BaseFont")[0]
        return append_update(data, {num: set_key(body(data, num), b"BaseFont", b"/Courier")})
    if kind == "add-annot":
        annot = b"<< /Type /Annot /Subtype /Text /Rect [100 100 120 120] /Contents (catatan) /P %d 0 R >>" % page
        objs = {size: annot}
        objs.update(annots_with(data, page, b"%d 0 R" % size))
        return append_update(data, objs)
    if kind == "fill-field":
        num = [n for n in objects_matching(data, rb"/FT\s*/Tx") if b"(" + arg.encode() + b")" in body(data, n)][0]
        return append_update(data, {num: set_key(body(data, num), b"V", b"(diubah)")})
    if kind == "shadow-reveal":
        num = content_ref(data, page)
        return append_update(data, {}, {num: definitions(data, num)[0]})
    if kind == "empty-contents":
        num = objects_matching(data, rb"/Type\s*/Sig\b")[-1]
        return append_update(data, {num: set_key(body(data, num), b"Contents", b"<>")})
    return None


# Reals with odd digits, strings with escapes, hex in mixed case, names with #xx,
# nesting: what a re-serialising writer would change.
ODD_VALUES = (b"/BsreReal -.50 /BsreInt +3 /BsreStr (a\\)b\\\\c\\101) /BsreHex <ABcd 12> "
              b"/BsreName /A#20B /BsreNested [[1.50 << /K 0.000 /L (\\(x\\)) >>] null true 007]")


def before_signing(kind, data, arg):
    size = last_trailer(data)[0]
    page = first_page(data)
    if kind == "add-text-field":
        field = (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (%s) /V (awal) /Rect [72 72 272 92] /P %d 0 R "
                 b"/DA (/Helv 10 Tf 0 g) >>" % (arg.encode(), page))
        root = int(last_trailer(data)[1].split()[0])
        catalog = set_key(body(data, root), b"AcroForm", b"<< /Fields [%d 0 R] >>" % size)
        objs = {size: field, root: catalog}
        objs.update(annots_with(data, page, b"%d 0 R" % size))
        return append_update(data, objs)
    if kind == "odd-values":
        root = int(last_trailer(data)[1].split()[0])
        page_text = body(data, page)
        page_text = page_text[: page_text.rindex(b">>")] + b" " + ODD_VALUES + b" >>"
        catalog = body(data, root)
        catalog = catalog[: catalog.rindex(b">>")] + b" /BsreCatalog (tetap apa adanya)" + b" >>"
        return append_update(data, {page: page_text, root: catalog})
    if kind == "shadow-prepare":
        num = content_ref(data, page)
        # What is signed: a grey box where the letter will show once revealed.
        return append_update(data, {num: stream(b"", b"q 0.85 g 72 400 450 350 re f Q")})
    return None


def byte_ranges(data):
    return [m for m in re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)]


def in_place(kind, data):
    ranges = byte_ranges(data)
    if not ranges:
        sys.exit("pdf_attack: no /ByteRange")
    m = ranges[0] if kind != "range-cross" else ranges[-1]
    a, b, c, d = (int(x) for x in m.groups())
    if kind == "range-offset":
        new = [1, b - 1, c, d]
    elif kind == "range-short":
        new = [a, b, c, d - 10]
    elif kind == "range-cross":
        new = [int(x) for x in ranges[0].groups()]
    else:
        return None
    text = b"/ByteRange [%d %d %d %d]" % tuple(new)
    old = m.group(0)
    if len(text) > len(old):
        sys.exit("pdf_attack: the new /ByteRange does not fit")
    text = text[:-1] + b" " * (len(old) - len(text)) + b"]"
    return data[: m.start()] + text + data[m.end():]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    kind, src, dst = sys.argv[1:4]
    arg = sys.argv[4] if len(sys.argv) > 4 else ""
    data = open(src, "rb").read()
    out = after_signing(kind, data, arg) or before_signing(kind, data, arg) or in_place(kind, data)
    if out is None:
        sys.exit("pdf_attack: unknown kind " + kind)
    with open(dst, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
