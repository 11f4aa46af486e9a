"""Logo and photo uploads: what is refused, and what is stored."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from directory.models import ListingMembership, ListingPhoto
from directory.tests.factories import ListingFactory, MembershipFactory

from .conftest import image_bytes
from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(client):
    user = UserFactory()
    client.force_login(user)
    listing = ListingFactory(status="draft")
    MembershipFactory(listing=listing, user=user, role=ListingMembership.TeamRole.OWNER)
    return listing


def photos_url(listing):
    return reverse("accounts:photos", kwargs={"slug": listing.slug})


def upload(client, listing, content, name="photo.jpg", content_type="image/jpeg", caption=""):
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(photos_url(listing), {"image": file, "caption": caption})


def error_of(response):
    return " ".join(response.context["form"].errors["image"])


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "KameraMerek"  # Make
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (7.0, 27.0, 0.0), 3: "E", 4: (112.0, 43.0, 0.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 120, 200)).save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def png_header_only(width, height):
    """A PNG that declares a huge canvas in a few bytes: the shape of a decompression bomb."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_photo_upload_is_re_encoded_under_a_random_name_with_a_thumbnail(client, listing, media):
    response = upload(
        client, listing, image_bytes(size=(1600, 1200)), name="rumah-saya.jpg", caption="Pabrik"
    )
    assert response.status_code == 302
    photo = ListingPhoto.objects.get()
    assert photo.caption == "Pabrik"
    assert "rumah-saya" not in photo.image.name
    assert photo.image.name.startswith("photos/") and photo.image.name.endswith(".jpg")
    assert photo.thumbnail.name.startswith("photos/thumbs/")
    with Image.open(photo.thumbnail.path) as thumb:
        assert thumb.width <= 480 and thumb.height <= 360
    with Image.open(photo.image.path) as image:
        assert image.format == "JPEG"
        assert image.size == (1600, 1200)
    page = client.get(photos_url(listing)).content.decode()
    assert photo.thumbnail.url in page


@pytest.mark.parametrize(("fmt", "ext"), [("PNG", "png"), ("WEBP", "webp")])
def test_png_and_webp_are_accepted(client, listing, fmt, ext):
    response = upload(client, listing, image_bytes(fmt), name=f"a.{ext}", content_type=f"image/{ext}")
    assert response.status_code == 302
    assert ListingPhoto.objects.get().image.name.endswith(f".{ext}")


def test_gps_exif_is_stripped(client, listing):
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(0x8825)  # the test file really carries GPS
    assert upload(client, listing, original).status_code == 302
    photo = ListingPhoto.objects.get()
    for stored in [photo.image, photo.thumbnail]:
        with Image.open(stored.path) as image:
            exif = image.getexif()
            assert not exif.get_ifd(0x8825)
            assert 0x010F not in exif
        assert b"KameraMerek" not in stored.read()


def test_oversized_file_is_refused_naming_the_limit(client, listing):
    content = image_bytes() + b"\0" * (5 * 1024 * 1024)
    response = upload(client, listing, content)
    assert response.status_code == 400
    assert "maksimal 5 MB" in error_of(response)
    assert not ListingPhoto.objects.exists()


def test_decompression_bomb_header_is_refused(client, listing):
    response = upload(client, listing, png_header_only(100_000, 100_000), name="bomb.png")
    assert response.status_code == 400
    assert "40" in error_of(response)
    assert not ListingPhoto.objects.exists()


def test_image_over_40_megapixels_is_refused(client, listing):
    buffer = io.BytesIO()
    Image.new("L", (8000, 5500)).save(buffer, format="PNG")  # 44 MP, a small file
    response = upload(client, listing, buffer.getvalue(), name="large.png")
    assert response.status_code == 400
    assert "8000 × 5500" in error_of(response)
    assert "40" in error_of(response)


def test_text_file_renamed_jpg_is_refused(client, listing):
    response = upload(client, listing, b"just some text, not a photo\n" * 20, name="photo.jpg")
    assert response.status_code == 400
    assert "JPEG, PNG, atau WebP" in error_of(response)
    assert not ListingPhoto.objects.exists()


