"""Checking and cleaning uploaded images.

Every upload is opened and re-encoded with Pillow: a file that is not really
a JPEG, PNG or WebP image is refused, and what is stored carries no metadata
(EXIF, GPS, XMP, comments, text chunks, ICC profiles: colours are converted
to sRGB first) from the original. Files get random names.
"""

import uuid
import warnings
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
THUMBNAIL_SIZE = (480, 360)
LOGO_SIZE = (512, 512)
PHOTO_SIZE = (2400, 2400)
_SRGB = ImageCms.createProfile("sRGB")


def check_size(upload):
    """Refuse a file over the upload limit before anything reads it."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("This file is %(size)s; files can be at most %(limit)s MB."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": limit // (1024 * 1024)},
        )


def open_image(upload):
    """Open an upload as a JPEG, PNG or WebP image within the size limits, or refuse it."""
    check_size(upload)
    max_pixels = settings.UPLOAD_MAX_PIXELS
    upload.seek(0)
    refused = ValidationError(
        _("This file is not a JPEG, PNG or WebP image. Upload a photo in one of those formats."),
        code="not_an_image",
    )
    try:
        # Pillow only reads the header here, so a decompression bomb is caught
        # by its declared size before any pixel is decoded.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ALLOWED_FORMATS:
                raise refused
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("This image is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels."),
                    code="too_many_pixels",
                    params={"width": width, "height": height, "limit": max_pixels // 1_000_000},
                )
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("This image is too large once decoded; the limit is %(limit)s megapixels."),
            code="too_many_pixels",
            params={"limit": max_pixels // 1_000_000},
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise refused from None
    return image


def _to_srgb(image):
    """Colours converted from the image's embedded ICC profile to sRGB, so the profile can go."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "L"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(BytesIO(icc))
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=image.mode) or image
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _encode(image, fmt, max_size):
    """Re-encode without metadata, turned upright and no larger than max_size."""
    image = ImageOps.exif_transpose(image)
    image.thumbnail(max_size)
    image = _to_srgb(image)
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    # Pillow writes some of image.info back on save (a JPEG's comment, a PNG's
    # ICC profile): keep only the palette transparency, which is image data.
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    buffer = BytesIO()
    options = {"JPEG": {"quality": 85, "optimize": True}, "WEBP": {"quality": 85}, "PNG": {"optimize": True}}
    image.save(buffer, format=fmt, **options[fmt])
    return buffer.getvalue()


def clean_image(upload, *, max_size=PHOTO_SIZE, thumbnail_size=None):
    """Return (image file, thumbnail file or None) re-encoded from an upload, under random names."""
    image = open_image(upload)
    fmt = image.format
    ext = ALLOWED_FORMATS[fmt]
    name = uuid.uuid4().hex
    main = ContentFile(_encode(image, fmt, max_size), name=f"{name}.{ext}")
    thumb = None
    if thumbnail_size:
        thumb = ContentFile(_encode(image, fmt, thumbnail_size), name=f"{name}.{ext}")
    return main, thumb


def clean_document(upload):
    """A claim's supporting document: a PDF kept as sent, or an image cleaned like a photo."""
    check_size(upload)
    upload.seek(0)
    if upload.read(5) == b"%PDF-":
        upload.seek(0)
        return ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.pdf")
    try:
        main, _thumb = clean_image(upload)
    except ValidationError as error:
        if error.code == "not_an_image":
            raise ValidationError(
                _("Upload a PDF, or a JPEG, PNG or WebP image."), code="bad_document"
            ) from None
        raise
    return main
