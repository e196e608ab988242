#!/usr/bin/env python3
"""Draws the app icon (icons/icon.png): a magenta rounded square with three white
speech bars, the forum's conversation. Standard library only, so anyone can redraw it."""
import struct, zlib, sys

S = 256
MAGENTA = (0xB0, 0x1E, 0x7C, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)

def inside_rounded(x, y, x0, y0, x1, y1, r):
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r and x0 <= x <= x1 and y0 <= y <= y1

bars = [(56, 70, 200, 96), (56, 115, 170, 141), (56, 160, 130, 186)]
rows = []
for y in range(S):
    row = bytearray([0])
    for x in range(S):
        px = CLEAR
        if inside_rounded(x, y, 8, 8, S - 9, S - 9, 48):
            px = MAGENTA
            if any(inside_rounded(x, y, a, b, c, d, 13) for a, b, c, d in bars):
                px = WHITE
        row += bytes(px)
    rows.append(bytes(row))

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", S, S, 8, 6, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
open(sys.argv[1] if len(sys.argv) > 1 else "icons/icon.png", "wb").write(png)
