"""The flows of rosters and supply links: invite, request, propose, confirm, decline, end.

Each function takes keyword-only arguments, runs in one transaction, locks
the row it changes and raises ValidationError with a message for the user
when it refuses. The other side's owners are emailed (outbox) in the same
transaction. Who may act for a listing: its team, or BPIPI staff for a
listing nobody has claimed (`may_act_for`).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import CommunityMember, Listing, ListingMembership, SupplyLink
from directory.seo import absolute_url
from outbox.services import email_queue_template

from .models import PROPOSABLE_FIELDS, EditProposal

Link = SupplyLink
Entry = CommunityMember


def may_act_for(listing, user):
    """Whether `user` may answer for `listing`: a member of its team, or staff when it is unclaimed."""
    if not user.is_authenticated:
        return False
    team = ListingMembership.objects.filter(listing=listing)
    if team.filter(user=user).exists():
        return True
    return user.is_staff and not team.exists()


def _check_may_act(listing, user):
    if not may_act_for(listing, user):
        raise ValidationError(
            _("You cannot answer for %(name)s."), code="not_allowed", params={"name": listing.name}
        )


def _tell_owners(listing, *, subject, template, context, subject_params=None):
    """Email the listing's owners, each in their language. None for an unclaimed listing."""
    owners = ListingMembership.objects.filter(listing=listing, role=ListingMembership.TeamRole.OWNER)
    for membership in owners.select_related("user"):
        email_queue_template(
            to=membership.user.email,
            subject=subject,
            subject_params=subject_params,
            template=template,
            context={**context, "listing": listing},
            language=membership.user.language,
        )


def _is_claimed(listing):
    return ListingMembership.objects.filter(listing=listing).exists()


# --- Supply links -----------------------------------------------------------------


def link_propose(*, listing, partner, supplies, kind, category=None, note="", by):
    """Declare that `listing` supplies `partner` (supplies=True) or is supplied by it.

    The link waits for the partner's owners (or, for an unclaimed partner,
    for BPIPI staff) to confirm it; until then nobody else sees it.
    """
    _check_may_act(listing, by)
    if partner.pk == listing.pk:
        raise ValidationError(_("A listing cannot supply itself."), code="self")
    if not partner.is_published:
        raise ValidationError(_("Only published listings can be linked."), code="unpublished")
    supplier, customer = (listing, partner) if supplies else (partner, listing)
    link = Link(
        supplier=supplier,
        customer=customer,
        kind=kind,
        category=category,
        note=note,
        proposer=listing,
        proposed_by=by,
        status=Link.Status.PROPOSED,
    )
    try:
        with transaction.atomic():
            link.save()
            _tell_owners(
                partner,
                subject=_("%(name)s declared a supply link with you"),
                subject_params={"name": listing.name},
                template="network/email/link_proposed.txt",
                context={"link": link, "proposer": listing},
            )
    except IntegrityError:
        raise ValidationError(
            _("A link between these two listings is already declared or waiting for confirmation."),
            code="duplicate",
        ) from None
    return link


def _locked_link(link):
    return (
        Link.objects.select_for_update(of=("self",))
        .select_related("supplier", "customer", "proposer")
        .get(pk=link.pk)
    )


def _answer_link(*, link, listing, by, status):
    with transaction.atomic():
        link = _locked_link(link)
        if not link.awaits(listing):
            raise ValidationError(_("This link is not waiting for your answer."), code="not_waiting")
        _check_may_act(listing, by)
        link.status = status
        link.decided_by, link.decided_at = by, timezone.now()
        link.save()
        _tell_owners(
            link.proposer,
            subject=_("%(name)s answered your supply link"),
            subject_params={"name": listing.name},
            template="network/email/link_answered.txt",
            context={"link": link, "partner": listing},
        )
    return link


def link_confirm(*, link, listing, by):
    """The awaited side confirms: the link becomes public on both listings' pages."""
    return _answer_link(link=link, listing=listing, by=by, status=Link.Status.CONFIRMED)


def link_decline(*, link, listing, by):
    """The awaited side declines: the link never becomes public."""
    return _answer_link(link=link, listing=listing, by=by, status=Link.Status.DECLINED)


