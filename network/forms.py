from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import SEARCH_MAX_LENGTH, Category, Listing, SupplyLink
from directory.validators import validate_single_line

from .models import PROPOSABLE_FIELDS

SEARCH_RESULTS = 20


class ListingSearchForm(forms.Form):
    """Find the other listing by name: the first step of a link, invitation or request."""

    q = forms.CharField(label=_("Name of the listing"), max_length=SEARCH_MAX_LENGTH, strip=True)

    def results(self, *, exclude, organisations_only=False):
        if not self.is_valid():
            return []
        listings = Listing.objects.published().search(self.cleaned_data["q"]).exclude(pk=exclude.pk)
        if organisations_only:
            listings = listings.filter(roles__code="organisation")
        return list(
            listings.select_related("regency")
            .prefetch_related("roles")
            .order_by("name", "pk")[:SEARCH_RESULTS]
        )


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, category):
        return f"{category.role.label}: {category.label}"


class LinkForm(forms.Form):
    DIRECTION_CHOICES = [
        ("supplies", _("We supply them")),
        ("supplied_by", _("They supply us")),
    ]

    direction = forms.ChoiceField(label=_("Direction"), choices=DIRECTION_CHOICES, widget=forms.RadioSelect)
    kind = forms.ChoiceField(label=_("What flows"), choices=SupplyLink.Kind.choices, widget=forms.RadioSelect)
    category = CategoryChoiceField(
        label=_("Category"),
        queryset=Category.objects.active().select_related("role").order_by("role__position", "position"),
        required=False,
        empty_label=_("No particular category"),
        help_text=_("E.g. tanned leather or outsoles; for makloon, the kind of footwear made."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
        help_text=_("Shown with the link, e.g. EVA outsoles for school shoes."),
    )


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message (optional)"),
        max_length=500,
        required=False,
        validators=[validate_single_line],
        widget=forms.TextInput(),
    )


class EditProposalForm(forms.ModelForm):
    """The facts a community may propose for an unclaimed member; only changed ones are kept."""

    note = forms.CharField(
        label=_("Note for BPIPI"),
        max_length=500,
        required=False,
        validators=[validate_single_line],
        help_text=_("How you know, e.g. “visited the workshop in May”."),
    )

    class Meta:
        model = Listing
        fields = PROPOSABLE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def changed_values(self):
        """{field: value as JSON} of the fields whose value differs from the listing's."""
        values = {}
        for name in self.changed_data:
            if name == "note":
                continue
            value = self.cleaned_data[name]
            if hasattr(value, "as_e164"):
                value = value.as_e164
            values[name] = "" if value is None and name != "year_founded" else value
        return values
