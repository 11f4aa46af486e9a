"""Dashboard pages of a listing's network: its supply links, its communities and,
for an organisation, its member roster.

Every view gets its listing from `get_listing_for_user` (the listing's team
only), then the link or roster entry from that listing's own rows.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_listing_for_user
from directory.models import CommunityMember, Listing, SupplyLink
from directory.spreadsheet import safe_cell

from . import services
from .forms import EditProposalForm, LinkForm, ListingSearchForm, MessageForm


def _error_text(error):
    return " ".join(error.messages)


def _partner(request, listing, *, organisations_only=False):
    """The listing chosen in the search step (?partner=<slug>), or None."""
    slug = request.POST.get("partner") or request.GET.get("partner")
    if not slug:
        return None
    partners = Listing.objects.published().exclude(pk=listing.pk)
    if organisations_only:
        partners = partners.filter(roles__code="organisation")
    return get_object_or_404(partners.select_related("regency").distinct(), slug=slug)


# --- Supply links -------------------------------------------------------------------


@login_required
def links(request, slug):
    listing = get_listing_for_user(request, slug)
    partner = _partner(request, listing)
    search = ListingSearchForm(request.GET if "q" in request.GET else None)
    form = LinkForm(request.POST or None, initial={"direction": "supplies", "kind": SupplyLink.Kind.SUPPLY})
    if request.method == "POST" and partner and form.is_valid():
        data = form.cleaned_data
        try:
            services.link_propose(
                listing=listing,
                partner=partner,
                supplies=data["direction"] == "supplies",
                kind=data["kind"],
                category=data["category"],
                note=data["note"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Link declared. It shows once %(name)s confirms it.") % {"name": partner.name}
            )
            return redirect("network:links", slug=listing.slug)
    all_links = list(
        SupplyLink.objects.involving(listing)
        .select_related("supplier", "customer", "category__role")
        .order_by("-created_at", "-pk")
    )
    for link in all_links:
        link.partner = link.other_side(listing)
        link.outgoing = link.supplier_id == listing.pk
        link.awaits_us = link.awaits(listing)
    context = {
        "listing": listing,
        "partner": partner,
        "search": search,
        "results": search.results(exclude=listing) if search.is_bound else None,
        "form": form,
        "waiting": [link for link in all_links if link.awaits_us],
        "open": [
            link for link in all_links if link.status in SupplyLink.OPEN_STATUSES and not link.awaits_us
        ],
        "closed": [link for link in all_links if link.status not in SupplyLink.OPEN_STATUSES],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "network/links.html", context, status=status)


LINK_ACTIONS = {"confirm": services.link_confirm, "decline": services.link_decline, "end": services.link_end}
LINK_MESSAGES = {
    "confirm": _("Link confirmed. It now shows on both listings' pages."),
    "decline": _("Link declined."),
    "end": _("Link ended."),
}


@login_required
@require_POST
def link_action(request, slug, pk, action):
    listing = get_listing_for_user(request, slug)
    link = get_object_or_404(SupplyLink.objects.involving(listing), pk=pk)
    try:
        LINK_ACTIONS[action](link=link, listing=listing, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, str(LINK_MESSAGES[action]))
    return redirect("network:links", slug=listing.slug)


# --- Communities ----------------------------------------------------------------------


def _entries(queryset):
    return list(queryset.select_related("organisation", "member").order_by("-created_at", "-pk"))


@login_required
def communities(request, slug):
    """The communities the listing belongs to, their invitations, and asking to join one."""
    listing = get_listing_for_user(request, slug)
    organisation = _partner(request, listing, organisations_only=True)
    search = ListingSearchForm(request.GET if "q" in request.GET else None)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and organisation and form.is_valid():
        try:
            services.roster_request(
                organisation=organisation,
                member=listing,
                message=form.cleaned_data["message"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Request sent. %(name)s will confirm your membership.") % {"name": organisation.name},
            )
            return redirect("network:communities", slug=listing.slug)
    entries = _entries(CommunityMember.objects.filter(member=listing).open())
    context = {
        "listing": listing,
        "organisation": organisation,
        "search": search,
        "results": search.results(exclude=listing, organisations_only=True) if search.is_bound else None,
        "form": form,
        "entries": entries,
    }
    return render(
        request, "network/communities.html", context, status=400 if request.method == "POST" else 200
    )


def _organisation_for_user(request, slug):
    listing = get_listing_for_user(request, slug)
    if not listing.is_organisation:
        raise Http404
    return listing


@login_required
def roster(request, slug):
    """An organisation's member roster: members, waiting invitations and requests, inviting more."""
    listing = _organisation_for_user(request, slug)
    member = _partner(request, listing)
    search = ListingSearchForm(request.GET if "q" in request.GET else None)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and member and form.is_valid():
        try:
            services.roster_invite(
                organisation=listing, member=member, message=form.cleaned_data["message"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Invitation sent to %(name)s.") % {"name": member.name})
            return redirect("network:roster", slug=listing.slug)
    entries = _entries(CommunityMember.objects.filter(organisation=listing).open())
    claimed = set(
        Listing.objects.filter(pk__in=[e.member_id for e in entries], memberships__isnull=False).values_list(
            "pk", flat=True
        )
    )
    for entry in entries:
        entry.member_claimed = entry.member_id in claimed
    context = {
        "listing": listing,
        "member": member,
        "search": search,
        "results": search.results(exclude=listing) if search.is_bound else None,
        "form": form,
        "confirmed": [e for e in entries if e.status == CommunityMember.Status.CONFIRMED],
        "waiting": [e for e in entries if e.status != CommunityMember.Status.CONFIRMED],
    }
    return render(request, "network/roster.html", context, status=400 if request.method == "POST" else 200)


ENTRY_ACTIONS = {
    "confirm": services.roster_confirm,
    "decline": services.roster_decline,
    "end": services.roster_end,
}
ENTRY_MESSAGES = {
    "confirm": _("Membership confirmed."),
    "decline": _("Declined."),
    "end": _("Membership ended."),
}


@login_required
@require_POST
def entry_action(request, slug, pk, action):
    """Answer or end a roster entry, from either side: the organisation's or the member's."""
    listing = get_listing_for_user(request, slug)
    entry = get_object_or_404(
        CommunityMember.objects.filter(pk=pk).filter(organisation=listing)
        | CommunityMember.objects.filter(pk=pk, member=listing)
    )
    try:
        ENTRY_ACTIONS[action](entry=entry, listing=listing, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, str(ENTRY_MESSAGES[action]))
    target = "network:roster" if entry.organisation_id == listing.pk else "network:communities"
    return redirect(target, slug=listing.slug)


@login_required
def roster_export(request, slug):
    """The roster as CSV for the organisation's own records (its members' contacts included)."""
    listing = _organisation_for_user(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="roster-{listing.slug}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in services.roster_rows(listing):
        writer.writerow([safe_cell(value) for value in row])
    return response


@login_required
def propose_edit(request, slug, pk):
    """Propose changes to an unclaimed member's listing; BPIPI reviews them before they show."""
    listing = _organisation_for_user(request, slug)
    entry = get_object_or_404(
        CommunityMember.objects.confirmed().select_related("member"), organisation=listing, pk=pk
    )
    member = Listing.objects.get(pk=entry.member_id)
    if member.memberships.exists():
        messages.error(
            request,
            _("%(name)s has its own team: they edit their listing themselves.") % {"name": member.name},
        )
        return redirect("network:roster", slug=listing.slug)
    form = EditProposalForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_propose(
                organisation=listing,
                member=Listing.objects.get(pk=member.pk),
                changes=form.changed_values(),
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. BPIPI will review the changes before they show."))
            return redirect("network:roster", slug=listing.slug)
    context = {"listing": listing, "member": member, "form": form}
    return render(request, "network/propose_edit.html", context, status=400 if form.errors else 200)
