"""Country names in the reader's language, for export markets.

django-countries names countries in English and has no Indonesian
catalogue; Indonesian pages take the Unicode CLDR names that Babel ships
(Jepang, Korea Selatan, Amerika Serikat). Indonesia itself is not an export
market.
"""

from functools import cache

from babel import Locale
from django.utils.translation import get_language
from django_countries import Countries, CountryTuple

HOME = "ID"


@cache
def _cldr_names(language):
    return Locale.parse(language).territories


class ExportMarkets(Countries):
    """Every country but Indonesia, named (and so sorted) in the active language."""

    override = {HOME: None}

    def translate_pair(self, code, name=None):
        pair = super().translate_pair(code, name)
        language = (get_language() or "").split("-")[0]
        if language and language != "en":
            local = _cldr_names(language).get(code)
            if local:
                return CountryTuple(code, local)
        return pair
