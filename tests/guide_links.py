#!/usr/bin/env python3
"""The guide's check (issue 18), run by the test command:

    guide_links.py SOURCE_DIR

- every link and image of every Markdown page under docs/ (the guide in
  docs/panduan/ and the reference pages it links to) and of README.md points to
  a file that exists in the repository (web addresses and #anchors in the same
  page are not checked);
- every page of the guide (docs/panduan/*.md) has its English twin of the same
  name in docs/panduan/en/, and the other way round;
- the guide's pictures are only ones a script regenerates: docs/screenshots/
  (scripts/screenshots.sh, scripts/screenshots/options.sh) and docs/panduan/img/
  (scripts/panduan/renders.sh);
- every test named in the page-to-test table (99-pengujian.md) exists.
Prints what is wrong and exits 1, else prints what it checked.
"""
import os
import re
import sys

LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~)")


def links(path):
    inside = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if FENCE.match(line.strip()):
                inside = not inside
                continue
            if inside:
                continue
            for m in LINK.finditer(re.sub(r"`[^`]*`", "", line)):
                yield n, m.group(0).startswith("!"), m.group(1)


def local(target):
    return not re.match(r"^[a-z][a-z0-9+.-]*:", target) and not target.startswith("#")


def main(root):
    root = os.path.abspath(root)
    problems, checked = [], 0
    pages = [os.path.join(root, "README.md")]
    for d, _, files in os.walk(os.path.join(root, "docs")):
        pages += [os.path.join(d, f) for f in files if f.endswith(".md")]
    guide = os.path.join(root, "docs", "panduan")
    allowed = (os.path.join(root, "docs", "screenshots") + os.sep, os.path.join(guide, "img") + os.sep)
    for page in sorted(pages):
        for n, image, target in links(page):
            if not local(target):
                continue
            checked += 1
            path = os.path.normpath(os.path.join(os.path.dirname(page), target.split("#")[0]))
            where = "%s:%d" % (os.path.relpath(page, root), n)
            if not os.path.exists(path):
                problems.append("%s: %s does not exist" % (where, target))
            elif image and page.startswith(guide + os.sep) and not path.startswith(allowed):
                problems.append("%s: %s is not a picture a script regenerates" % (where, target))
    ids = {f for f in os.listdir(guide) if f.endswith(".md")}
    ens = {f for f in os.listdir(os.path.join(guide, "en")) if f.endswith(".md")}
    for f in sorted(ids - ens):
        problems.append("docs/panduan/%s has no English twin docs/panduan/en/%s" % (f, f))
    for f in sorted(ens - ids):
        problems.append("docs/panduan/en/%s has no Indonesian page docs/panduan/%s" % (f, f))
    problems += tests_named(root, os.path.join(guide, "99-pengujian.md"))
    for p in problems:
        print("guide_links: " + p)
    if problems:
        return 1
    print("guide_links: %d links in %d pages exist; %d guide pages, each with its English twin"
          % (checked, len(pages), len(ids)))
    return 0


def tests_named(root, table):
    """`test_x` / `test_x::case` / `tests/x.sh` named in the table must exist."""
    if not os.path.exists(table):
        return ["docs/panduan/99-pengujian.md (the page-to-test table) is missing"]
    sources = {}
    for d in ("tests", os.path.join("tests", "uno")):
        for f in os.listdir(os.path.join(root, d)):
            if f.endswith((".cpp", ".sh", ".py")):
                sources[os.path.splitext(f)[0]] = os.path.join(root, d, f)
    out = []
    text = open(table, encoding="utf-8").read()
    for name, case in re.findall(r"`((?:test|guide)_[a-z0-9_]+)(?:::([a-z0-9_]+))?`", text):
        if name not in sources:
            out.append("99-pengujian.md names %s, which is not in tests/" % name)
        elif case and not re.search(r"\b%s\b" % re.escape(case), open(sources[name], encoding="utf-8").read()):
            out.append("99-pengujian.md names %s::%s, which %s does not have" % (name, case, name))
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
