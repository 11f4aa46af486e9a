from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe

from directory import seo

register = template.Library()


@register.simple_tag
def absolute_url(url):
    """{% absolute_url request.path %}: the address on the public site."""
    return seo.absolute_url(url)


@register.simple_tag
def language_alternates(path):
    """[(hreflang, absolute URL)] for each language plus x-default (Indonesian)."""
    alternates = [(code, seo.absolute_url(translate_url(path, code))) for code, _name in settings.LANGUAGES]
    alternates.append(("x-default", seo.absolute_url(translate_url(path, settings.LANGUAGE_CODE))))
    return alternates


@register.filter
def json_ld(data):
    """Render a dict as a schema.org JSON-LD script element."""
    return mark_safe(f'<script type="application/ld+json">{seo.json_for_script(data)}</script>')


@register.simple_tag
def site_card_url():
    """{% site_card_url as url %}: the portal's own link-preview image."""
    return seo.site_card_url()


@register.simple_tag
def site_name():
    """{% site_name %}: the portal's name (settings.SITE_NAME)."""
    return settings.SITE_NAME
