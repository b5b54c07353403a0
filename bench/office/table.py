#!/usr/bin/env python3
"""Prints bench/office's table: medians per document and what each signer adds
over its own baseline export, with the issue's targets beside them; then,
from the extension's step times (BSRE_STEP_TIMES), where our time goes."""
import statistics
import sys

NAMES = ["plain export", "PDF/A-2b export", "LibreOffice signed", "ours invisible", "ours band+visible",
         "lines: PDF/A-2b", "lines: ours"]
BASELINE = {2: 1, 3: 1, 4: 1, 6: 5}  # each signer's own baseline export


def read_runs(path):
    runs = {}
    for line in open(path):
        parts = line.split()
        if len(parts) != 4:
            if line.strip():
                print("bench/office:", line.strip())
            continue
        pages, margin, what, ms = (int(p) for p in parts)
        runs.setdefault((pages, margin), {}).setdefault(what, []).append(ms)
    return runs


def targets(pages, med):
    """The issue's targets for this row, as text beside the figures."""
    out = []
    if 3 in med and 2 in med and 1 in med and pages <= 10:
        lo = med[2] - med[1]
        out.append(f"invisible {med[3] - med[1]:+.0f} vs <= {lo + 5:+.0f}")
    if 4 in med and 1 in med:
        limit = 30 if pages <= 10 else 0.10 * med[1]
        out.append(f"band {med[4] - med[1]:+.0f} vs <= {limit:+.0f}")
    if 6 in med and 5 in med:
        out.append(f"lines {med[6] - med[5]:+.0f} vs <= {med[5]:+.0f}")
    return "; ".join(out)


def print_table(runs):
    print(f"{'pages':>5} {'margin':>6} | " + " | ".join(f"{n:>17}" for n in NAMES) + " | targets (ms over baseline)")
    for (pages, margin), by in sorted(runs.items()):
        med = {w: statistics.median(v) for w, v in by.items()}
        cells = []
        for w in range(len(NAMES)):
            if w not in med:
                cells.append(f"{'-':>17}")
            elif w in BASELINE and BASELINE[w] in med:
                cells.append(f"{med[w]:7.0f} ({med[w] - med[BASELINE[w]]:+6.0f})")
            else:
                cells.append(f"{med[w]:17.0f}")
        print(f"{pages:>5} {margin / 10:5.1f}cm | " + " | ".join(cells) + " | " + targets(pages, med))
    print("(ms, medians; in brackets: over the signer's own baseline, the PDF/A-2b export of the same document")
    print(" in the same run; 'lines' is the document with two Signature Lines added)")
    print("targets: invisible <= LibreOffice's own overhead + 5 ms (1-10 pages); band+visible <= +30 ms (1-10 pages),")
    print("         <= +10 % of the export at 100 pages; with Signature Lines <= +1x the export time")


def print_steps(path):
    """Medians of each step per (pages, margin, what) from the step-times file."""
    steps, key = {}, None
    try:
        lines = open(path).read().splitlines()
    except OSError:
        return
    for line in lines:
        parts = line.split()
        if line.startswith("#") and len(parts) == 4:
            key = (int(parts[1]), int(parts[2]), int(parts[3]))
            continue
        if key is None or len(parts) != 2 or key[2] not in (3, 4, 6):
            continue
        steps.setdefault(key, {}).setdefault(parts[0], []).append(float(parts[1]))
    if not steps:
        return
    names = sorted({s for by in steps.values() for s in by}, key=lambda s: (s.split(".")[0], s))
    print("\nwhere our time goes (ms, medians of each step; a step includes the steps under its name):")
    print(f"{'pages':>5} {'margin':>6} {'what':>17} | " + " ".join(f"{n:>14}" for n in names))
    for (pages, margin, what), by in sorted(steps.items()):
        cells = [f"{statistics.median(by[n]):14.1f}" if n in by else f"{'-':>14}" for n in names]
        print(f"{pages:>5} {margin / 10:5.1f}cm {NAMES[what]:>17} | " + " ".join(cells))


if __name__ == "__main__":
    print_table(read_runs(sys.argv[1]))
    if len(sys.argv) > 2:
        print_steps(sys.argv[2])
