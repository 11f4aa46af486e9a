import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
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