def test_svg_is_refused(client, listing):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="9" height="9"/></svg>'
    )
    response = upload(client, listing, svg, name="logo.svg", content_type="image/svg+xml")
    assert response.status_code == 400
    assert "JPEG, PNG, atau WebP" in error_of(response)


def test_gif_is_refused(client, listing):
    response = upload(client, listing, image_bytes("GIF"), name="a.gif", content_type="image/gif")
    assert response.status_code == 400


def test_truncated_jpeg_is_refused(client, listing):
    response = upload(client, listing, image_bytes()[:300])
    assert response.status_code == 400
    assert not ListingPhoto.objects.exists()


def test_at_most_ten_photos(client, listing, settings):
    for n in range(10):
        assert upload(client, listing, image_bytes(size=(40, 30)), caption=str(n)).status_code == 302
    response = upload(client, listing, image_bytes(size=(40, 30)))
    assert response.status_code == 400
    assert "10" in error_of(response)
    assert listing.photos.count() == 10


def test_reorder_caption_and_delete(client, listing):
    for caption in ["A", "B", "C"]:
        upload(client, listing, image_bytes(size=(40, 30)), caption=caption)
    a, b, c = listing.photos.all()

    def order():
        return [p.caption for p in listing.photos.all()]

    client.post(reverse("accounts:photo_move", args=[listing.slug, c.pk]), {"direction": "up"})
    assert order() == ["A", "C", "B"]
    client.post(reverse("accounts:photo_move", args=[listing.slug, a.pk]), {"direction": "up"})
    assert order() == ["A", "C", "B"]
    client.post(reverse("accounts:photo_move", args=[listing.slug, a.pk]), {"direction": "down"})
    assert order() == ["C", "A", "B"]

    client.post(reverse("accounts:photo_caption", args=[listing.slug, b.pk]), {"caption": "Ruang jahit"})
    b.refresh_from_db()
    assert b.caption == "Ruang jahit"

    storage = a.image.storage
    names = [a.image.name, a.thumbnail.name]
    client.post(reverse("accounts:photo_delete", args=[listing.slug, a.pk]))
    assert order() == ["C", "Ruang jahit"]
    assert not any(storage.exists(name) for name in names)


def test_logo_upload_replace_and_remove(client, listing):
    url = reverse("accounts:logo", kwargs={"slug": listing.slug})
    png = SimpleUploadedFile("merek.png", image_bytes("PNG", size=(2000, 1000)), content_type="image/png")
    assert client.post(url, {"logo": png}).status_code == 302
    listing.refresh_from_db()
    first = listing.logo.name
    assert first.startswith("logos/") and "merek" not in first
    with Image.open(listing.logo.path) as logo:
        assert max(logo.size) <= 512

    jpeg = SimpleUploadedFile("b.jpg", jpeg_with_gps(), content_type="image/jpeg")
    client.post(url, {"logo": jpeg})
    listing.refresh_from_db()
    assert listing.logo.name != first
    assert not listing.logo.storage.exists(first)
    with Image.open(listing.logo.path) as logo:
        assert not logo.getexif().get_ifd(0x8825)

    client.post(url, {"remove": "1"})
    listing.refresh_from_db()
    assert not listing.logo


def test_logo_refusal_names_the_limit(client, listing):
    url = reverse("accounts:logo", kwargs={"slug": listing.slug})
    svg = SimpleUploadedFile("a.svg", b"<svg/>", content_type="image/svg+xml")
    response = client.post(url, {"logo": svg})
    assert response.status_code == 400
    assert "JPEG, PNG, atau WebP" in " ".join(response.context["logo_form"].errors["logo"])
    listing.refresh_from_db()
    assert not listing.logo


@pytest.mark.usefixtures("lifecycle_open")
def test_photo_on_a_published_listing_flags_it_for_review(client, listing):
    listing.status = "published"
    listing.save()
    upload(client, listing, image_bytes(size=(40, 30)))
    listing.refresh_from_db()
    assert listing.changed_since_review


def test_photo_added_in_the_admin_without_thumbnail_still_shows(client, listing):
    ListingPhoto.objects.create(listing=listing, image="photos/from-admin.jpg", caption="Admin")
    response = client.get(photos_url(listing))
    assert response.status_code == 200
    assert "/media/photos/from-admin.jpg" in response.content.decode()
