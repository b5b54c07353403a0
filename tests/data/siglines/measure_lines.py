#!/usr/bin/env python3
"""Where LibreOffice drew each unsigned Signature Line in a PDF (ground truth for tests).

LibreOffice 7.4 draws a Signature Line from share/filter/signature-line.svg (9000 x 4500
units): one horizontal stroke across the full width at y = 2400/4500 of the height, stroke
width 53/9000 of the width. The stroke gives the shape's left and right edges exactly and,
for the 2:1 lines Insert > Signature Line makes, its top and bottom. Needs `mutool`.

    measure_lines.py FILE.pdf   ->  one line per drawing: page x1 y1 x2 y2 (points, PDF user space)
"""
import re, subprocess, sys


def lines(pdf):
    """(page, [x1, y1, x2, y2]) of every signature-line drawing, in drawing order."""
    out = subprocess.check_output(["mutool", "trace", pdf], stderr=subprocess.DEVNULL).decode()
    res = []; page = 0; H = 0; cur = None
    for line in out.splitlines():
        m = re.search(r'<page number="(\d+)" mediabox="([^"]+)"', line)
        if m: page = int(m.group(1)); H = float(m.group(2).split()[3]); continue
        m = re.search(r'<stroke_path linewidth="([^"]+)".*transform="([^"]+)"', line)
        if m: cur = [float(m.group(1)), list(map(float, m.group(2).split())), []]; continue
        if cur is not None:
            m = re.search(r'<(moveto|lineto) x="([^"]+)" y="([^"]+)"', line)
            if m: cur[2].append((m.group(1), float(m.group(2)), float(m.group(3)))); continue
            if '</stroke_path>' in line:
                lw, (a, b, c, d, e, f), pts = cur; cur = None
                if len(pts) == 2 and pts[0][0] == 'moveto' and pts[1][0] == 'lineto':
                    def tr(x, y): return (a*x + c*y + e, H - (b*x + d*y + f))
                    (x1, y1), (x2, y2) = tr(*pts[0][1:]), tr(*pts[1][1:])
                    L = abs(x2 - x1); s = (a*a + b*b) ** .5
                    if abs(y1 - y2) < 1e-3 and L > 20 and abs(lw*s - L*53/9000) < 0.02:
                        h = L / 2
                        top = y1 + h * 2400 / 4500
                        res.append((page, [min(x1, x2), top - h, max(x1, x2), top]))
    return res


if __name__ == "__main__":
    for p, r in lines(sys.argv[1]):
        print(p, " ".join(f"{v:.2f}" for v in r))
