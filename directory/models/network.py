"""How listings relate to each other: communities' member rosters and supply links.

Both are directory data: the public pages show them and the directory's
filters read them. The flows that create and change them (invite, request,
propose, confirm, decline, end) live in the `network` app's services.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from ..validators import PlainTextMixin
from .choices import Status
from .listing import Listing
from .taxonomy import Category, Role


def primary_role(listing):
    """The listing's most upstream chain role (its roles prefetched in chain order), or None."""
    roles = list(listing.roles.all())
    return min(roles, key=lambda role: role.position) if roles else None


def group_by_role(listings):
    """[(role, [listing, …]), …] in chain order; each listing under its most upstream role."""
    groups = {}
    for listing in listings:
        role = primary_role(listing)
        if role is not None:
            groups.setdefault(role, []).append(listing)
    return sorted(groups.items(), key=lambda item: item[0].position)


class AnsweredAndEnded(PlainTextMixin, models.Model):
    """What a roster entry and a supply link share: one side asks, the other
    answers, either side may end it later, and who did each and when is kept."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    decided_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    ended_at = models.DateTimeField(_("ended on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        abstract = True


class CommunityMemberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=CommunityMember.Status.CONFIRMED)

    def open(self):
        """Entries waiting for an answer or confirmed: at most one per organisation and member."""
        return self.filter(status__in=CommunityMember.OPEN_STATUSES)

    def waiting(self):
        return self.filter(status__in=[CommunityMember.Status.INVITED, CommunityMember.Status.REQUESTED])

    def public(self):
        """Confirmed memberships between two published listings: what public pages show."""
        return self.confirmed().filter(organisation__status=Status.PUBLISHED, member__status=Status.PUBLISHED)


class CommunityMember(AnsweredAndEnded):
    """A listing on an organisation's member roster.

    The organisation invites (INVITED) or the listing asks to join
    (REQUESTED); the other side's owners confirm. Declined and ended entries
    stay as the roster's history; a pair can start again afterwards.
    """

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited by the organisation")
        REQUESTED = "requested", _("Asked to join")
        CONFIRMED = "confirmed", _("Member")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    OPEN_STATUSES = [Status.INVITED, Status.REQUESTED, Status.CONFIRMED]

    organisation = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="roster", verbose_name=_("organisation")
    )
    member = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="community_memberships", verbose_name=_("member")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    message = models.CharField(
        _("message"),
        max_length=500,
        blank=True,
        help_text=_("A short note sent with the invitation or request."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited or requested by"),
    )

    objects = CommunityMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("community member")
        verbose_name_plural = _("community members")
        ordering = ["organisation", "member__name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(organisation=F("member")),
                name="communitymember_not_self",
                violation_error_message=_("An organisation cannot be its own member."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["invited", "requested", "confirmed", "declined", "ended"]),
                name="communitymember_status_valid",
            ),
            models.UniqueConstraint(
                fields=["organisation", "member"],
                condition=Q(status__in=["invited", "requested", "confirmed"]),
                name="communitymember_one_open_per_pair",
                violation_error_message=_("This listing is already on the roster or waiting for an answer."),
            ),
        ]
        indexes = [
            # The directory's community filter (EXISTS per listing) and an
            # organisation's page: its confirmed members.
            models.Index(
                fields=["organisation", "member"],
                condition=Q(status="confirmed"),
                name="community_confirmed_org_idx",
            ),
            # A listing's page: the communities it belongs to.
            models.Index(
                fields=["member", "organisation"],
                condition=Q(status="confirmed"),
                name="community_confirmed_member_idx",
            ),
        ]

    def __str__(self):
        return f"{self.member} ∈ {self.organisation}"

    def clean(self):
        if self.organisation_id and self.organisation_id == self.member_id:
            raise ValidationError(
                {"member": ValidationError(_("An organisation cannot be its own member."), code="self")}
            )

    @property
    def waiting_for_organisation(self):
        return self.status == self.Status.REQUESTED

    @property
    def waiting_for_member(self):
        return self.status == self.Status.INVITED


class SupplyLinkQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=SupplyLink.Status.CONFIRMED)

    def open(self):
        """Links proposed or confirmed: at most one per supplier and customer."""
        return self.filter(status__in=SupplyLink.OPEN_STATUSES)

    def public(self):
        """Confirmed links between two published listings: the only links anyone else sees."""
        return self.confirmed().filter(supplier__status=Status.PUBLISHED, customer__status=Status.PUBLISHED)

    def involving(self, listing):
        return self.filter(Q(supplier=listing) | Q(customer=listing))


class SupplyLink(AnsweredAndEnded):
    """`supplier` supplies `customer`: materials, components, or manufacturing (makloon).

    Declared by one side's owners (or recorded by BPIPI staff for unclaimed
    listings) and public only once the other side confirmed it.
    """

    class Kind(models.TextChoices):
        SUPPLY = "supply", _("Supplies materials or components")
        MAKLOON = "makloon", _("Manufactures for the customer (makloon)")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    OPEN_STATUSES = [Status.PROPOSED, Status.CONFIRMED]

    supplier = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="downstream_links", verbose_name=_("supplier")
    )
    customer = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="upstream_links", verbose_name=_("customer")
    )
    kind = models.CharField(_("what flows"), max_length=10, choices=Kind.choices, default=Kind.SUPPLY)
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
        help_text=_("What is supplied, e.g. tanned leather or outsoles; for makloon, the kind of footwear."),
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("E.g. EVA outsoles for school shoes.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposer = models.ForeignKey(
        Listing,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by listing"),
        help_text=_("The side that declared the link; empty when BPIPI staff recorded it."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )

    objects = SupplyLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("supply link")
        verbose_name_plural = _("supply links")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(supplier=F("customer")),
                name="supplylink_not_self",
                violation_error_message=_("A listing cannot supply itself."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "confirmed", "declined", "ended"]),
                name="supplylink_status_valid",
            ),
            models.CheckConstraint(condition=Q(kind__in=["supply", "makloon"]), name="supplylink_kind_valid"),
            models.CheckConstraint(
                condition=Q(proposer__isnull=True) | Q(proposer=F("supplier")) | Q(proposer=F("customer")),
                name="supplylink_proposer_is_a_side",
            ),
            models.UniqueConstraint(
                fields=["supplier", "customer"],
                condition=Q(status__in=["proposed", "confirmed"]),
                name="supplylink_one_open_per_pair",
                violation_error_message=_("This link is already declared or waiting for confirmation."),
            ),
        ]
        indexes = [
            # A listing's customers (downstream) on its page, and the directory's
            # "supplied by" filter: EXISTS over a supplier's confirmed links.
            models.Index(
                fields=["supplier", "customer"],
                condition=Q(status="confirmed"),
                name="supplylink_confirmed_down_idx",
            ),
            # A listing's suppliers (upstream), and the "supplies" filter.
            models.Index(
                fields=["customer", "supplier"],
                condition=Q(status="confirmed"),
                name="supplylink_confirmed_up_idx",
            ),
        ]

    def __str__(self):
        return f"{self.supplier} → {self.customer}"

    def clean(self):
        if self.supplier_id and self.supplier_id == self.customer_id:
            raise ValidationError(
                {"customer": ValidationError(_("A listing cannot supply itself."), code="self")}
            )

    @property
    def flow_label(self):
        """What flows, for people: the category if there is one, else the kind."""
        if self.category_id:
            label = self.category.label
            if self.kind == self.Kind.MAKLOON:
                return _("Makloon: %(category)s") % {"category": label}
            return label
        if self.kind == self.Kind.MAKLOON:
            return _("Manufacturing (makloon)")
        return ""

    def other_side(self, listing):
        return self.customer if listing.pk == self.supplier_id else self.supplier

    def awaits(self, listing):
        """Whether `listing`'s owners are the ones to confirm or decline."""
        return (
            self.status == self.Status.PROPOSED
            and self.proposer_id is not None
            and self.proposer_id != listing.pk
            and listing.pk in (self.supplier_id, self.customer_id)
        )


