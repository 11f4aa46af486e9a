from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from directory.models import Certification
from directory.validators import validate_plain_text

from .models import ErrorReport
from .services import REASON_REQUIRED, CertificateEvidence, Evidence


class DecisionForm(forms.Form):
    """The moderator's reason for a decision; required where the owners need one."""

    reason = forms.CharField(
        label=_("Reason for the owners"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=2000,
        required=False,
        validators=[validate_plain_text],
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action in REASON_REQUIRED:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _("Give the owners a reason.")
        else:
            self.fields["reason"].label = _("Note for the owners (optional)")


class VerificationForm(DecisionForm):
    """Verify: what BPIPI checked, besides the note for the owners. The service judges
    whether it is enough (moderation.services.check_evidence)."""

    nib_confirmed = forms.BooleanField(
        label=_("NIB confirmed in OSS"),
        required=False,
        help_text=_("Required for legal forms registered with an NIB."),
    )
    site_visit_on = forms.DateField(
        label=_("Site visit on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    document = forms.FileField(
        label=_("Evidence document (optional, kept private)"),
        required=False,
        help_text=_("A visit report or a scan; only moderators can download it."),
    )


class CertificateForm(forms.Form):
    """One certificate BPIPI saw; an empty row is ignored."""

    certification = forms.ModelChoiceField(
        label=_("certification"), queryset=Certification.objects.all(), required=False
    )
    number = forms.CharField(label=_("certificate number"), max_length=100, required=False)
    issuer = forms.CharField(label=_("issued by"), max_length=200, required=False)
    expires_on = forms.DateField(
        label=_("valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


CertificateFormSet = forms.formset_factory(CertificateForm, extra=3, max_num=10)


def evidence_from(form, formset):
    """The Evidence in a valid VerificationForm and CertificateFormSet."""
    data = form.cleaned_data
    certificates = [
        CertificateEvidence(
            certification=row["certification"],
            number=row.get("number") or "",
            issuer=row.get("issuer") or "",
            expires_on=row.get("expires_on"),
        )
        for row in formset.cleaned_data
        if row and row.get("certification")
    ]
    return Evidence(
        nib_confirmed=data["nib_confirmed"],
        site_visit_on=data["site_visit_on"],
        document=data["document"],
        certificates=certificates,
    )


class ErrorReportForm(forms.ModelForm):
    """What a visitor reports. `website` is a honeypot: hidden from people, filled in by bots."""

    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = ErrorReport
        fields = ["message", "contact"]
        labels = {"message": _("What is wrong?"), "contact": _("Your email or phone (optional)")}
        help_texts = {"contact": _("Only BPIPI sees it, in case we need to ask you something.")}
        widgets = {
            "message": forms.Textarea(attrs={"rows": 4, "maxlength": 2000, "class": "form-control"}),
            "contact": forms.TextInput(attrs={"class": "form-control", "autocomplete": "email"}),
        }

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise ValidationError(
                _("Please say in a few words what is wrong (at least 10 characters)."), code="too_short"
            )
        return message

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
