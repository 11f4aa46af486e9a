"""Listing pages show "usually answers within N days": a change of that hint
replaces the directory generation (other changes to the numbers do not, so a
new enquiry keeps every kept page and count). BPIPI moderators handle enquiries.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from directory.generation_triggers import unwatch_column, watch_column

TABLE, COLUMN = "enquiries_responsestats", "hint_days"
GROUP = "BPIPI moderator"
PERMISSIONS = ["view_enquiry", "change_enquiry", "view_reply", "view_responsestats"]


def add_trigger(apps, schema_editor):
    watch_column(schema_editor, TABLE, COLUMN)


def remove_trigger(apps, schema_editor):
    unwatch_column(schema_editor, TABLE, COLUMN)


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="enquiries", codename__in=PERMISSIONS)


def grant(apps, schema_editor):
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
        ("enquiries", "0001_enquiries"),
        ("directory", "0011_directory_generation"),
        ("moderation", "0003_moderator_claims"),
    ]

    operations = [
        migrations.RunPython(add_trigger, remove_trigger),
        migrations.RunPython(grant, revoke),
    ]
