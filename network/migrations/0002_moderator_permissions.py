"""BPIPI moderators record links and memberships for unclaimed listings and review proposed edits."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "BPIPI moderator"
PERMISSIONS = {
    "directory": ["view_supplylink", "add_supplylink", "change_supplylink"]
    + ["view_communitymember", "add_communitymember", "change_communitymember"],
    "network": ["view_editproposal", "change_editproposal"],
}


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codenames in PERMISSIONS.items()
        for codename in codenames
    ]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group:
        group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_edit_proposals"),
        ("directory", "0014_network"),
        ("moderation", "0003_moderator_claims"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
