"""Permission names in the reader's language.

Django stores each permission's name as English text at migrate time
("Can change listing"), so the admin's permission pickers would be English
on Indonesian pages. These labels are built from translatable parts instead:
the model's (translated) name and the action, or the custom permission's
own translatable name.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission):
    """ "app | model | what it allows", in the active language."""
    model = permission.content_type.model_class()
    if model is None:  # a permission of a model that no longer exists
        return str(permission)
    action, _sep, model_name = permission.codename.partition("_")
    if action in ACTIONS and model_name == model._meta.model_name:
        what = ACTIONS[action] % {"model": model._meta.verbose_name}
    else:
        # Custom permissions (Meta.permissions) are marked for translation.
        what = gettext(permission.name)
    return f"{model._meta.app_config.verbose_name} | {model._meta.verbose_name} | {what}"


class TranslatedPermissionsMixin:
    """A ModelAdmin mixin: its permission pickers name permissions in the reader's language."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions") and field is not None:
            field.label_from_instance = permission_label
            field.queryset = field.queryset.select_related("content_type")
        return field
