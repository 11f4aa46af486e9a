"""No metadata of an upload survives in the stored photo, logo or thumbnail."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin

from accounts.images import clean_document, clean_image

MARKERS = [b"SECRET-EXIF", b"SECRET-COMMENT", b"SECRET-XMP", b"SECRET-TEXT", b"SECRET-ITXT"]
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def image_with_metadata(fmt, mode="RGB"):
    image = Image.new(mode, (64, 48), (200, 10, 10) if mode == "RGB" else (200, 10, 10, 128))
    exif = Image.Exif()
    exif[0x010E] = "SECRET-EXIF"  # ImageDescription
    options = {"exif": exif.tobytes(), "icc_profile": SRGB}
    if fmt == "JPEG":
        options.update(comment=b"SECRET-COMMENT", xmp=b"SECRET-XMP")
    elif fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "SECRET-TEXT")
        info.add_itxt("Description", "SECRET-ITXT")
        options["pnginfo"] = info
    elif fmt == "WEBP":
        options["xmp"] = b"SECRET-XMP"
    buffer = BytesIO()
    image.save(buffer, format=fmt, **options)
    data = buffer.getvalue()
    assert any(marker in data for marker in MARKERS)  # the upload does carry them
    return data


@pytest.mark.parametrize(("fmt", "mode"), [("JPEG", "RGB"), ("PNG", "RGB"), ("PNG", "RGBA"), ("WEBP", "RGB")])
def test_photo_and_thumbnail_carry_no_metadata(fmt, mode):
    upload = SimpleUploadedFile("upload", image_with_metadata(fmt, mode))
    main, thumb = clean_image(upload, thumbnail_size=(32, 32))
    for stored in (main, thumb):
        data = stored.read()
        assert not [m for m in MARKERS if m in data]
        info = Image.open(BytesIO(data)).info
        assert not {"comment", "exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "Comment"} & set(info)


def test_a_claim_document_image_carries_no_metadata():
    document = clean_document(SimpleUploadedFile("nib.jpg", image_with_metadata("JPEG")))
    assert not [m for m in MARKERS if m in document.read()]


def test_an_srgb_profile_goes_and_the_colours_stay():
    image = Image.new("RGB", (8, 8), (120, 60, 200))
    buffer = BytesIO()
    image.save(buffer, format="PNG", icc_profile=SRGB)
    main, _thumb = clean_image(SimpleUploadedFile("p.png", buffer.getvalue()))
    stored = Image.open(BytesIO(main.read()))
    assert "icc_profile" not in stored.info
    assert stored.convert("RGB").getpixel((0, 0)) == (120, 60, 200)
