"""The 'BPIPI moderator' group: moderate listings and reports, edit the taxonomy.

Nothing about users, groups or permissions: moderators cannot manage staff
accounts. Claim permissions are added by the migration that brings claims.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "BPIPI moderator"

PERMISSIONS = {
    "directory": [
        "view_listing",
        "change_listing",
        "view_listingphoto",
        "view_listingmembership",
        # Listing forms look regions and roles up.
        "view_province",
        "view_regency",
        "view_district",
        "view_role",
        # The taxonomy.
        *(
            f"{verb}_{model}"
            for model in ["category", "feature", "certification", "cluster"]
            for verb in ["add", "change", "delete", "view"]
        ),
    ],
    "moderation": [
        "moderate_listing",
        "view_decision",
        "view_pendinglisting",
        "view_changedlisting",
        "view_errorreport",
        "change_errorreport",
    ],
}


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    wanted = [(app, codename) for app, codenames in PERMISSIONS.items() for codename in codenames]
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in wanted
    ]
    group.permissions.set(permissions)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0006_listing_reviewed_at"),
        ("moderation", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
