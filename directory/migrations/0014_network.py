"""Communities' member rosters and supply links between listings.

Listing pages show both, so their tables replace the directory generation on
every write, like the listing tables (migration 0011): a kept page never shows
a link that was ended or misses one just confirmed.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import directory.validators
from directory.generation_triggers import unwatch, watch

WATCHED = ["directory_communitymember", "directory_supplylink"]


def add_triggers(apps, schema_editor):
    watch(schema_editor, WATCHED)


def remove_triggers(apps, schema_editor):
    unwatch(schema_editor, WATCHED)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0013_listing_search_projection"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CommunityMember",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("invited", "Invited by the organisation"),
                            ("requested", "Asked to join"),
                            ("confirmed", "Member"),
                            ("declined", "Declined"),
                            ("ended", "Ended"),
                        ],
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "message",
                    models.CharField(
                        blank=True,
                        help_text="A short note sent with the invitation or request.",
                        max_length=500,
                        verbose_name="message",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="answered on")),
                ("ended_at", models.DateTimeField(blank=True, null=True, verbose_name="ended on")),
                ("is_demo", models.BooleanField(default=False, verbose_name="demo data")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="answered by",
                    ),
                ),
                (
                    "ended_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ended by",
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="community_memberships",
                        to="directory.listing",
                        verbose_name="member",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="roster",
                        to="directory.listing",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="invited or requested by",
                    ),
                ),
            ],
            options={
                "verbose_name": "community member",
                "verbose_name_plural": "community members",
                "ordering": ["organisation", "member__name"],
                "indexes": [
                    models.Index(
                        condition=models.Q(("status", "confirmed")),
                        fields=["organisation", "member"],
                        name="community_confirmed_org_idx",
                    ),
                    models.Index(
                        condition=models.Q(("status", "confirmed")),
                        fields=["member", "organisation"],
                        name="community_confirmed_member_idx",
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("organisation", models.F("member")), _negated=True),
                        name="communitymember_not_self",
                        violation_error_message="An organisation cannot be its own member.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("status__in", ["invited", "requested", "confirmed", "declined", "ended"])
                        ),
                        name="communitymember_status_valid",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("status__in", ["invited", "requested", "confirmed"])),
                        fields=("organisation", "member"),
                        name="communitymember_one_open_per_pair",
                        violation_error_message="This listing is already on the roster or waiting for an answer.",
                    ),
                ],
            },
            bases=(directory.validators.PlainTextMixin, models.Model),
        ),
        migrations.CreateModel(
            name="SupplyLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("supply", "Supplies materials or components"),
                            ("makloon", "Manufactures for the customer (makloon)"),
                        ],
                        default="supply",
                        max_length=10,
                        verbose_name="what flows",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="E.g. EVA outsoles for school shoes.",
                        max_length=200,
                        verbose_name="note",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Waiting for confirmation"),
                            ("confirmed", "Confirmed"),
                            ("declined", "Declined"),
                            ("ended", "Ended"),
                        ],
                        default="proposed",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="answered on")),
                ("ended_at", models.DateTimeField(blank=True, null=True, verbose_name="ended on")),
                ("is_demo", models.BooleanField(default=False, verbose_name="demo data")),
                (
                    "category",
                    models.ForeignKey(
                        blank=True,
                        help_text="What is supplied, e.g. tanned leather or outsoles; for makloon, the kind of footwear.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="directory.category",
                        verbose_name="category",
                    ),
                ),
                (
                    "customer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="upstream_links",
                        to="directory.listing",
                        verbose_name="customer",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="answered by",
                    ),
                ),
                (
                    "ended_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ended by",
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="proposed by",
                    ),
                ),
                (
                    "proposer",
                    models.ForeignKey(
                        blank=True,
                        help_text="The side that declared the link; empty when BPIPI staff recorded it.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="directory.listing",
                        verbose_name="proposed by listing",
                    ),
                ),
                (
                    "supplier",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="downstream_links",
                        to="directory.listing",
                        verbose_name="supplier",
                    ),
                ),
            ],
            options={
                "verbose_name": "supply link",
                "verbose_name_plural": "supply links",
                "ordering": ["-created_at", "-id"],
                "indexes": [
                    models.Index(
                        condition=models.Q(("status", "confirmed")),
                        fields=["supplier", "customer"],
                        name="supplylink_confirmed_down_idx",
                    ),
                    models.Index(
                        condition=models.Q(("status", "confirmed")),
                        fields=["customer", "supplier"],
                        name="supplylink_confirmed_up_idx",
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("supplier", models.F("customer")), _negated=True),
                        name="supplylink_not_self",
                        violation_error_message="A listing cannot supply itself.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["proposed", "confirmed", "declined", "ended"])),
                        name="supplylink_status_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["supply", "makloon"])), name="supplylink_kind_valid"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("proposer__isnull", True),
                            ("proposer", models.F("supplier")),
                            ("proposer", models.F("customer")),
                            _connector="OR",
                        ),
                        name="supplylink_proposer_is_a_side",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("status__in", ["proposed", "confirmed"])),
                        fields=("supplier", "customer"),
                        name="supplylink_one_open_per_pair",
                        violation_error_message="This link is already declared or waiting for confirmation.",
                    ),
                ],
            },
            bases=(directory.validators.PlainTextMixin, models.Model),
        ),
        migrations.RunPython(add_triggers, remove_triggers),
    ]
