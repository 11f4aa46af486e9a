from django import template

from ..overview import headline_numbers, queues

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_overview(context):
    """Queues and headline numbers for the admin index, or None for a user who may not moderate."""
    user = context["request"].user
    if not user.has_perm("directory.view_listing"):
        return None
    return {"queues": queues(user), "numbers": headline_numbers()}