def link_end(*, link, listing, by):
    """Either side ends a confirmed link, or the proposer withdraws a waiting one."""
    with transaction.atomic():
        link = _locked_link(link)
        if listing.pk not in (link.supplier_id, link.customer_id):
            raise ValidationError(_("This link is not one of yours."), code="not_a_side")
        if link.status not in Link.OPEN_STATUSES:
            raise ValidationError(_("This link has already ended."), code="closed")
        # Staff may end any link (a false or abusive one), whoever owns the listings.
        if not by.is_staff:
            _check_may_act(listing, by)
        was_confirmed = link.status == Link.Status.CONFIRMED
        link.status = Link.Status.ENDED
        link.ended_by, link.ended_at = by, timezone.now()
        link.save()
        if was_confirmed:
            _tell_owners(
                link.other_side(listing),
                subject=_("%(name)s ended a supply link with you"),
                subject_params={"name": listing.name},
                template="network/email/link_answered.txt",
                context={"link": link, "partner": listing},
            )
    return link


def record_check(*, first, second):
    """Refuse a record by staff between two claimed listings, or of a listing with itself."""
    if first.pk == second.pk:
        raise ValidationError(_("A listing cannot be linked with itself."), code="self")
    if _is_claimed(first) and _is_claimed(second):
        raise ValidationError(
            _("Both listings have owners: they declare this from their dashboards."), code="both_claimed"
        )


def link_record(*, supplier, customer, kind, category=None, note="", by):
    """BPIPI staff record a link they know of.

    Between two unclaimed listings it is confirmed at once. When one side has
    owners, staff speak for the unclaimed side only: the link waits for the
    owners' confirmation. Two claimed listings declare their links themselves.
    """
    if not by.is_staff:
        raise ValidationError(_("Only BPIPI staff record links."), code="not_staff")
    record_check(first=supplier, second=customer)
    claimed = [listing for listing in (supplier, customer) if _is_claimed(listing)]
    link = Link(supplier=supplier, customer=customer, kind=kind, category=category, note=note, proposed_by=by)
    if claimed:
        link.status = Link.Status.PROPOSED
        link.proposer = customer if claimed[0] == supplier else supplier
    else:
        link.status = Link.Status.CONFIRMED
        link.decided_by, link.decided_at = by, timezone.now()
    try:
        with transaction.atomic():
            link.save()
            if claimed:
                _tell_owners(
                    claimed[0],
                    subject=_("%(name)s declared a supply link with you"),
                    subject_params={"name": link.proposer.name},
                    template="network/email/link_proposed.txt",
                    context={"link": link, "proposer": link.proposer},
                )
    except IntegrityError:
        raise ValidationError(
            _("A link between these two listings is already declared or waiting for confirmation."),
            code="duplicate",
        ) from None
    return link


# --- Community rosters --------------------------------------------------------------


def _check_organisation(organisation):
    if not organisation.is_organisation:
        raise ValidationError(
            _(
                "Only organisations (associations, cooperatives, cluster offices, training centres) keep a roster."
            ),
            code="not_organisation",
        )


def _open_entry(*, organisation, member, status, message, by, notify, subject, template):
    _check_organisation(organisation)
    if organisation.pk == member.pk:
        raise ValidationError(_("An organisation cannot be its own member."), code="self")
    entry = Entry(organisation=organisation, member=member, status=status, message=message, requested_by=by)
    if status == Entry.Status.CONFIRMED:
        entry.decided_by, entry.decided_at = by, timezone.now()
    try:
        with transaction.atomic():
            entry.save()
            if notify is not None:
                _tell_owners(
                    notify,
                    subject=subject,
                    subject_params={"organisation": organisation.name, "member": member.name},
                    template=template,
                    context={"entry": entry},
                )
    except IntegrityError:
        raise ValidationError(
            _("%(name)s is already on the roster or waiting for an answer."),
            code="duplicate",
            params={"name": member.name},
        ) from None
    return entry


