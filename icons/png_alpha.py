#!/usr/bin/env python3
"""Give LibreOffice's opaque PNG exports a transparent surround (no PIL needed).

  png_alpha.py key IN OUT
      Flood-fills the near-white area connected to the corners and makes it
      transparent; light anti-aliased edge pixels get partial alpha with their
      colour un-blended from white. Inner white (the check mark) stays opaque.
  png_alpha.py silhouette IN OUT RRGGBB
      For a dark drawing on white: alpha = darkness, colour = RRGGBB
      (used for the high-contrast variants, light on transparent).

Reads and writes 8-bit RGB/RGBA, non-interlaced PNG.
"""
import struct
import sys
import zlib
from collections import deque


def read_png(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit(f'{path}: not a PNG')
    pos, idat = 8, b''
    while pos < len(data):
        (length,) = struct.unpack('>I', data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    if depth != 8 or ctype not in (2, 6) or interlace:
        sys.exit(f'{path}: only 8-bit RGB/RGBA non-interlaced PNG')
    bpp = 4 if ctype == 6 else 3
    raw, stride = zlib.decompress(idat), w * bpp
    rows, prev, p = [], bytearray(stride), 0
    for _ in range(h):
        f, line = raw[p], bytearray(raw[p + 1:p + 1 + stride])
        p += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pr) & 255
        rows.append(line)
        prev = line
    # Always RGBA from here on.
    if bpp == 3:
        rows = [bytearray(b''.join(bytes(r[i:i + 3]) + b'\xff' for i in range(0, stride, 3))) for r in rows]
    return w, h, rows


def write_png(path, w, h, rows):
    def chunk(kind, body):
        return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff)
    raw = b''.join(b'\x00' + bytes(r) for r in rows)
    png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 6, 0, 0, 0))
           + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))
    open(path, 'wb').write(png)


def key(w, h, rows):
    def whitish(x, y):
        return min(rows[y][4 * x:4 * x + 3]) >= 200
    seen = [[False] * w for _ in range(h)]
    todo = deque([(0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)])
    while todo:
        x, y = todo.popleft()
        if x < 0 or y < 0 or x >= w or y >= h or seen[y][x] or not whitish(x, y):
            continue
        seen[y][x] = True
        todo.extend([(x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)])
    for y in range(h):
        for x in range(w):
            if not seen[y][x]:
                continue
            r, g, b = rows[y][4 * x:4 * x + 3]
            a = 255 - min(r, g, b)
            if a == 0:
                rows[y][4 * x:4 * x + 4] = bytes(4)
            else:
                af = a / 255
                rgb = [max(0, min(255, round((v - (1 - af) * 255) / af))) for v in (r, g, b)]
                rows[y][4 * x:4 * x + 4] = bytes(rgb + [a])


def silhouette(w, h, rows, colour):
    rgb = bytes.fromhex(colour)
    for y in range(h):
        for x in range(w):
            r, g, b = rows[y][4 * x:4 * x + 3]
            a = 255 - (r * 299 + g * 587 + b * 114) // 1000
            rows[y][4 * x:4 * x + 4] = rgb + bytes([a]) if a else bytes(4)


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ('key', 'silhouette'):
        sys.exit(__doc__)
    w, h, rows = read_png(sys.argv[2])
    if sys.argv[1] == 'key':
        key(w, h, rows)
    else:
        silhouette(w, h, rows, sys.argv[4] if len(sys.argv) > 4 else 'ffffff')
    write_png(sys.argv[3], w, h, rows)


if __name__ == '__main__':
    main()
