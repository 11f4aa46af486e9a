"""Placeholder logos and photos for demo listings, drawn with Pillow. Each
says DEMO on it, so nobody takes it for a real company's picture."""

import io
import random

from PIL import Image, ImageDraw, ImageFont

from ..og import ROLE_COLOURS

WHITE = (255, 255, 255)


def _font(size):
    return ImageFont.load_default(size)


def _ribbon(draw, width, height, size):
    label = "DEMO"
    font = _font(size)
    box = draw.textbbox((0, 0), label, font=font)
    w, h = box[2] - box[0], box[3] - box[1]
    draw.rectangle((width - w - 2 * size // 2, height - h - size, width, height), fill=(240, 180, 0))
    draw.text((width - w - size // 2, height - h - size * 3 // 4), label, font=font, fill=(27, 39, 51))


def logo_png(name, role):
    """A square monogram in the role's colour: the initials of the name."""
    colour = ROLE_COLOURS.get(role, (11, 79, 138))
    words = [
        w for w in name.replace("PT ", "").replace("CV ", "").replace("UD ", "").split() if w[:1].isalpha()
    ]
    initials = "".join(w[0] for w in words[:2]).upper() or "IFN"
    image = Image.new("RGB", (320, 320), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((30, 30, 290, 290), outline=WHITE, width=10)
    font = _font(130)
    box = draw.textbbox((0, 0), initials, font=font, stroke_width=3)
    x = (320 - (box[2] - box[0])) / 2 - box[0]
    y = (320 - (box[3] - box[1])) / 2 - box[1]
    draw.text((x, y), initials, font=font, fill=WHITE, stroke_width=3, stroke_fill=WHITE)
    _ribbon(draw, 320, 320, 28)
    return _encode(image, "PNG")


def photo_jpeg(seed, caption, role):
    """A 1200 × 900 'photo': bands of the role's colour and the caption, marked DEMO."""
    rng = random.Random(seed)
    colour = ROLE_COLOURS.get(role, (11, 79, 138))
    image = Image.new("RGB", (1200, 900), tuple(min(255, c + 150) for c in colour))
    draw = ImageDraw.Draw(image)
    for _band in range(7):
        shade = tuple(min(255, max(0, c + rng.randint(-30, 110))) for c in colour)
        top, left = rng.randint(0, 700), rng.randint(-100, 600)
        box = (left, top, left + rng.randint(300, 800), top + rng.randint(60, 220))
        draw.rounded_rectangle(box, 40, fill=shade)
    draw.rectangle((0, 760, 1200, 900), fill=(27, 39, 51))
    draw.text((48, 790), caption[:60], font=_font(52), fill=WHITE)
    _ribbon(draw, 1200, 760, 44)
    return _encode(image, "JPEG")


def thumbnail_jpeg(content, size=(480, 360)):
    image = Image.open(io.BytesIO(content))
    image.thumbnail(size)
    return _encode(image, "JPEG")


def _encode(image, kind):
    buffer = io.BytesIO()
    image.save(buffer, kind, quality=82, optimize=True)
    return buffer.getvalue()
