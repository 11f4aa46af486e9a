from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from directory.models import (
    Category,
    District,
    Feature,
    Listing,
    ListingPhoto,
    Province,
    Regency,
    Role,
    province_extents,
    within,
)
from directory.validators import nib_validator, validate_plain_text, validate_single_line

from . import images
from .models import Claim, User
from .widgets import SearchableCheckboxes


class UserCreationForm(auth_forms.UserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "language"]


# --- Company dashboard -------------------------------------------------------------

COMMON_FIELDS = [
    "name",
    "roles",
    "legal_form",
    "nib",
    "kbli_codes",
    "year_founded",
    "size",
    "description",
    "description_en",
    "categories",
    "features",
    "certifications",
    "province",
    "regency",
    "district",
    "address",
    "postal_code",
    "latitude",
    "longitude",
    *Listing.CONTACT_FIELDS,
]
SUPPLY_FIELDS = ["supply_capacity", "supply_capacity_unit", "supply_moq", "supply_moq_unit", "export_markets"]
# What each chain role is asked on top of the common fields.
ROLE_FIELDS = {
    Role.Code.MATERIAL: SUPPLY_FIELDS,
    Role.Code.SUPPLIER: SUPPLY_FIELDS,
    Role.Code.PRODUCER: ["capacity_pairs", "moq_pairs", "export_markets"],
    Role.Code.BRAND: ["price_segment", "export_markets"],
    Role.Code.ORGANISATION: ["organisation_kind"],
}
ROLE_SPECIFIC_FIELDS = list(dict.fromkeys(f for fields in ROLE_FIELDS.values() for f in fields))


def _selected(data, initial, name, many=False):
    """The value a field will show: posted data first, then the initial value."""
    if data is not None and name in data:
        return data.getlist(name) if many else data.get(name)
    value = initial.get(name)
    if many:
        return [getattr(v, "pk", v) for v in value or []]
    return getattr(value, "pk", value)


class RegionFieldsMixin:
    """Regency choices narrow to the province, districts to the regency."""

    @property
    def province_extent(self):
        """The chosen province's bounding box, for the map-pin picker to show."""
        code = _selected(self.data if self.is_bound else None, self.initial, "province") or ""
        return province_extents().get(code)

    def narrow_regions(self):
        province = _selected(self.data if self.is_bound else None, self.initial, "province") or ""
        regency = _selected(self.data if self.is_bound else None, self.initial, "regency") or ""
        if not within(regency, province):
            regency = ""
        self.fields["regency"].queryset = Regency.objects.filter(province=province or None)
        self.fields["district"].queryset = District.objects.filter(regency=regency or None)
        self.fields["district"].queryset = self.fields["district"].queryset.select_related("regency")
        for name in ["province", "regency", "district"]:
            # htmx swaps in narrowed pickers; without JS the form's "Refresh choices" button does it.
            self.fields[name].widget.attrs.update(
                {
                    "data-hx-get": reverse_lazy("accounts:regions"),
                    "data-hx-trigger": "change",
                    "data-hx-target": "#region-fields",
                    "data-hx-swap": "outerHTML",
                    "data-hx-include": "#region-fields",
                }
            )


