"""Projects show on the home page and their own pages, which are kept for
anonymous visitors per directory generation: their tables replace the
generation on every write. BPIPI moderators manage projects.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from directory.generation_triggers import unwatch, watch

WATCHED = ["projects_project", "projects_project_roles_sought", "projects_interest"]
GROUP = "BPIPI moderator"
PERMISSIONS = [f"{verb}_{model}" for model in ["project", "interest"] for verb in ["add", "change", "view"]]


def add_triggers(apps, schema_editor):
    watch(schema_editor, WATCHED)


def remove_triggers(apps, schema_editor):
    unwatch(schema_editor, WATCHED)


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="projects", codename__in=PERMISSIONS)


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
        ("projects", "0001_projects"),
        ("directory", "0011_directory_generation"),
        ("moderation", "0003_moderator_claims"),
    ]

    operations = [
        migrations.RunPython(add_triggers, remove_triggers),
        migrations.RunPython(grant, revoke),
    ]
