"""Where private uploads live: outside MEDIA_ROOT, with no public URL."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT with no public URL, read from PRIVATE_MEDIA_ROOT at use time.

    Claim documents and verification evidence: staff download them through
    views that check their permission.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; staff download them through the admin.")
