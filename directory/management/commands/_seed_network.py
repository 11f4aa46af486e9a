"""Demo rosters and supply links between seed_demo's listings: communities with members, confirmed
links along the chain (materials and components to producers, makloon for brands), a few waiting."""

import random

from django.utils import timezone

from directory.models import CommunityMember, Listing, ListingMembership, SupplyLink, primary_role


def _by_role(listings):
    groups = {}
    for listing in listings:
        role = primary_role(listing)
        if role is not None:
            groups.setdefault(role.code, []).append(listing)
    return groups


def _nearest(rng, listing, candidates, count):
    """Up to `count` candidates, those in the listing's regency first, then its province, then anywhere."""
    same_regency = [c for c in candidates if c.regency_id == listing.regency_id]
    same_province = [c for c in candidates if c.province_id == listing.province_id and c not in same_regency]
    others = [c for c in candidates if c not in same_regency and c not in same_province]
    for group in (same_regency, same_province, others):
        rng.shuffle(group)
    return (same_regency + same_province + others)[:count]


def _link(supplier, customer, *, kind, status, now, proposer=None):
    category = next(iter(supplier.categories.all()), None)
    link = SupplyLink.objects.open().filter(supplier=supplier, customer=customer).first()
    if link is None:
        link = SupplyLink.objects.create(
            supplier=supplier,
            customer=customer,
            kind=kind,
            category=category,
            status=status,
            proposer=proposer or supplier,
            decided_at=now if status == SupplyLink.Status.CONFIRMED else None,
            is_demo=True,
        )
    return link


def seed_network(*, listings, staff, company, stdout):
    rng = random.Random(1313)
    now = timezone.now()
    published = list(
        Listing.objects.filter(pk__in=[x.pk for x in listings], status=Listing.Status.PUBLISHED)
        .prefetch_related("roles", "categories")
        .order_by("pk")
    )
    roles = _by_role(published)
    materials, suppliers = roles.get("material", []), roles.get("supplier", [])
    producers, brands = roles.get("producer", []), roles.get("brand", [])
    links = 0
    for producer in producers[:45]:
        for supplier in _nearest(rng, producer, materials, rng.randint(1, 2)) + _nearest(
            rng, producer, suppliers, rng.randint(0, 2)
        ):
            _link(
                supplier, producer, kind=SupplyLink.Kind.SUPPLY, status=SupplyLink.Status.CONFIRMED, now=now
            )
            links += 1
    for brand in brands[:25]:
        for maker in _nearest(rng, brand, [p for p in producers if p.pk != brand.pk], rng.randint(1, 2)):
            _link(maker, brand, kind=SupplyLink.Kind.MAKLOON, status=SupplyLink.Status.CONFIRMED, now=now)
            links += 1
    for supplier, customer in zip(suppliers[-3:], producers[-3:], strict=False):
        _link(supplier, customer, kind=SupplyLink.Kind.SUPPLY, status=SupplyLink.Status.PROPOSED, now=now)

    organisations = roles.get("organisation", [])
    members = [x for x in published if x not in organisations]
    rosters = 0
    for organisation in organisations:
        for member in _nearest(rng, organisation, members, rng.randint(5, 14)):
            CommunityMember.objects.get_or_create(
                organisation=organisation,
                member=member,
                status=CommunityMember.Status.CONFIRMED,
                defaults={"decided_at": now, "is_demo": True},
            )
            rosters += 1
    # The demo company also runs an association, so its dashboard shows a roster
    # with a request waiting, and its own listing has an invitation to answer.
    if organisations and company is not None:
        association = organisations[0]
        ListingMembership.objects.get_or_create(
            listing=association, user=company, defaults={"role": ListingMembership.TeamRole.OWNER}
        )
        on_roster = set(association.roster.values_list("member", flat=True))
        outsiders = [m for m in members if m.pk not in on_roster]
        waiting = association.roster.filter(status=CommunityMember.Status.REQUESTED).exists()
        if outsiders and not waiting:
            CommunityMember.objects.get_or_create(
                organisation=association,
                member=outsiders[0],
                status=CommunityMember.Status.REQUESTED,
                defaults={"message": "Kami ingin bergabung dengan asosiasi.", "is_demo": True},
            )
        own = listings[0]
        if own.pk != association.pk and len(organisations) > 1:
            CommunityMember.objects.get_or_create(
                organisation=organisations[1],
                member=own,
                defaults={"status": CommunityMember.Status.INVITED, "is_demo": True},
            )
        if own.is_published and producers and own not in producers[:1]:
            _link(producers[0], own, kind=SupplyLink.Kind.SUPPLY, status=SupplyLink.Status.PROPOSED, now=now)
    stdout.write(f"  Network: {links} supply links, {rosters} community memberships (demo).")
