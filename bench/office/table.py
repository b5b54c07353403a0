#!/usr/bin/env python3
"""Prints bench/office's table: medians per document and what each signer adds
over its own baseline export, with the issue's targets beside them."""
import statistics
import sys

NAMES = ["plain export", "PDF/A-2b export", "LibreOffice signed", "ours invisible", "ours band+visible"]


def main(path):
    runs = {}
    for line in open(path):
        parts = line.split()
        if len(parts) != 4:
            if line.strip():
                print("bench/office:", line.strip())
            continue
        pages, margin, what, ms = (int(p) for p in parts)
        runs.setdefault((pages, margin), {}).setdefault(what, []).append(ms)
    print(f"{'pages':>5} {'margin':>6} | " + " | ".join(f"{n:>18}" for n in NAMES))
    for (pages, margin), by in sorted(runs.items()):
        med = {w: statistics.median(v) for w, v in by.items()}
        base = med.get(1, 0)
        cells = []
        for w in range(5):
            if w not in med:
                cells.append(f"{'-':>18}")
            elif w >= 2:
                cells.append(f"{med[w]:8.0f} ({med[w] - base:+6.0f})")
            else:
                cells.append(f"{med[w]:18.0f}")
        print(f"{pages:>5} {margin / 10:5.1f}cm | " + " | ".join(cells))
    print("(ms, medians; in brackets: over the PDF/A-2b export of the same run, which both signers export)")
    print("targets: invisible <= LibreOffice's own overhead + 5 ms (1-10 pages); band+visible <= +30 ms (1-10 pages),")
    print("         <= +10 % of the export at 100 pages; when room is needed at most +1x the export time")


if __name__ == "__main__":
    main(sys.argv[1])
