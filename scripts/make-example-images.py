"""Draw the pictures of examples/park-expansion-2025.json (a park "photo" and an agency logo).

Made here, not downloaded: ``python scripts/make-example-images.py`` (needs Pillow, which the
``charts`` extra brings with matplotlib).  The output is committed under examples/images/.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "examples" / "images"


def photo(path: Path) -> None:
    """A park in early summer: sky, hills, lawn, path, trees and a pavilion (JPEG)."""
    w, h = 960, 600
    rnd = random.Random(2025)
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    for y in range(h):  # sky gradient
        t = y / (h * 0.55)
        d.line([(0, y), (w, y)], fill=(int(120 + 100 * t), int(175 + 60 * t), int(235 + 15 * t)))
    for cx, cy, r in ((180, 90, 40), (240, 80, 55), (300, 95, 38), (700, 120, 45), (760, 110, 60)):
        d.ellipse((cx - r, cy - r * 0.6, cx + r, cy + r * 0.6), fill=(250, 250, 252))
    d.polygon([(0, 330), (200, 250), (420, 310), (640, 230), (960, 320), (960, 600), (0, 600)],
              fill=(96, 150, 96))
    d.rectangle((0, 360, w, h), fill=(118, 178, 88))
    d.polygon([(430, 600), (530, 600), (505, 360), (480, 360)], fill=(214, 196, 160))
    for _ in range(900):  # grass texture
        x, y = rnd.randrange(w), rnd.randrange(370, h)
        g = rnd.randrange(140, 200)
        d.line([(x, y), (x + rnd.choice((-1, 0, 1)), y - 6)], fill=(90, g, 70))
    for x, y, s in ((110, 420, 1.2), (250, 400, 0.9), (760, 410, 1.1), (880, 440, 1.3),
                    (650, 390, 0.8)):
        d.rectangle((x - 8 * s, y - 10 * s, x + 8 * s, y + 60 * s), fill=(110, 80, 50))
        for dx, dy, r in ((0, -60, 55), (-35, -35, 40), (35, -35, 40), (0, -20, 45)):
            d.ellipse((x + (dx - r) * s, y + (dy - r) * s, x + (dx + r) * s, y + (dy + r) * s),
                      fill=(46 + rnd.randrange(20), 110 + rnd.randrange(30), 52))
    d.polygon([(520, 330), (600, 290), (680, 330)], fill=(150, 60, 50))  # pavilion
    d.rectangle((535, 330, 665, 338), fill=(120, 50, 40))
    for x in (545, 590, 610, 655):
        d.rectangle((x, 338, x + 6, 385), fill=(140, 100, 70))
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    img.save(path, "JPEG", quality=82, dpi=(150, 150))


def logo(path: Path) -> None:
    """A round emblem: a tree over two hills in the accent navy (PNG, transparent)."""
    s = 480
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((8, 8, s - 8, s - 8), fill=(0, 0, 128, 255))
    d.ellipse((40, 40, s - 40, s - 40), fill=(255, 255, 255, 255))
    scene = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    sd = ImageDraw.Draw(scene)
    sd.rectangle((228, 200, 252, 330), fill=(110, 80, 50, 255))
    sd.ellipse((150, 80, 330, 250), fill=(46, 140, 80, 255))
    sd.ellipse((40, 300, 300, 560), fill=(46, 140, 80, 255))
    sd.ellipse((190, 320, 470, 600), fill=(0, 0, 128, 255))
    inner = Image.new("L", (s, s), 0)
    ImageDraw.Draw(inner).ellipse((40, 40, s - 40, s - 40), fill=255)
    img.paste(scene, (0, 0), Image.composite(scene.getchannel("A"), inner, inner))
    mask = Image.new("L", (s, s), 0)
    ImageDraw.Draw(mask).ellipse((8, 8, s - 8, s - 8), fill=255)
    img.putalpha(mask)
    img.save(path, "PNG", dpi=(300, 300))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    photo(OUT / "park-photo.jpg")
    logo(OUT / "agency-logo.png")
    print("written", *sorted(p.name for p in OUT.iterdir()))