class RegionForm(RegionFieldsMixin, forms.Form):
    """The region pickers alone, re-rendered by htmx as the choice narrows."""

    province = forms.ModelChoiceField(Province.objects.all(), label=_("province"), required=False)
    regency = forms.ModelChoiceField(Regency.objects.none(), label=_("regency/city"), required=False)
    district = forms.ModelChoiceField(
        District.objects.none(), label=_("district (kecamatan)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.narrow_regions()


class RoleChoiceForm(forms.Form):
    roles = forms.ModelMultipleChoiceField(
        Role.objects.all(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        label=_("What does your company do in the footwear chain?"),
        help_text=_("Choose every role that fits; the form then asks only what applies."),
        error_messages={"required": _("Choose at least one role.")},
    )
    # Sent with the choice, so that a submission with no role ticked is still
    # a submission (and says what is missing) rather than a fresh page.
    step = forms.CharField(widget=forms.HiddenInput, initial="roles", required=False)


class ListingForm(RegionFieldsMixin, forms.ModelForm):
    """A company's own listing: only the fields that fit its chosen roles.

    Status, verification and review flags are not fields here: a company
    cannot publish its own listing.
    """

    token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Listing
        fields = COMMON_FIELDS + ROLE_SPECIFIC_FIELDS
        widgets = {
            "roles": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "categories": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "features": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "certifications": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "export_markets": SearchableCheckboxes,
            "latitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            "longitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        }
        help_texts = {
            "latitude": _("Drag the pin on the map, or type the coordinates, e.g. -7.5360."),
            "longitude": _("For example 112.7000."),
        }

    def __init__(self, *args, token=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refreshing = False
        self.fields["token"].initial = token
        self.fields["roles"].error_messages["required"] = _("Choose at least one role.")
        codes = set(_selected(self.data if self.is_bound else None, self.initial, "roles", many=True))
        if not codes and self.instance.pk:
            codes = {role.pk for role in self.instance.roles.all()}
        self.role_codes = codes & set(Role.Code.values)
        wanted = {f for code in self.role_codes for f in ROLE_FIELDS[code]}
        for name in ROLE_SPECIFIC_FIELDS:
            if name not in wanted:
                del self.fields[name]
        self.fields["categories"].queryset = (
            Category.objects.active().for_roles(self.role_codes).select_related("role")
        )
        self.fields["features"].queryset = Feature.objects.filter(role__in=self.role_codes).select_related(
            "role"
        )
        for name in ["categories", "features"]:
            if not self.fields[name].queryset.exists():
                del self.fields[name]
            else:
                # Shown under a heading per role or group, so the label alone.
                self.fields[name].label_from_instance = lambda obj: obj.label
        self.narrow_regions()

    def clean(self):
        cleaned = super().clean()
        try:
            Listing.check_taxonomy(
                cleaned.get("roles") or [], cleaned.get("categories") or [], cleaned.get("features") or []
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        # Facts of a role the listing no longer has would linger unseen.
        for name in ROLE_SPECIFIC_FIELDS:
            if name not in self.fields:
                field = Listing._meta.get_field(name)
                setattr(self.instance, name, None if field.null else field.get_default())
        return cleaned

    def m2m_data(self):
        """The many-to-many values to save, by field name."""
        return {
            name: self.cleaned_data.get(name, [])
            for name in ["roles", "categories", "features", "certifications"]
        }

    def needed_for_review(self, name):
        """Whether moderators need this field (or one of its alternatives) before review."""
        return name in Listing.REVIEW_FIELDS

    def choice_groups(self, name):
        """[(heading, role code, [checkboxes])] for the categories (one group per
        chain role) and the features (one per kind); None for other fields."""
        if name not in ("categories", "features") or name not in self.fields:
            return None
        groups = {}
        for checkbox in self[name]:
            obj = checkbox.data["value"].instance
            if name == "categories":
                key, heading, code = obj.role.position, obj.role.label, obj.role_id
            else:
                key, heading, code = Feature.Group.values.index(obj.group), obj.get_group_display(), ""
            groups.setdefault(key, (heading, code, []))[2].append(checkbox)
        return [groups[key] for key in sorted(groups)]

    @property
    def sections(self):
        """Field names grouped for the template, skipping fields this form does not ask."""
        groups = [
            (
                "company",
                _("Company"),
                ["name", "roles", "legal_form", "nib", "kbli_codes", "year_founded", "size"],
            ),
            (
                "offer",
                _("What you offer"),
                ["categories", "features", "certifications", *ROLE_SPECIFIC_FIELDS],
            ),
            ("description", _("Description"), ["description", "description_en"]),
            (
                "location",
                _("Location"),
                ["province", "regency", "district", "address", "postal_code", "latitude", "longitude"],
            ),
            ("contact", _("Contact"), Listing.CONTACT_FIELDS),
        ]
        return [
            (key, title, [self[name] for name in names if name in self.fields])
            for key, title, names in groups
        ]


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB and 40 megapixels."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(
        label=_("Caption"), max_length=200, required=False, validators=[validate_single_line]
    )

    def clean_image(self):
        upload = self.cleaned_data["image"]
        images.open_image(upload)
        return upload


class CaptionForm(forms.ModelForm):
    class Meta:
        model = ListingPhoto
        fields = ["caption"]


class LogoForm(forms.Form):
    logo = forms.FileField(
        label=_("Logo"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB and 40 megapixels."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_logo(self):
        upload = self.cleaned_data["logo"]
        images.open_image(upload)
        return upload


class ClaimForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = ["position", "nib", "document", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nib"].validators.append(nib_validator)
        self.fields["document"].help_text = _(
            "NIB certificate, business card or a photo of the shop sign: PDF, JPEG, PNG or WebP, at most 5 MB."
        )


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the owners"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        validators=[validate_plain_text],
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the new editor"))


class AccountDeleteForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be deleted for good.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("This is not your password."), code="wrong_password")
        return password
