from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from directory.validators import validate_plain_text

from .models import ErrorReport
from .services import REASON_REQUIRED


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
