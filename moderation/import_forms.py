"""Forms of the admin import: the upload, and the mapping of columns with the file's defaults."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from directory.models import Role

from . import uploads
from .importer.cleaning import Places
from .importer.mapping import target_choices


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Any member list: the columns are recognised in Indonesian or English, and you check them next."
        ),
    )
    sheet = forms.CharField(
        label=_("Sheet"),
        required=False,
        max_length=100,
        help_text=_("XLSX only: the name of the sheet to read. Empty: the first sheet."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Choose a .csv or .xlsx file."), code="file_type")
        try:
            uploads.check_size(upload)
        except uploads.FileError as error:
            raise ValidationError(error.message, code="file_too_large") from None
        return upload


class MappingForm(forms.Form):
    """One choice per column of the file, then values for what the file lacks."""

    default_roles = forms.MultipleChoiceField(
        label=_("Chain role of rows that name none"),
        required=False,
        choices=Role.Code.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    default_province = forms.CharField(
        label=_("Province of rows that name none"),
        required=False,
        max_length=100,
        help_text=_("A name or abbreviation: Jawa Timur, Jatim, DIY…"),
    )
    clear_empty = forms.BooleanField(
        label=_("Empty cells clear the field of an existing listing"),
        required=False,
        help_text=_("Leave this off to keep what a listing has where the file's cell is empty."),
    )
    publish = forms.BooleanField(
        label=_("Publish new listings at once"),
        required=False,
        help_text=_("Off: new listings wait in the pending queue for review."),
    )

    def __init__(self, *args, table, mapping, may_publish, **kwargs):
        super().__init__(*args, **kwargs)
        self.table = table
        self.columns = []
        for index, header in enumerate(table.header):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header or _("(column without a header)"),
                choices=target_choices(),
                required=False,
                initial=mapping[index] if index < len(mapping) else "",
            )
            self.columns.append((name, header, table.samples(index)))
        if not may_publish:
            del self.fields["publish"]

    def column_rows(self):
        return [(self[name], header, samples) for name, header, samples in self.columns]

    def clean_default_province(self):
        value = self.cleaned_data["default_province"].strip()
        if value:
            province, message = Places().province(value)
            if province is None:
                raise ValidationError(message, code="unknown_province")
            return province.code
        return ""

    @property
    def mapping(self):
        return [self.cleaned_data.get(name, "") for name, _header, _samples in self.columns]

    @property
    def defaults(self):
        defaults = {}
        if self.cleaned_data.get("default_roles"):
            defaults["roles"] = ", ".join(self.cleaned_data["default_roles"])
        if self.cleaned_data.get("default_province"):
            defaults["province"] = self.cleaned_data["default_province"]
        return defaults