def roster_invite(*, organisation, member, message="", by):
    """The organisation invites a listing to its roster; the listing's owners confirm."""
    _check_may_act(organisation, by)
    if not member.is_published:
        raise ValidationError(_("Only published listings can be invited."), code="unpublished")
    return _open_entry(
        organisation=organisation,
        member=member,
        status=Entry.Status.INVITED,
        message=message,
        by=by,
        notify=member,
        subject=_("%(organisation)s invites %(member)s to its member roster"),
        template="network/email/roster_asked.txt",
    )


def roster_request(*, organisation, member, message="", by):
    """A listing asks to join an organisation's roster; the organisation's owners confirm."""
    _check_may_act(member, by)
    if not organisation.is_published:
        raise ValidationError(_("Only published organisations can be joined."), code="unpublished")
    return _open_entry(
        organisation=organisation,
        member=member,
        status=Entry.Status.REQUESTED,
        message=message,
        by=by,
        notify=organisation,
        subject=_("%(member)s asks to join the roster of %(organisation)s"),
        template="network/email/roster_asked.txt",
    )


def roster_record(*, organisation, member, by):
    """BPIPI staff put a listing on an organisation's roster.

    Between two unclaimed listings the membership is confirmed at once; when
    one side has owners, staff speak for the unclaimed side and the owners
    confirm, as with a request or an invitation.
    """
    if not by.is_staff:
        raise ValidationError(_("Only BPIPI staff record memberships."), code="not_staff")
    record_check(first=organisation, second=member)
    if _is_claimed(member):
        return _open_entry(
            organisation=organisation,
            member=member,
            status=Entry.Status.INVITED,
            message="",
            by=by,
            notify=member,
            subject=_("%(organisation)s invites %(member)s to its member roster"),
            template="network/email/roster_asked.txt",
        )
    if _is_claimed(organisation):
        return _open_entry(
            organisation=organisation,
            member=member,
            status=Entry.Status.REQUESTED,
            message="",
            by=by,
            notify=organisation,
            subject=_("%(member)s asks to join the roster of %(organisation)s"),
            template="network/email/roster_asked.txt",
        )
    return _open_entry(
        organisation=organisation,
        member=member,
        status=Entry.Status.CONFIRMED,
        message="",
        by=by,
        notify=None,
        subject="",
        template="",
    )


def _locked_entry(entry):
    return (
        Entry.objects.select_for_update(of=("self",))
        .select_related("organisation", "member")
        .get(pk=entry.pk)
    )


def _answer_entry(*, entry, listing, by, status):
    with transaction.atomic():
        entry = _locked_entry(entry)
        awaited = {Entry.Status.INVITED: entry.member_id, Entry.Status.REQUESTED: entry.organisation_id}
        if awaited.get(entry.status) != listing.pk:
            raise ValidationError(_("This is not waiting for your answer."), code="not_waiting")
        _check_may_act(listing, by)
        asker = entry.organisation if entry.status == Entry.Status.INVITED else entry.member
        entry.status = status
        entry.decided_by, entry.decided_at = by, timezone.now()
        entry.save()
        _tell_owners(
            asker,
            subject=_("%(member)s and %(organisation)s: membership answered"),
            subject_params={"organisation": entry.organisation.name, "member": entry.member.name},
            template="network/email/roster_answered.txt",
            context={"entry": entry},
        )
    return entry


def roster_confirm(*, entry, listing, by):
    """The awaited side (the invited listing, or the organisation asked) confirms the membership."""
    return _answer_entry(entry=entry, listing=listing, by=by, status=Entry.Status.CONFIRMED)


def roster_decline(*, entry, listing, by):
    return _answer_entry(entry=entry, listing=listing, by=by, status=Entry.Status.DECLINED)


def roster_end(*, entry, listing, by):
    """The organisation removes a member, the member leaves, or the asker withdraws."""
    with transaction.atomic():
        entry = _locked_entry(entry)
        if listing.pk not in (entry.organisation_id, entry.member_id):
            raise ValidationError(_("This membership is not one of yours."), code="not_a_side")
        if entry.status not in Entry.OPEN_STATUSES:
            raise ValidationError(_("This membership has already ended."), code="closed")
        if not by.is_staff:
            _check_may_act(listing, by)
        entry.status = Entry.Status.ENDED
        entry.ended_by, entry.ended_at = by, timezone.now()
        entry.save()
    return entry


