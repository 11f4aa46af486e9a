"""The public enquiry forms and the owners' enquiry inbox in the dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import get_listing_for_user
from directory.models import Listing
from ifn import ratelimit

from . import services
from .forms import MAX_LISTINGS, EnquiryForm, ReplyForm, published_listings
from .models import Enquiry, ResponseStats

# Enquiries (one per listing) accepted per visitor address an hour and per
# sender address a day: a buyer asking several makers for quotes stays well
# inside, a script sending hundreds does not.
PER_IP_PER_HOUR = 20
PER_EMAIL_PER_DAY = 30


def _limits(request, email):
    return [
        (f"enquiry:ip:{ratelimit.client_ip(request)}", PER_IP_PER_HOUR, 3600),
        (f"enquiry:email:{email.lower()}", PER_EMAIL_PER_DAY, 24 * 3600),
    ]


def _send(request, form, listings, *, template, context):
    """Store and send a valid form's enquiry to `listings`, or refuse it past a rate limit."""
    if form.is_spam:
        # A filled honeypot is a bot: thank it like a person and keep nothing.
        return None
    limits = _limits(request, form.cleaned_data["email"])
    if not all(ratelimit.allows(key, amount=len(listings), limit=limit) for key, limit, _period in limits):
        # The form comes back filled in: nothing the buyer wrote is lost.
        return render(request, template, {**context, "form": form, "limited": True}, status=429)
    for key, _limit, period in limits:
        ratelimit.count(key, amount=len(listings), period=period)
    services.enquiry_send(listings=listings, data=form.cleaned_data)
    return None


@require_http_methods(["GET", "POST"])
def enquiry_create(request, slug):
    """'Send an enquiry' on a published listing's page."""
    listing = get_object_or_404(Listing.objects.published(), slug=slug)
    form = EnquiryForm(request.POST or None)
    context = {"listing": listing, "form": form}
    if request.method == "POST" and form.is_valid():
        refused = _send(request, form, [listing], template="enquiries/enquiry_form.html", context=context)
        if refused:
            return refused
        messages.success(
            request,
            _("Thank you. Your enquiry was sent to %(name)s; they answer to your email address.")
            % {"name": listing.name},
        )
        return redirect(listing)
    status = 400 if form.errors else 200
    return render(request, "enquiries/enquiry_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def enquiry_many(request):
    """One enquiry to several listings at once, chosen from the directory's results (?to=<slug>…)."""
    candidates = published_listings(request.GET.getlist("to"))
    choices = list(candidates)
    initial = {"listings": choices} if len(choices) <= MAX_LISTINGS else {}
    form = EnquiryForm(request.POST or None, listings=candidates, initial=initial)
    context = {"form": form, "candidates": choices, "max_listings": MAX_LISTINGS}
    if not choices:
        return render(request, "enquiries/enquiry_many.html", context, status=400)
    if request.method == "POST" and form.is_valid():
        listings = list(form.cleaned_data["listings"])
        refused = _send(request, form, listings, template="enquiries/enquiry_many.html", context=context)
        if refused:
            return refused
        messages.success(
            request,
            ngettext(
                "Thank you. Your enquiry was sent to %(count)d company, separately; they answer to your email address.",
                "Thank you. Your enquiry was sent to %(count)d companies, each separately; they answer to your email address.",
                len(listings),
            )
            % {"count": len(listings)},
        )
        return redirect("directory:list")
    return render(request, "enquiries/enquiry_many.html", context, status=400 if form.errors else 200)


# --- Dashboard ---------------------------------------------------------------------------

INBOX_PAGE_SIZE = 20


@login_required
def inbox(request, slug):
    """A listing's enquiries, newest first, with its answer numbers."""
    listing = get_listing_for_user(request, slug)
    enquiries = Enquiry.objects.filter(listing=listing).order_by("-created_at", "-pk")
    shown = request.GET.get("status")
    if shown in Enquiry.Status.values:
        enquiries = enquiries.filter(status=shown)
    page = Paginator(enquiries, INBOX_PAGE_SIZE).get_page(request.GET.get("page") or 1)
    stats = ResponseStats.objects.filter(listing=listing).first()
    context = {
        "listing": listing,
        "page": page,
        "paginator": page.paginator,
        "page_range": list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
        "query": f"status={shown}" if shown in Enquiry.Status.values else "",
        "stats": stats,
        "shown": shown,
    }
    return render(request, "enquiries/inbox.html", context)


def _enquiry(listing, pk):
    return get_object_or_404(Enquiry.objects.filter(listing=listing), pk=pk)


@login_required
def enquiry_detail(request, slug, pk):
    """One enquiry, its replies, and the reply form."""
    listing = get_listing_for_user(request, slug)
    enquiry = _enquiry(listing, pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.enquiry_reply(enquiry=enquiry, body=form.cleaned_data["body"], by=request.user)
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(
                request,
                _("Reply sent to %(email)s. The enquiry is marked answered.") % {"email": enquiry.email},
            )
            return redirect("enquiries:detail", slug=listing.slug, pk=enquiry.pk)
    context = {
        "listing": listing,
        "enquiry": enquiry,
        "replies": enquiry.replies.select_related("by"),
        "form": form,
        "inbox_url": reverse("enquiries:inbox", kwargs={"slug": listing.slug}),
    }
    return render(request, "enquiries/detail.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def mark_answered(request, slug, pk):
    listing = get_listing_for_user(request, slug)
    services.enquiry_mark_answered(enquiry=_enquiry(listing, pk), by=request.user)
    messages.success(request, _("Marked answered."))
    return redirect("enquiries:detail", slug=listing.slug, pk=pk)
