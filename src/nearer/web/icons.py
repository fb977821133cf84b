"""Draw the home-screen icons (``python -m nearer.web.icons``), once, into static/.

The PNGs are committed; this module only exists so that they can be remade exactly (a test
checks the committed files match). It draws the two overlapping circles of ``icon.svg``
with the standard library alone (zlib for PNG), so there is no image dependency.

"any" icons have a transparent background; "maskable" ones fill the square with the page
colour and keep the circles inside the central safe zone, a circle of 40% of the size
(W3C Web App Manifest, "maskable" purpose; 80% diameter safe zone).
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from pathlib import Path

ICONS = Path(__file__).resolve().parent / "static" / "nearer" / "icons"
SIZES = (192, 512)

# The colours of icon.svg and nearer.css (--accent, its light tint, --bg).
DARK = (0x8C, 0x2F, 0x4F)
LIGHT = (0xD9, 0x8B, 0xA3)
LIGHT_OPACITY = 0.8
BACKGROUND = (0xFB, 0xF8, 0xF4)

Pixel = tuple[float, float, float, float]


def _colour(rgb: tuple[int, int, int], alpha: float) -> Pixel:
    return (rgb[0] / 255, rgb[1] / 255, rgb[2] / 255, alpha)


def _over(top: Pixel, bottom: Pixel) -> Pixel:
    """Porter-Duff "source over" with straight (not premultiplied) alpha."""
    alpha = top[3] + bottom[3] * (1 - top[3])
    if alpha == 0:
        return (0.0, 0.0, 0.0, 0.0)
    channels = [(top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / alpha for i in range(3)]
    return (channels[0], channels[1], channels[2], alpha)


def draw(size: int, maskable: bool) -> bytes:
    """The icon as PNG bytes: the same input gives the same bytes."""
    # icon.svg's geometry on a 32-unit square; maskable icons shrink it into the safe zone.
    scale = size / 32 * (0.72 if maskable else 1.0)
    centre = size / 2
    circles = (
        (centre - 4 * scale, centre, 9 * scale, DARK, 1.0),
        (centre + 4 * scale, centre, 9 * scale, LIGHT, LIGHT_OPACITY),
    )
    base = _colour(BACKGROUND, 1.0) if maskable else (0.0, 0.0, 0.0, 0.0)
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter type 0 (None) for every row
        for x in range(size):
            pixel = base
            for cx, cy, r, colour, opacity in circles:
                # Coverage from the distance to the edge: one pixel of anti-aliasing.
                d = math.hypot(x + 0.5 - cx, y + 0.5 - cy)
                cover = min(1.0, max(0.0, r - d + 0.5))
                if cover:
                    pixel = _over(_colour(colour, cover * opacity), pixel)
            row += bytes(round(v * 255) for v in pixel)
        rows.append(bytes(row))
    return _png(size, b"".join(rows))


def _png(size: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def files() -> dict[str, tuple[int, bool]]:
    """File name -> (size, maskable) of every icon the manifest lists."""
    names = {f"icon-{s}.png": (s, False) for s in SIZES}
    names |= {f"maskable-{s}.png": (s, True) for s in SIZES}
    return names


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    for name, (size, maskable) in files().items():
        (ICONS / name).write_bytes(draw(size, maskable))
        sys.stdout.write(f"wrote {ICONS / name}\n")


if __name__ == "__main__":
    main()
