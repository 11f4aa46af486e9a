from django.utils.deconstruct import deconstructible

from directory.storage import PrivateStorage as _PrivateStorage


@deconstructible
class PrivateStorage(_PrivateStorage):
    """Claim documents' storage, by the name accounts' migrations know it."""
