"""The company dashboard: a company's own listings, their photos, team and claims.

Every view that touches a listing gets it from `get_listing_for_user`.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.models import Listing, ListingMembership

from . import services
from .access import get_claim_for_moderator, get_listing_for_user
from .forms import (
    AccountDeleteForm,
    CaptionForm,
    ClaimForm,
    InvitationForm,
    JoinRequestForm,
    ListingForm,
    LogoForm,
    PhotoForm,
    RegionForm,
    RoleChoiceForm,
)
from .history import listing_token
from .models import Claim, Invitation


def _error_text(error):
    return " ".join(error.messages)


@login_required
def dashboard(request):
    memberships = (
        ListingMembership.objects.filter(user=request.user)
        .select_related("listing__regency", "listing__province")
        .prefetch_related("listing__roles")
        .order_by("listing__name")
    )
    claims = Claim.objects.filter(user=request.user).select_related("listing").order_by("-created_at")
    return render(request, "accounts/dashboard.html", {"memberships": memberships, "claims": claims})


@login_required
def regions(request):
    """The region pickers for htmx, narrowed to the chosen province and regency."""
    return render(request, "accounts/_region_fields.html", {"form": RegionForm(request.GET)})


@login_required
def listing_create(request):
    roles_form = RoleChoiceForm(request.GET or None)
    if not roles_form.is_valid():
        return render(request, "accounts/listing_roles.html", {"form": roles_form})
    initial = {"roles": [role.pk for role in roles_form.cleaned_data["roles"]]}
    if request.method == "POST":
        form = ListingForm(request.POST, initial=initial)
        if "refresh" in request.POST:
            form.refreshing = True
        elif form.is_valid():
            listing = services.listing_create(
                listing=form.save(commit=False), m2m=form.m2m_data(), user=request.user
            )
            if request.POST.get("action") == "submit":
                return _submit_and_redirect(request, listing)
            messages.success(request, _("Saved as a draft."))
            return redirect("accounts:listing_edit", slug=listing.slug)
    else:
        form = ListingForm(initial=initial)
    return render(request, "accounts/listing_form.html", _form_context(form, None))


def _form_context(form, listing, changes=None):
    return {
        "form": form,
        "listing": listing,
        "changes": changes,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def _submit_and_redirect(request, listing):
    try:
        services.listing_submit(listing=listing, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("accounts:listing_edit", slug=listing.slug)
    messages.success(request, _("Sent for review. BPIPI's moderators will check it before it is published."))
    return redirect("accounts:dashboard")


@login_required
def listing_edit(request, slug):
    listing = get_listing_for_user(request, slug)
    changes = None
    if request.method == "POST":
        form = ListingForm(request.POST, instance=listing)
        if "refresh" in request.POST:
            form.refreshing = True
        elif form.is_valid():
            try:
                services.listing_update(
                    listing=form.save(commit=False),
                    m2m=form.m2m_data(),
                    user=request.user,
                    token=form.cleaned_data["token"],
                )
            except services.ListingConflict as conflict:
                changes = conflict.changes
                # Saving again from this page is a deliberate choice to overwrite.
                form.data = form.data.copy()
                form.data["token"] = conflict.token
                form.add_error(
                    None,
                    _(
                        "Someone changed this listing while you were editing it. Your changes were NOT "
                        "saved. Check what changed below, then save again to keep your version."
                    ),
                )
            else:
                if request.POST.get("action") == "submit":
                    return _submit_and_redirect(request, listing)
                if listing.is_published:
                    messages.success(request, _("Saved. Your changes are live."))
                else:
                    messages.success(request, _("Saved."))
                return redirect("accounts:listing_edit", slug=listing.slug)
    else:
        form = ListingForm(instance=listing, token=listing_token(listing))
    return render(request, "accounts/listing_form.html", _form_context(form, listing, changes))


@login_required
@require_POST
def listing_submit(request, slug):
    listing = get_listing_for_user(request, slug)
    return _submit_and_redirect(request, listing)


# --- Photos and logo ------------------------------------------------------------


@login_required
def photos(request, slug):
    listing = get_listing_for_user(request, slug)
    form, logo_form = PhotoForm(), LogoForm()
    if request.method == "POST":
        form = PhotoForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.photo_add(
                    listing=listing,
                    upload=form.cleaned_data["image"],
                    caption=form.cleaned_data["caption"],
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error("image", error)
            else:
                messages.success(request, _("Photo added."))
                return redirect("accounts:photos", slug=listing.slug)
    context = {"listing": listing, "photos": listing.photos.all(), "form": form, "logo_form": logo_form}
    return render(request, "accounts/photos.html", context, status=400 if form.errors else 200)


def _photo(listing, pk):
    return get_object_or_404(listing.photos, pk=pk)


@login_required
@require_POST
def photo_caption(request, slug, pk):
    listing = get_listing_for_user(request, slug)
    form = CaptionForm(request.POST, instance=_photo(listing, pk))
    if form.is_valid():
        form.save()
        messages.success(request, _("Caption saved."))
    else:
        messages.error(request, " ".join(form.errors["caption"]))
    return redirect("accounts:photos", slug=listing.slug)


@login_required
@require_POST
def photo_move(request, slug, pk):
    listing = get_listing_for_user(request, slug)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.photo_move(photo=_photo(listing, pk), offset=offset)
    return redirect("accounts:photos", slug=listing.slug)


@login_required
@require_POST
def photo_delete(request, slug, pk):
    listing = get_listing_for_user(request, slug)
    services.photo_delete(photo=_photo(listing, pk))
    messages.success(request, _("Photo deleted."))
    return redirect("accounts:photos", slug=listing.slug)


@login_required
@require_POST
def logo(request, slug):
    listing = get_listing_for_user(request, slug)
    if "remove" in request.POST:
        services.listing_set_logo(listing=listing, upload=None, user=request.user)
        messages.success(request, _("Logo removed."))
        return redirect("accounts:photos", slug=listing.slug)
    logo_form = LogoForm(request.POST, request.FILES)
    if logo_form.is_valid():
        services.listing_set_logo(listing=listing, upload=logo_form.cleaned_data["logo"], user=request.user)
        messages.success(request, _("Logo saved."))
        return redirect("accounts:photos", slug=listing.slug)
    context = {
        "listing": listing,
        "photos": listing.photos.all(),
        "form": PhotoForm(),
        "logo_form": logo_form,
    }
    return render(request, "accounts/photos.html", context, status=400)


# --- Team -----------------------------------------------------------------------


@login_required
def team(request, slug):
    listing = get_listing_for_user(request, slug, owner_only=True)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(listing=listing, email=form.cleaned_data["email"], by=request.user)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % form.cleaned_data)
            return redirect("accounts:team", slug=listing.slug)
    context = {
        "listing": listing,
        "members": listing.memberships.select_related("user").order_by("role", "user__email"),
        "invitations": [i for i in listing.invitations.filter(accepted_at__isnull=True) if i.is_open],
        "form": form,
    }
    return render(request, "accounts/team.html", context)


def _membership(listing, pk):
    return get_object_or_404(listing.memberships.select_related("user"), pk=pk)


@login_required
@require_POST
def member_remove(request, slug, pk):
    listing = get_listing_for_user(request, slug, owner_only=True)
    membership = _membership(listing, pk)
    try:
        services.member_remove(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("accounts:team", slug=listing.slug)
    messages.success(request, _("%(email)s was removed from the team.") % {"email": membership.user.email})
    if membership.user_id == request.user.pk:
        return redirect("accounts:dashboard")
    return redirect("accounts:team", slug=listing.slug)


@login_required
@require_POST
def ownership_hand_over(request, slug, pk):
    listing = get_listing_for_user(request, slug, owner_only=True)
    membership = _membership(listing, pk)
    try:
        services.ownership_hand_over(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("accounts:team", slug=listing.slug)
    messages.success(
        request, _("%(email)s now owns this listing; you are an editor.") % {"email": membership.user.email}
    )
    return redirect("accounts:listing_edit", slug=listing.slug)


@login_required
def invitation_accept(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("listing"), token=token)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect("accounts:dashboard")
        messages.success(request, _("You can now edit %(name)s.") % {"name": invitation.listing.name})
        return redirect("accounts:listing_edit", slug=invitation.listing.slug)
    return render(request, "accounts/invitation.html", {"invitation": invitation})


# --- Claims ---------------------------------------------------------------------


@login_required
def claim(request, slug):
    """'Is this your company?': claim an unclaimed listing, or ask an owned one's team to join."""
    listing = get_object_or_404(Listing.objects.published(), slug=slug)
    if listing.memberships.filter(user=request.user).exists():
        return redirect("accounts:listing_edit", slug=listing.slug)
    if listing.memberships.filter(role=ListingMembership.TeamRole.OWNER).exists():
        form = JoinRequestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.join_request_send(
                    listing=listing, user=request.user, message=form.cleaned_data["message"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your request was sent to the listing's owners."))
                return redirect(listing.get_absolute_url())
        return render(request, "accounts/join_request.html", {"listing": listing, "form": form})
    pending = listing.claims.filter(user=request.user, status=Claim.Status.PENDING).first()
    form = ClaimForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and pending is None and form.is_valid():
        data = form.cleaned_data
        try:
            services.claim_create(
                listing=listing,
                user=request.user,
                position=data["position"],
                nib=data["nib"],
                document=data["document"],
                message=data["message"],
            )
        except ValidationError as error:
            form.add_error("document" if error.code != "duplicate_claim" else None, error)
        else:
            messages.success(request, _("Thank you. BPIPI will check your claim and email you."))
            return redirect("accounts:dashboard")
    return render(request, "accounts/claim.html", {"listing": listing, "form": form, "pending": pending})


@staff_member_required
def claim_document(request, pk):
    """A claim's supporting document, for claim moderators only (it is never at a public URL)."""
    claim = get_claim_for_moderator(request, pk)
    if not claim.document or not claim.document.storage.exists(claim.document.name):
        raise Http404
    return FileResponse(
        claim.document.open("rb"), as_attachment=True, filename=claim.document.name.split("/")[-1]
    )


# --- Account --------------------------------------------------------------------


@login_required
def account(request):
    return render(request, "accounts/account.html")


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.user_delete(user=user)
        messages.success(request, _("Your account and personal data were deleted."))
        return redirect(reverse("directory:home"))
    return render(request, "accounts/account_delete.html", {"form": form})
