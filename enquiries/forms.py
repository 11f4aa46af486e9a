from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from directory.models import Listing
from directory.validators import validate_plain_text, validate_single_line

from .models import Enquiry

MESSAGE_MAX_LENGTH = 5000
# One enquiry may go to this many listings at once ("ask these 5 sole makers for a quote").
MAX_LISTINGS = 10


class ListingChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, listing):
        return f"{listing.name} — {listing.regency.name}"


class EnquiryForm(forms.ModelForm):
    """The buyer's enquiry; `website` is a honeypot that people never see."""

    website = forms.CharField(required=False, label=_("Website"))

    class Meta:
        model = Enquiry
        fields = [
            "name",
            "email",
            "company",
            "country",
            "product",
            "quantity",
            "target_date",
            "message",
            "language",
        ]
        labels = {
            "name": _("Your name"),
            "email": _("Your email"),
            "company": _("Company (optional)"),
            "country": _("Country"),
            "product": _("What do you need?"),
            "quantity": _("Quantity (optional)"),
            "target_date": _("Needed by (optional)"),
            "message": _("Message"),
            "language": _("I write in"),
        }
        help_texts = {
            "email": _("The company answers to this address. It is not shown anywhere on the portal."),
            "product": _("E.g. leather safety shoes, EVA outsoles, makloon of casual shoes."),
            "quantity": _("E.g. 500 pairs a month."),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": MESSAGE_MAX_LENGTH}),
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, listings=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault(
            "language", (get_language() or settings.LANGUAGE_CODE)[:2]
        )
        super().__init__(*args, **kwargs)
        # Line breaks and control characters are checked by the model (PlainTextMixin).
        self.fields["country"].required = False
        if listings is not None:
            self.fields["listings"] = ListingChoiceField(
                queryset=listings,
                label=_("Send to"),
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                error_messages={"required": _("Choose at least one company.")},
            )
            self.order_fields(["listings"])

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def clean_message(self):
        message = self.cleaned_data["message"]
        if len(message) > MESSAGE_MAX_LENGTH:
            raise forms.ValidationError(
                _("Keep the message under %(limit)d characters."),
                code="too_long",
                params={"limit": MESSAGE_MAX_LENGTH},
            )
        return message

    def clean_target_date(self):
        date = self.cleaned_data["target_date"]
        if date and date < timezone.localdate():
            raise forms.ValidationError(_("The date has passed; choose a later one."), code="past")
        return date

    def clean_listings(self):
        listings = self.cleaned_data["listings"]
        if len(listings) > MAX_LISTINGS:
            raise forms.ValidationError(
                ngettext_lazy(
                    "Choose at most %(limit)d company at once.",
                    "Choose at most %(limit)d companies at once.",
                    MAX_LISTINGS,
                ),
                code="too_many",
                params={"limit": MAX_LISTINGS},
            )
        return listings


def published_listings(slugs):
    """The published listings named in a multi-listing enquiry's address, in their order there."""
    slugs = list(dict.fromkeys(slug for slug in slugs if slug))[:50]
    return Listing.objects.published().filter(slug__in=slugs).select_related("regency").order_by("name", "pk")


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MESSAGE_MAX_LENGTH,
        validators=[validate_plain_text],
    )


class ForwardForm(forms.Form):
    to = forms.EmailField(
        label=_("Forward to"), help_text=_("E.g. the company's address you learned by phone.")
    )
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=500, validators=[validate_single_line]
    )
