#!/usr/bin/env python3
"""Prints every function in the product code longer than its room's limit.

Usage: scripts/long-functions.py [--all N] [--check]
  The engine rooms (common/, asn1/, net/, crypto/, pdf/, core/) allow 60 lines a function,
  the front ends (uno/, cli/) 80. --all N lists every function over N lines
  whatever its room. --check exits 1 when a function is over its room's limit.
A function's length counts from the line of its name to its closing brace.
Lambdas count toward the function that holds them.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIMITS = {"common": 60, "asn1": 60, "net": 60, "crypto": 60, "pdf": 60, "core": 60, "uno": 80, "cli": 80}
CONTROL = re.compile(r"^\s*(if|for|while|switch|catch|do|else|try|return)\b")


def strip(text):
    """Blanks comments, strings and character literals, keeping newlines."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c == 'R' and text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) if m else -1
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (j - i - 1) + c); i = j + 1
        else:
            out.append(c); i += 1
    return "".join(out)


def functions(path):
    text = strip(open(path, encoding="utf-8", errors="replace").read())
    stack = []  # (kind, name, start line)
    head_start = 0
    for i, c in enumerate(text):
        if c == "{":
            head = text[head_start:i]
            kind, name = classify(head, stack)
            line = text.count("\n", 0, i - len(head) + (len(head) - len(head.lstrip()))) + 1
            stack.append((kind, name, line))
            head_start = i + 1
        elif c == "}":
            if stack:
                kind, name, line = stack.pop()
                if kind == "function":
                    yield name, line, text.count("\n", 0, i) + 1
            head_start = i + 1
        elif c == ";":
            head_start = i + 1


def classify(head, stack):
    if stack and stack[-1][0] not in ("namespace", "class"):
        return "block", ""
    h = " ".join(head.split())
    if re.search(r"\b(namespace)\b", h) or re.match(r'^extern\s*"?', h):
        return "namespace", ""
    if re.search(r"\b(class|struct|union|enum)\b[^()]*$", h):
        return "class", ""
    if "(" in h and not CONTROL.match(h) and not h.rstrip().endswith("=") and not re.search(r"=\s*\[", h):
        m = re.search(r"([~\w:]+(?:<[^()]*>)?|operator\s*[^\s(]+)\s*\(", h)
        return "function", (m.group(1) if m else h[:40])
    return "block", ""


def main():
    show_all = None
    if "--all" in sys.argv:
        show_all = int(sys.argv[sys.argv.index("--all") + 1])
    over = 0
    rows = []
    for room in sorted(LIMITS):
        base = os.path.join(ROOT, room)
        for dirpath, _, files in os.walk(base):
            for f in sorted(files):
                if not f.endswith((".cpp", ".hpp", ".h", ".c")):
                    continue
                p = os.path.join(dirpath, f)
                for name, a, b in functions(p):
                    length = b - a + 1
                    limit = show_all if show_all is not None else LIMITS[room]
                    if length > limit:
                        rows.append((length, os.path.relpath(p, ROOT), a, name))
                        if length > LIMITS[room]:
                            over += 1
    for length, p, a, name in sorted(rows, reverse=True):
        print(f"{length:5d}  {p}:{a}  {name}")
    print(f"{over} function(s) over their room's limit (engine 60, uno/cli 80)")
    if "--check" in sys.argv and over:
        sys.exit(1)


if __name__ == "__main__":
    main()
