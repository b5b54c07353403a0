#!/usr/bin/env python3
"""Redraws the Signature Line graphics of the template sources.

A LibreOffice Signature Line is a graphic shape whose picture is
share/filter/signature-line.svg with the suggested signer's name and title
filled in (that is what Insert > Signature Line draws), plus a
<loext:signatureline> element holding the suggested name, title and email.
After changing a suggested name or title in a .fodt here, run

    python3 signature-lines.py            # rewrite every .fodt beside this script
    python3 signature-lines.py --check    # only report stale graphics (exit 1)

so the placeholder graphic shows the same name and title. The PNG fallback
LibreOffice writes next to the SVG is left out of the sources (LibreOffice
makes it again when it saves the .ott).
"""
import argparse
import base64
import glob
import html
import os
import re
import sys

SVG_CANDIDATES = [
    "/usr/lib/libreoffice/share/filter/signature-line.svg",
    "/opt/libreoffice/share/filter/signature-line.svg",
]

FRAME = re.compile(r"<draw:frame\b.*?</draw:frame>", re.S)
SIGLINE = re.compile(r"<loext:signatureline\b[^>]*/>")
SVG_DATA = re.compile(
    r'(<draw:image draw:mime-type="image/svg\+xml">\s*<office:binary-data>)(.*?)(</office:binary-data>)', re.S)
PNG_IMAGE = re.compile(r'\s*<draw:image draw:mime-type="image/png">.*?</draw:image>', re.S)


def attr(element, name):
    m = re.search(r'\b%s="([^"]*)"' % re.escape(name), element)
    return html.unescape(m.group(1)) if m else ""


def unsigned_svg(template, name, title):
    # As LibreOffice 7.4 fills it for an unsigned line (the file is read line
    # by line, so the result ends with an extra newline).
    svg = template
    for key, value in (("[SIGNER_NAME]", name), ("[SIGNER_TITLE]", title), ("[SIGNATURE]", ""),
                       ("[SIGNED_BY]", ""), ("[DATE]", ""), ("[INVALID_SIGNATURE]", ""),
                       ("[SIGNATURE_IMAGE]", "")):
        svg = svg.replace(key, html.escape(value, quote=False))
    return svg + "\n"


def b64_lines(data, indent):
    text = base64.b64encode(data).decode("ascii")
    return ("\n" + indent).join(text[i:i + 76] for i in range(0, len(text), 76))


def refresh(path, template, check):
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    stale = []

    def redo_frame(m):
        frame = m.group(0)
        line = SIGLINE.search(frame)
        if not line:
            return frame
        name = attr(line.group(0), "loext:suggested-signer-name")
        title = attr(line.group(0), "loext:suggested-signer-title")
        want = unsigned_svg(template, name, title).encode("utf-8")
        data = SVG_DATA.search(frame)
        if not data:
            sys.exit("%s: signature line %r has no SVG image" % (path, name))
        try:
            have = base64.b64decode("".join(data.group(2).split()), validate=True)
        except ValueError:
            have = b""
        if have != want or PNG_IMAGE.search(frame):
            stale.append(name or title or "(no name)")
        frame = SVG_DATA.sub(lambda d: d.group(1) + b64_lines(want, "      ") + d.group(3), frame, count=1)
        return PNG_IMAGE.sub("", frame)

    new = FRAME.sub(redo_frame, doc)
    if check:
        for s in stale:
            print("%s: the graphic of signature line %r is stale" % (path, s))
        return not stale
    if new != doc:
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
        print("%s: redrew %s" % (path, ", ".join(stale)))
    return True


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="the .fodt files (default: all beside this script)")
    ap.add_argument("--svg", help="LibreOffice's share/filter/signature-line.svg")
    ap.add_argument("--check", action="store_true", help="report stale graphics, change nothing")
    args = ap.parse_args()
    svg_path = args.svg or next((p for p in SVG_CANDIDATES if os.path.exists(p)), None)
    if not svg_path:
        sys.exit("signature-line.svg not found; give --svg")
    with open(svg_path, encoding="utf-8") as f:
        template = f.read()
    ok = True
    for path in args.files or sorted(glob.glob(os.path.join(here, "*.fodt"))):
        ok = refresh(path, template, args.check) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