def roster_rows(organisation):
    """The organisation's roster as rows for its owners' CSV export (header first)."""
    entries = (
        Entry.objects.filter(organisation=organisation)
        .exclude(status__in=[Entry.Status.DECLINED, Entry.Status.ENDED])
        .select_related("member__province", "member__regency")
        .prefetch_related("member__roles")
        .order_by("member__name")
    )
    yield [
        "name",
        "status",
        "roles",
        "regency",
        "province",
        "phone",
        "whatsapp",
        "email",
        "member_since",
        "url",
    ]
    for entry in entries:
        member = entry.member
        yield [
            member.name,
            entry.status,
            "|".join(role.code for role in member.roles.all()),
            member.regency.name,
            member.province.name,
            member.phone.as_e164 if member.phone else "",
            member.whatsapp.as_e164 if member.whatsapp else "",
            member.email,
            entry.decided_at.date().isoformat() if entry.decided_at and entry.status == "confirmed" else "",
            absolute_url(member.get_absolute_url()),
        ]


# --- Proposed edits to unclaimed members ---------------------------------------------


def edit_propose(*, organisation, member, changes, note="", by):
    """Store a community's proposed changes to an unclaimed member listing, for BPIPI to review."""
    _check_may_act(organisation, by)
    if not Entry.objects.confirmed().filter(organisation=organisation, member=member).exists():
        raise ValidationError(
            _("Only confirmed members' listings can be edited from the roster."), code="not_member"
        )
    if _is_claimed(member):
        raise ValidationError(
            _("%(name)s has its own team: they edit their listing themselves."),
            code="claimed",
            params={"name": member.name},
        )
    stray = set(changes) - set(PROPOSABLE_FIELDS)
    if stray:
        raise ValueError(f"Fields that cannot be proposed: {sorted(stray)}")
    if not changes:
        raise ValidationError(_("Nothing was changed."), code="no_changes")
    with transaction.atomic():
        return EditProposal.objects.create(
            listing=member, organisation=organisation, proposed_by=by, changes=changes, note=note
        )


def _locked_proposal(proposal):
    proposal = (
        EditProposal.objects.select_for_update(of=("self",))
        .select_related("listing", "organisation")
        .get(pk=proposal.pk)
    )
    if proposal.status != EditProposal.Status.PENDING:
        raise ValidationError(_("This proposal has already been reviewed."), code="decided")
    return proposal


def edit_accept(*, proposal, by):
    """A moderator accepts: the values are saved on the listing, recorded in its history as `by`'s edit."""
    with transaction.atomic():
        proposal = _locked_proposal(proposal)
        listing = Listing.objects.select_for_update().get(pk=proposal.listing_id)
        for name, value in proposal.changes.items():
            setattr(listing, name, value)
        untouched = [field.name for field in Listing._meta.fields if field.name not in proposal.changes]
        try:
            listing.full_clean(exclude=untouched)
        except ValidationError as error:
            raise ValidationError(
                _("The proposed values are not valid now: %(errors)s"),
                code="invalid",
                params={"errors": "; ".join(error.messages)},
            ) from None
        listing.save_with_history(user=by)
        proposal.status = EditProposal.Status.ACCEPTED
        proposal.decided_by, proposal.decided_at = by, timezone.now()
        proposal.save()
        _tell_proposer(proposal)
    return proposal


def edit_reject(*, proposal, by, reason):
    """A moderator rejects with a reason that is emailed to the organisation's owners."""
    if not (reason or "").strip():
        raise ValidationError(_("Give the organisation a reason."), code="reason_required")
    with transaction.atomic():
        proposal = _locked_proposal(proposal)
        proposal.status = EditProposal.Status.REJECTED
        proposal.reason = reason.strip()
        proposal.decided_by, proposal.decided_at = by, timezone.now()
        proposal.save()
        _tell_proposer(proposal)
    return proposal


def _tell_proposer(proposal):
    _tell_owners(
        proposal.organisation,
        subject=_("Your proposed edit to %(name)s was reviewed"),
        subject_params={"name": proposal.listing.name},
        template="network/email/edit_reviewed.txt",
        context={"proposal": proposal},
    )
