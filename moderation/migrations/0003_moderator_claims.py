"""Moderators also decide claims: the permissions come with the Claim model."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "BPIPI moderator"
CLAIM_PERMISSIONS = ["view_claim", "change_claim"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.get(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="accounts", codename__in=CLAIM_PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="accounts", codename__in=CLAIM_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_claims_and_invitations"),
        ("moderation", "0002_moderator_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
