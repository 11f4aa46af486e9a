from django.shortcuts import get_object_or_404, render

from .glossary import TERMS
from .models import Listing, role_counts


def home(request):
    return render(request, "directory/home.html", {"roles": role_counts()})


def listing_detail(request, slug):
    listing = get_object_or_404(Listing.objects.published().for_cards(), slug=slug)
    return render(request, "directory/detail.html", {"listing": listing})


def glossary(request):
    return render(request, "directory/glossary.html", {"terms": TERMS.items()})
