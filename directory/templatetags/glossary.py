from django import template
from django.urls import reverse
from django.utils.html import format_html

from directory.glossary import TERMS

register = template.Library()


@register.simple_tag
def term(name):
    """An industry term, explained on hover and linked to the glossary."""
    return format_html(
        '<a class="ifn-term" href="{}#term-{}"><abbr title="{}">{}</abbr></a>',
        reverse("directory:glossary"),
        name.lower(),
        TERMS[name],
        name,
    )
