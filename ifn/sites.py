"""The Site record (django.contrib.sites) follows SITE_URL and SITE_NAME.

allauth names the site in its emails ("[Indonesia Footwear Network] Please
confirm…") from the Site record, so the record must never be Django's
"example.com". It is brought in line with the settings after every
migrate, and a system check warns when it is not.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


def site_domain():
    """The public host name (and port) from SITE_URL."""
    return urlsplit(settings.SITE_URL).netloc


def sync_site(using="default", **kwargs):
    """post_migrate: make the Site record say what the settings say."""
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": site_domain(), "name": settings.SITE_NAME}
    )


def check_site(app_configs=None, databases=None, **kwargs):
    """Warn when the Site record differs from SITE_URL / SITE_NAME (run migrate to fix)."""
    if not databases or "default" not in databases:
        return []
    from django.contrib.sites.models import Site
    from django.db import DatabaseError

    try:
        site = Site.objects.filter(pk=settings.SITE_ID).first()
    except DatabaseError:
        return []  # not migrated yet: migrate creates it
    wanted = (site_domain(), settings.SITE_NAME)
    if site is None or (site.domain, site.name) != wanted:
        found = f"{site.domain} / {site.name}" if site else "no Site record"
        return [
            checks.Warning(
                f"The Site record ({found}) does not match SITE_URL and SITE_NAME "
                f"({wanted[0]} / {wanted[1]}); emails would name the wrong site.",
                hint="Run manage.py migrate, which brings the record in line.",
                id="ifn.W001",
            )
        ]
    return []
