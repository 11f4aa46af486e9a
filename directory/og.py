"""Link-preview images (OpenGraph): one per listing, and the portal's own.

A link shared on WhatsApp, Instagram or Facebook shows a 1200 × 630 card in
the portal's look: the listing's name, its chain roles in their colours, its
city, whether BPIPI verified it, and its logo. The font is the one Pillow
ships, so no system font is needed.

A listing's card is drawn once per version of the listing and language and
kept in the default storage (the uploads' store: a folder or S3); answering
for a card already drawn costs a storage read, not a drawing.
"""

import hashlib
import io
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from .models import Role

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
BLUE = (11, 79, 138)
INK = (27, 39, 51)
MUTED = (79, 93, 107)
LINE = (213, 219, 226)
GREEN = (23, 105, 58)
# The chain's colours, as in static/css/src/_tokens.scss.
ROLE_COLOURS = {
    "material": (122, 68, 25),
    "supplier": (133, 86, 0),
    "producer": (75, 58, 153),
    "brand": (163, 25, 91),
    "organisation": (14, 107, 94),
}
STORAGE_DIR = "og"
# Bump when the drawing changes, so cards drawn before are drawn again.
DESIGN = 1


def _font(size):
    return ImageFont.load_default(size)


def _tint(colour, amount=0.12):
    return tuple(round(c * amount + 255 * (1 - amount)) for c in colour)


def _text(draw, xy, text, size, fill, bold=False):
    draw.text(xy, text, font=_font(size), fill=fill, stroke_width=1 if bold else 0, stroke_fill=fill)


def _wrap(text, size, width, lines):
    """`text` in at most `lines` lines of `width` pixels, the last cut with an ellipsis."""
    font = _font(size)
    words, result, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            result.append(current)
        current = word
    if current:
        result.append(current)
    if len(result) > lines:
        result = result[:lines]
        result[-1] += " …"
    for i, line in enumerate(result):
        while font.getlength(line) > width and len(line) > 1:
            line = line[:-2] + "…"
        result[i] = line
    return result


def _header(draw):
    draw.rounded_rectangle((64, 56, 164, 108), radius=10, fill=BLUE)
    _text(draw, (80, 60), "IFN", 40, (255, 255, 255), bold=True)
    _text(draw, (184, 66), _("Indonesia Footwear Network"), 30, MUTED)


def _chain_bar(draw):
    """The five roles' colours along the bottom edge: the chain, upstream to downstream."""
    step = WIDTH / len(ROLE_COLOURS)
    for i, colour in enumerate(ROLE_COLOURS.values()):
        draw.rectangle((round(i * step), HEIGHT - 14, round((i + 1) * step), HEIGHT), fill=colour)


def _chip(draw, x, y, label, colour, size=28):
    font = _font(size)
    width = font.getlength(label) + 36
    draw.rounded_rectangle((x, y, x + width, y + size + 20), radius=(size + 20) // 2, fill=_tint(colour))
    _text(draw, (x + 18, y + 8), label, size, colour, bold=True)
    return x + width + 12


def _check(draw, x, y, colour):
    draw.line((x, y + 16, x + 10, y + 26, x + 28, y + 4), fill=colour, width=6)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _logo(listing):
    if not listing.logo:
        return None
    try:
        with listing.logo.open("rb") as file:
            logo = Image.open(file)
            logo.load()
    except (OSError, ValueError):
        logger.warning("Logo of listing %s could not be read for its preview card", listing.pk)
        return None
    logo = logo.convert("RGBA")
    logo.thumbnail((220, 220))
    return logo


def listing_card(listing):
    """The PNG bytes of a listing's preview card, in the active language."""
    image = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    roles = list(listing.roles.all())
    first = ROLE_COLOURS.get(roles[0].code, BLUE) if roles else BLUE
    draw.rectangle((0, 0, 18, HEIGHT - 14), fill=first)
    _header(draw)
    text_width = 1200 - 64 - 64
    logo = _logo(listing)
    if logo:
        text_width -= 260
        x = WIDTH - 64 - logo.width
        draw.rounded_rectangle(
            (x - 12, 160 - 12, x + logo.width + 12, 160 + logo.height + 12), 16, outline=LINE
        )
        image.paste(logo, (x, 160), logo)
    y = 170
    for line in _wrap(listing.name, 64, text_width, 2):
        _text(draw, (64, y), line, 64, INK, bold=True)
        y += 78
    y += 18
    x = 64
    for role in roles:
        x = _chip(draw, x, y, str(role.label), ROLE_COLOURS.get(role.code, BLUE))
    y += 84
    place = f"{listing.regency.name}, {listing.province.name}"
    for line in _wrap(place, 34, text_width, 1):
        _text(draw, (64, y), line, 34, MUTED)
    y += 70
    if listing.verified:
        _check(draw, 66, y + 4, GREEN)
        _text(draw, (108, y), _("Verified by BPIPI"), 32, GREEN, bold=True)
    elif listing.is_demo:
        _text(draw, (64, y), _("Demo data: a fictitious company"), 30, MUTED)
    host = settings.SITE_URL.split("://", 1)[-1]
    _text(draw, (64, HEIGHT - 72), host, 26, MUTED)
    _chain_bar(draw)
    return _png(image)


def site_card():
    """The portal's own preview card, for pages without one of their own."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BLUE)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((64, 64, 224, 144), radius=14, fill=(255, 255, 255))
    _text(draw, (82, 70), "IFN", 64, BLUE, bold=True)
    y = 200
    for line in _wrap(_("Indonesia Footwear Network"), 72, WIDTH - 128, 2):
        _text(draw, (64, y), line, 72, (255, 255, 255), bold=True)
        y += 88
    for line in _wrap(
        _("The directory of the Indonesian footwear industry, from materials to brands."), 36, 1000, 2
    ):
        _text(draw, (64, y + 10), line, 36, (222, 232, 242))
        y += 48
    x, y = 64, HEIGHT - 130
    for code, colour in ROLE_COLOURS.items():
        x = _chip(draw, x, y, str(Role.Code(code).label), colour, size=26)
    _chain_bar(draw)
    return _png(image)


def listing_card_name(listing, language=None):
    """Where a listing's card is kept: one file per listing version and language,
    in a folder of the listing's own."""
    language = language or get_language() or settings.LANGUAGE_CODE
    return f"{STORAGE_DIR}/{listing.pk}/{language}-{listing_card_version(listing)}.png"


def listing_card_version(listing):
    """A short token that changes with the listing: the card's URL carries it,
    so a preview service fetches a new card after an edit."""
    # Moderation may save only some fields (updated_at then stays): what the
    # card shows is part of the token too.
    shown = [DESIGN, listing.updated_at.isoformat(), listing.name, listing.verified, listing.logo.name]
    return hashlib.sha256(repr(shown).encode()).hexdigest()[:10]


def stored_listing_card(listing):
    """The listing's card, drawn and stored on first use."""
    name = listing_card_name(listing)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as file:
            return file.read()
    content = listing_card(listing)
    folder, filename = name.rsplit("/", 1)
    language = filename.split("-", 1)[0]
    # Earlier versions' cards in this language are never asked for again.
    try:
        earlier = default_storage.listdir(folder)[1]
    except FileNotFoundError:
        earlier = []
    for old in earlier:
        if old.startswith(f"{language}-") and old != filename:
            default_storage.delete(f"{folder}/{old}")
    # Two first requests at once both draw; the storage keeps one under its own name.
    default_storage.save(name, ContentFile(content))
    return content
