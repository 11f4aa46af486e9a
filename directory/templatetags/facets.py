"""The directory's facet options, written in Python: a page shows a few hundred of them,
and a template loop over each option's fields was a good part of its rendering time."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()
SELECTED, DISABLED = mark_safe(" selected"), mark_safe(" disabled")


@register.simple_tag
def facet_options(facet):
    """The <option> elements of a facet's select: label and count, the chosen one selected,
    empty ones disabled (choosing them would show nothing)."""
    return format_html_join(
        "",
        '<option value="{}"{}>{} ({})</option>',
        (
            (
                option.value,
                SELECTED if option.selected else DISABLED if not option.count else "",
                option.label,
                option.count,
            )
            for option in facet.options
        ),
    )
