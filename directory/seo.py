"""What search engines and link previews read: absolute URLs and schema.org data.

Absolute URLs are built from settings.SITE_URL rather than the request's host,
so that canonical links, sitemaps and previews name one address whichever
host name a visitor used.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _


def absolute_url(url):
    """Return url on the public site; URLs that are already absolute pass through."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + url


def listing_summary(listing, length=200):
    """One line about a listing for meta descriptions and link previews."""
    text, _fallback = listing.localized_description
    text = " ".join(strip_tags(text).split())
    if text:
        return Truncator(text).chars(length)
    roles = ", ".join(str(role.label) for role in listing.roles.all())
    return _("%(roles)s in %(regency)s, %(province)s") % {
        "roles": roles,
        "regency": listing.regency.name,
        "province": listing.province.name,
    }


def listing_image_url(listing):
    """The picture a link preview shows: the logo, else the first photo."""
    if listing.logo:
        return absolute_url(listing.logo.url)
    photos = listing.photos.all()
    return absolute_url(photos[0].image.url) if photos else ""


def listing_card_url(listing):
    """The listing's link-preview card (directory/og.py), versioned so that a
    preview service fetches it again after an edit."""
    from .og import listing_card_version

    url = reverse("directory:card", kwargs={"slug": listing.slug})
    return absolute_url(f"{url}?v={listing_card_version(listing)}")


def site_card_url():
    """The portal's own link-preview card, for pages without one of their own."""
    return absolute_url(static("img/social.png"))


def organization_jsonld(listing):
    """schema.org Organization for a listing's page, as a dict ready for JSON."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": listing.name,
        "url": absolute_url(listing.get_absolute_url()),
        "description": listing_summary(listing, length=500),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": listing.address,
            "addressLocality": listing.regency.name,
            "addressRegion": listing.province.name,
            "postalCode": listing.postal_code,
            "addressCountry": "ID",
        },
    }
    image = listing_image_url(listing)
    if listing.logo:
        data["logo"] = image
    if image:
        data["image"] = image
    if listing.phone:
        data["telephone"] = listing.phone.as_e164
    if listing.email:
        data["email"] = listing.email
    if listing.year_founded:
        data["foundingDate"] = str(listing.year_founded)
    if listing.nib:
        # The NIB is Indonesia's business registration number.
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "NIB", "value": listing.nib}
    if listing.latitude is not None:
        data["location"] = {
            "@type": "Place",
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(listing.latitude),
                "longitude": float(listing.longitude),
            },
        }
    same_as = [
        url
        for url in [
            listing.website,
            listing.instagram,
            listing.facebook,
            listing.tiktok,
            listing.youtube,
            listing.tokopedia,
            listing.shopee,
        ]
        if url
    ]
    if same_as:
        data["sameAs"] = same_as
    data["address"] = {key: value for key, value in data["address"].items() if value}
    return data


_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(data):
    """JSON safe to place inside a <script> element (no way to close the tag)."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
