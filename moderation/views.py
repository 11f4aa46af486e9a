import logging

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from directory.models import Listing
from ifn.ratelimit import client_ip

from .forms import ErrorReportForm

logger = logging.getLogger(__name__)

# Reports accepted from one IP address per hour: enough for a person, too few for a bot.
REPORTS_PER_HOUR = 5


def _rate_limited(request):
    """Count a report from this IP; True once the hour's allowance is used up."""
    key = "moderation:report:" + client_ip(request)
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > REPORTS_PER_HOUR


@require_http_methods(["GET", "POST"])
def report(request, slug):
    """'Report an error' on a published listing: a short form that lands in the moderation queue."""
    listing = get_object_or_404(Listing.objects.published(), slug=slug)
    form = ErrorReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _rate_limited(request):
            return render(
                request,
                "moderation/report_form.html",
                {"listing": listing, "form": form, "limited": True},
                status=429,
            )
        # A filled honeypot is a bot: thank it like a person and keep nothing.
        if not form.is_spam:
            report = form.save(commit=False)
            report.listing = listing
            report.save()
        messages.success(request, _("Thank you. BPIPI will check this listing."))
        return redirect(listing)
    return render(request, "moderation/report_form.html", {"listing": listing, "form": form})
