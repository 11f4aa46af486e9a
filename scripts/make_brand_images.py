#!/usr/bin/env python
"""Draw the portal's favicon, touch icon and link-preview card into static/img/.

    DEBUG=true python scripts/make_brand_images.py

The images are committed; run this again after changing their design
(directory/og.py draws the preview card, listings' cards included).
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def icon(size):
    from PIL import Image, ImageDraw, ImageFont

    from directory.og import BLUE, ROLE_COLOURS

    scale = 4  # drawn large, then reduced: smooth edges at 16 px
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=BLUE)
    font = ImageFont.load_default(round(big * 0.42))
    box = draw.textbbox((0, 0), "IFN", font=font, stroke_width=scale)
    x = (big - (box[2] - box[0])) / 2 - box[0]
    y = (big - (box[3] - box[1])) / 2 - box[1] - big * 0.06
    draw.text((x, y), "IFN", font=font, fill="white", stroke_width=scale, stroke_fill="white")
    step = big * 0.7 / len(ROLE_COLOURS)
    for i, colour in enumerate(ROLE_COLOURS.values()):
        left = big * 0.15 + i * step
        draw.rectangle(
            (left, big * 0.76, left + step - scale, big * 0.84), fill=tuple(min(255, c + 90) for c in colour)
        )
    return image.resize((size, size), Image.LANCZOS)


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ifn.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from django.utils import translation

    from directory.og import site_card

    out = ROOT / "static" / "img"
    icon(48).save(out / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    icon(180).convert("RGB").save(out / "apple-touch-icon.png", optimize=True)
    with translation.override("id"):
        (out / "social.png").write_bytes(site_card())
    print("Wrote favicon.ico, apple-touch-icon.png and social.png in static/img/.")


if __name__ == "__main__":
    main()
