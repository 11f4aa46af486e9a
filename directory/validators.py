import re
import unicodedata
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

nib_validator = RegexValidator(
    r"^\d{13}$",
    _("NIB (Nomor Induk Berusaha) must be exactly 13 digits."),
    code="invalid_nib",
)

postal_code_validator = RegexValidator(
    r"^\d{5}$",
    _("A postal code has 5 digits."),
    code="invalid_postal_code",
)

_KBLI = re.compile(r"^\d{5}$")


def normalize_kbli(value):
    """Return KBLI codes as a clean comma-separated list ("15201, 15202")."""
    codes = [code.strip() for code in re.split(r"[,;\s]+", value or "") if code.strip()]
    return ", ".join(dict.fromkeys(codes))


def validate_kbli(value):
    for code in normalize_kbli(value).split(", "):
        if code and not _KBLI.match(code):
            raise ValidationError(
                _("“%(code)s” is not a KBLI code: KBLI codes have 5 digits, separated by commas."),
                code="invalid_kbli",
                params={"code": code},
            )


# Indonesia's extent with a margin: a coordinate outside it is a typo
# (swapped latitude and longitude, a missing minus sign).
LATITUDE_RANGE = (-11.5, 6.5)
LONGITUDE_RANGE = (94.5, 141.5)


@deconstructible
class DomainURLValidator:
    """Refuse a link that does not point at the named platform."""

    def __init__(self, *domains):
        self.domains = domains

    def __call__(self, value):
        host = (urlsplit(value).hostname or "").lower()
        if not any(host == d or host.endswith("." + d) for d in self.domains):
            raise ValidationError(
                _("This link must point to %(domain)s."),
                code="wrong_domain",
                params={"domain": self.domains[0]},
            )

    def __eq__(self, other):
        return isinstance(other, DomainURLValidator) and self.domains == other.domains


# --- Control characters -----------------------------------------------------
# A NUL byte, a backspace or an escape sequence in a stored text breaks the
# database (PostgreSQL refuses NUL), emails (a line break in a name becomes a
# broken header) and exports. Nobody types them: refuse them with a message.
# Multi-line texts keep their line breaks and tabs; one-line texts keep none.

_MULTILINE_CONTROLS = frozenset("\t\n\r")


def _control_characters(value, allowed=frozenset()):
    return any(unicodedata.category(c) == "Cc" and c not in allowed for c in value)


def validate_single_line(value):
    """Refuse line breaks, tabs and every other control character."""
    if isinstance(value, str) and _control_characters(value):
        raise ValidationError(
            _("Write this on one line, without line breaks, tabs or other control characters."),
            code="control_characters",
        )


def validate_plain_text(value):
    """Refuse control characters other than line breaks and tabs."""
    if isinstance(value, str) and _control_characters(value, _MULTILINE_CONTROLS):
        raise ValidationError(
            _("This text contains a control character (such as a NUL byte) that cannot be typed; remove it."),
            code="control_characters",
        )


class PlainTextMixin:
    """Model validation that refuses control characters in every text field.

    CharFields are one line (validate_single_line), TextFields may hold line
    breaks (validate_plain_text). Applied on model validation (ModelForms,
    the admin, the importer) to the fields being validated only, so a form
    showing some fields never reports an error on a field it does not show.
    Done here rather than as field validators so that no migration is needed.
    """

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if field.name in (exclude or ()) or field.name in errors:
                continue
            if isinstance(field, models.TextField):
                validator = validate_plain_text
            elif isinstance(field, models.CharField):
                validator = validate_single_line
            else:
                continue
            try:
                validator(getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)
