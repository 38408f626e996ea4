#!/usr/bin/env python3
"""Draws the app icon (two speech bubbles on the brand colour) as PNGs in the
sizes the web manifest needs, without any image library. Run once after
changing the design: `python3 scripts/make-icons.py`."""
import struct, zlib, os

BRAND = (31, 78, 95)
LIGHT = (255, 255, 255)
ACCENT = (224, 138, 0)

def inside_round_rect(x, y, x0, y0, x1, y1, r):
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return x0 <= x <= x1 and y0 <= y <= y1 and (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def colour_at(u, v, maskable):
    """u, v in 0..1; maskable icons fill the whole square (the OS crops)."""
    if not maskable and not inside_round_rect(u, v, 0, 0, 1, 1, 0.18):
        return None
    # Customer bubble (left, light) and reply bubble (right, accent).
    if inside_round_rect(u, v, 0.20, 0.24, 0.66, 0.54, 0.09) or (0.26 <= u <= 0.36 and 0.50 <= v <= 0.64 and v - 0.50 <= (0.36 - u) * 1.4):
        return LIGHT
    if inside_round_rect(u, v, 0.36, 0.50, 0.80, 0.76, 0.08) or (0.66 <= u <= 0.74 and 0.72 <= v <= 0.84 and v - 0.72 <= (u - 0.66) * 1.5):
        return ACCENT
    return BRAND

def png(size, maskable):
    rows = []
    samples = 3
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    c = colour_at((x + (sx + .5) / samples) / size, (y + (sy + .5) / samples) / size, maskable)
                    if c:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            n = samples * samples
            alpha = acc[3] // n
            covered = max(acc[3] // 255, 1)
            row += bytes([acc[0] // covered, acc[1] // covered, acc[2] // covered, alpha])
        rows.append(bytes(row))
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    header = struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')

out = os.path.join(os.path.dirname(__file__), '..', 'public', 'icons')
os.makedirs(out, exist_ok=True)
for size in (192, 512):
    open(os.path.join(out, f'icon-{size}.png'), 'wb').write(png(size, False))
    open(os.path.join(out, f'icon-maskable-{size}.png'), 'wb').write(png(size, True))
open(os.path.join(out, 'icon-180.png'), 'wb').write(png(180, True))
