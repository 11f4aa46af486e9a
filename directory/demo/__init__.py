"""The directory's demo data: believable, fictitious listings, all flagged
`is_demo`, written so that running seed_demo again changes nothing.

listings.py says what each listing is; this module writes it: a listing
already as specified is not saved again (no new history entry), and
placeholder logos and photos are drawn only once.

Demo data beyond the listings: the directory seeds its own rosters and supply
links; apps above it add theirs (enquiries, projects) by registering a seeder
from their AppConfig.ready(), so the directory never imports them. Every
seeder is idempotent: a second run changes nothing.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction

from ..models import (
    CertificateCheck,
    Listing,
    ListingMembership,
    ListingPhoto,
    Verification,
    lifecycle_change,
)
from . import images
from .listings import Taxonomy, build_specs

M2M = ["roles", "categories", "features", "certifications"]


def seed_listings(*, count, company):
    """Create or bring up to date the demo listings; return them, in order.

    The demo company account owns the first published listing and a draft.
    """
    taxonomy = Taxonomy()
    listings = []
    with transaction.atomic():
        for spec in build_specs(count, taxonomy):
            listing = _write(spec)
            _pictures(listing, spec)
            _evidence(listing)
            listings.append(listing)
        draft = next(x for x in listings if x.status == Listing.Status.DRAFT)
        for listing in (listings[0], draft):
            ListingMembership.objects.get_or_create(
                listing=listing, user=company, defaults={"role": ListingMembership.TeamRole.OWNER}
            )
    return listings


def _same(listing, name, wanted):
    current = getattr(listing, name)
    if name in ("phone", "whatsapp"):
        return (current.as_e164 if current else "") == wanted
    if name == "export_markets":
        return [country.code for country in current] == list(wanted)
    if name == "verified_at":
        # Verified listings keep their date; only its presence is part of the spec.
        return (current is None) == (wanted is None)
    return current == wanted


def _write(spec):
    """Save the listing if it differs from its spec, as one history entry."""
    listing = Listing.objects.filter(slug=spec.slug).first()
    m2m = {"roles": spec.roles, "categories": spec.categories, "features": spec.features}
    m2m["certifications"] = spec.certifications
    if listing is not None:
        fields_differ = any(not _same(listing, name, value) for name, value in spec.fields.items())
        links_differ = any(
            set(getattr(listing, name).values_list("pk", flat=True)) != set(values)
            for name, values in m2m.items()
        )
        if not (fields_differ or links_differ):
            return listing
    else:
        listing = Listing(slug=spec.slug)
    for name, value in spec.fields.items():
        if not _same(listing, name, value) or listing.pk is None:
            setattr(listing, name, value)
    listing.full_clean(exclude=["slug"] if listing.pk is None else None)
    # Demo listings are fictitious: they are written in the status their spec
    # gives, through the guard's own door rather than as moderators' decisions.
    with lifecycle_change():
        listing.save_with_history(m2m=m2m)
    return listing


def _evidence(listing):
    """What BPIPI checked on a verified demo listing: its NIB where it has one, a
    site visit, and the first certification it declares. No badge without evidence."""
    if not listing.verified or listing.verifications.exists():
        return
    checked_on = listing.verified_at
    verification = Verification.objects.create(
        listing=listing,
        nib_confirmed=bool(listing.nib),
        site_visit_on=(checked_on - timedelta(days=7)).date(),
        checked_at=checked_on,
    )
    certification = listing.certifications.first()
    if certification is not None:
        CertificateCheck.objects.create(
            verification=verification,
            certification=certification,
            number=f"DEMO-{listing.pk:05d}",
            issuer="Lembaga Sertifikasi Produk (demo)",
            expires_on=(checked_on + timedelta(days=3 * 365)).date(),
        )


def _pictures(listing, spec):
    """Placeholder logo and photos, drawn the first time only."""
    if spec.logo and not listing.logo:
        role = spec.roles[-1] if "brand" in spec.roles else spec.roles[0]
        listing.logo.save(
            f"demo-{listing.pk}.png", ContentFile(images.logo_png(listing.name, role)), save=False
        )
        # The logo alone changed: no history entry for a placeholder.
        Listing.objects.filter(pk=listing.pk).update(logo=listing.logo.name)
    if spec.photos and not listing.photos.exists():
        for position, caption in enumerate(spec.photos):
            content = images.photo_jpeg(f"{listing.slug}-{position}", caption, spec.roles[0])
            photo = ListingPhoto(listing=listing, caption=caption, position=position)
            photo.image.save(f"demo-{listing.pk}-{position}.jpg", ContentFile(content), save=False)
            photo.thumbnail.save(
                f"demo-{listing.pk}-{position}-thumb.jpg",
                ContentFile(images.thumbnail_jpeg(content)),
                save=False,
            )
            photo.save()


# --- Demo data beyond the listings ------------------------------------------------

SEEDERS = []


def register(seeder):
    """Add `seeder(*, listings, staff, company, stdout)` to what seed_demo runs, in registration order."""
    if seeder not in SEEDERS:
        SEEDERS.append(seeder)
    return seeder


def seed_all(*, listings, staff, company, stdout):
    from ..management.commands._seed_network import seed_network

    for seeder in [seed_network, *SEEDERS]:
        seeder(listings=listings, staff=staff, company=company, stdout=stdout)
