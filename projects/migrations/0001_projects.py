import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import directory.validators


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("directory", "0014_network"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Project",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title (Bahasa Indonesia)")),
                ("title_en", models.CharField(blank=True, max_length=200, verbose_name="title (English)")),
                ("slug", models.SlugField(max_length=220, unique=True, verbose_name="slug")),
                ("description", models.TextField(verbose_name="description (Bahasa Indonesia)")),
                ("description_en", models.TextField(blank=True, verbose_name="description (English)")),
                (
                    "deadline",
                    models.DateField(
                        blank=True,
                        help_text="Listings express interest until this day.",
                        null=True,
                        verbose_name="deadline for interest",
                    ),
                ),
                (
                    "location",
                    models.CharField(
                        help_text="E.g. Sidoarjo, or online.", max_length=200, verbose_name="location"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Waiting for BPIPI's approval"),
                            ("open", "Open"),
                            ("running", "Running"),
                            ("done", "Done"),
                            ("rejected", "Not approved"),
                        ],
                        default="open",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("approved_at", models.DateTimeField(blank=True, null=True, verbose_name="approved on")),
                (
                    "rejection_reason",
                    models.TextField(
                        blank=True, help_text="Sent to the organisation.", verbose_name="reason"
                    ),
                ),
                ("is_demo", models.BooleanField(default=False, verbose_name="demo data")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="approved by",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "organiser",
                    models.ForeignKey(
                        blank=True,
                        help_text="The organisation that runs it; empty for BPIPI's own projects.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="organised_projects",
                        to="directory.listing",
                        verbose_name="organiser",
                    ),
                ),
                (
                    "province",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="directory.province",
                        verbose_name="province",
                    ),
                ),
                (
                    "roles_sought",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Which kinds of members may join.",
                        related_name="+",
                        to="directory.role",
                        verbose_name="roles sought",
                    ),
                ),
            ],
            options={
                "verbose_name": "project",
                "verbose_name_plural": "projects",
                "ordering": ["-created_at", "-id"],
            },
            bases=(directory.validators.PlainTextMixin, models.Model),
        ),
        migrations.CreateModel(
            name="Interest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=500, verbose_name="note")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("interested", "Interested"),
                            ("selected", "Participant"),
                            ("not_selected", "Not selected"),
                        ],
                        default="interested",
                        max_length=15,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided on")),
                (
                    "by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
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
                        verbose_name="decided by",
                    ),
                ),
                (
                    "listing",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="project_interests",
                        to="directory.listing",
                        verbose_name="listing",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="interests",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "interest in a project",
                "verbose_name_plural": "interests in projects",
                "ordering": ["project", "created_at"],
            },
            bases=(directory.validators.PlainTextMixin, models.Model),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["status", "-created_at"], name="project_status_created_idx"),
        ),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["proposed", "open", "running", "done", "rejected"])),
                name="project_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "rejected"), _negated=True),
                    models.Q(("rejection_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="project_rejected_has_reason",
                violation_error_message="Give the organisation a reason.",
            ),
        ),
        migrations.AddConstraint(
            model_name="interest",
            constraint=models.UniqueConstraint(
                fields=("project", "listing"),
                name="interest_one_per_listing",
                violation_error_message="This listing has already expressed interest.",
            ),
        ),
        migrations.AddConstraint(
            model_name="interest",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["interested", "selected", "not_selected"])),
                name="interest_status_valid",
            ),
        ),
    ]
