from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Listing, Role
from directory.validators import validate_single_line

from .models import Project


class InterestForm(forms.Form):
    listing = forms.ModelChoiceField(queryset=Listing.objects.none(), label=_("Which of your listings?"))
    note = forms.CharField(
        label=_("A short note for the project's managers"),
        max_length=500,
        required=False,
        validators=[validate_single_line],
        help_text=_("What you bring, e.g. capacity, experience, certification."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        listings = Listing.objects.published().for_user(user).distinct().order_by("name")
        self.fields["listing"].queryset = listings
        if len(listings) == 1:
            self.fields["listing"].initial = listings[0].pk


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "title_en",
            "description",
            "description_en",
            "roles_sought",
            "deadline",
            "location",
            "province",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "roles_sought": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles_sought"].queryset = Role.objects.order_by("position")

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline and deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline has passed; choose a later date."), code="past")
        return deadline


class OrganiserForm(forms.Form):
    organiser = forms.ModelChoiceField(queryset=Listing.objects.none(), label=_("Organised by"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = (
            Listing.objects.published()
            .for_user(user)
            .filter(roles__code="organisation")
            .distinct()
            .order_by("name")
        )