def chain_of(listing):
    """The listing's place in the chain: {"upstream": [(role, [link, …])], "downstream": […]}.

    Upstream are its confirmed suppliers, downstream its confirmed customers,
    both published, grouped by the partner's most upstream role. Two queries
    (the links with both sides, the partners' roles) whatever the number of links.
    """
    links = list(
        SupplyLink.objects.public()
        .involving(listing)
        .select_related("supplier", "customer", "category")
        .order_by("supplier__name", "customer__name")
    )
    partners = [link.other_side(listing) for link in links]
    prefetch_related_objects(partners, "roles")
    sides = {"upstream": {}, "downstream": {}}
    for link, partner in zip(links, partners, strict=True):
        link.partner = partner
        side = "upstream" if link.customer_id == listing.pk else "downstream"
        role = primary_role(partner)
        if role is not None:
            sides[side].setdefault(role, []).append(link)
    return {side: sorted(groups.items(), key=lambda item: item[0].position) for side, groups in sides.items()}


def communities_of(listing):
    """The published organisations the listing is a confirmed member of, by name."""
    return [
        entry.organisation
        for entry in CommunityMember.objects.public()
        .filter(member=listing)
        .select_related("organisation")
        .order_by("organisation__name")
    ]


ROSTER_SHOWN = 60


@dataclass
class Roster:
    counts: list  # [{"code", "label", "count"}] in chain order
    groups: list  # [(role, [listing, …])]
    total: int


def roster_of(organisation):
    """An organisation's public roster: its counts by role, members grouped by role, total.

    Counts cover every confirmed published member; the groups show the first
    ROSTER_SHOWN by name (the directory's community filter lists them all).
    """
    members = Listing.objects.published().filter(
        community_memberships__organisation=organisation,
        community_memberships__status=CommunityMember.Status.CONFIRMED,
    )
    counts = {
        row["roles"]: row["n"]
        for row in members.order_by().values("roles").annotate(n=models.Count("pk", distinct=True))
    }
    # Role.Code lists the roles in chain order: no query for the roles themselves.
    roles = [
        {"code": code, "label": label, "count": counts[code]}
        for code, label in Role.Code.choices
        if counts.get(code)
    ]
    shown = list(members.order_by("name", "pk").prefetch_related("roles")[:ROSTER_SHOWN])
    total = members.count() if len(shown) == ROSTER_SHOWN else len(shown)
    return Roster(counts=roles, groups=group_by_role(shown), total=total)
