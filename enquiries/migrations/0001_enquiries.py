import django.db.models.deletion
import django.utils.timezone
import django_countries.fields
from django.conf import settings
from django.db import migrations, models

import directory.validators


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("directory", "0014_network"),
        ("outbox", "0002_email_reply_to"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ResponseStats",
            fields=[
                (
                    "listing",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="response_stats",
                        serialize=False,
                        to="directory.listing",
                        verbose_name="listing",
                    ),
                ),
                ("received", models.PositiveIntegerField(default=0, verbose_name="enquiries received")),
                ("answered", models.PositiveIntegerField(default=0, verbose_name="answered")),
                (
                    "median_hours",
                    models.FloatField(blank=True, null=True, verbose_name="median answer time (hours)"),
                ),
                (
                    "hint_days",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="“Usually answers within N days” on the listing's page; empty while there is too little data.",
                        null=True,
                        verbose_name="public hint (days)",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
            ],
            options={
                "verbose_name": "enquiry numbers of a listing",
                "verbose_name_plural": "enquiry numbers per listing",
                "ordering": ["-received", "listing"],
            },
        ),
        migrations.CreateModel(
            name="Enquiry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "batch",
                    models.UUIDField(
                        blank=True,
                        help_text="Enquiries sent to several listings at once share it.",
                        null=True,
                        verbose_name="sent together",
                    ),
                ),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                ("email", models.EmailField(max_length=254, verbose_name="email")),
                ("company", models.CharField(blank=True, max_length=200, verbose_name="company")),
                (
                    "country",
                    django_countries.fields.CountryField(blank=True, max_length=2, verbose_name="country"),
                ),
                ("product", models.CharField(max_length=200, verbose_name="product needed")),
                ("quantity", models.CharField(blank=True, max_length=100, verbose_name="quantity")),
                ("target_date", models.DateField(blank=True, null=True, verbose_name="needed by")),
                ("message", models.TextField(verbose_name="message")),
                (
                    "language",
                    models.CharField(
                        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
                        help_text="The language the buyer wrote in.",
                        max_length=8,
                        verbose_name="language",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("new", "Not answered yet"), ("answered", "Answered")],
                        default="new",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="received"),
                ),
                ("answered_at", models.DateTimeField(blank=True, null=True, verbose_name="answered on")),
                (
                    "routed_to_staff",
                    models.BooleanField(
                        default=False,
                        help_text="The listing had no owner: BPIPI staff received it to forward.",
                        verbose_name="sent to BPIPI",
                    ),
                ),
                ("forwarded_to", models.EmailField(blank=True, max_length=254, verbose_name="forwarded to")),
                ("forwarded_at", models.DateTimeField(blank=True, null=True, verbose_name="forwarded on")),
                ("is_demo", models.BooleanField(default=False, verbose_name="demo data")),
                (
                    "answered_by",
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
                    "emails",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="outbox.email", verbose_name="deliveries"
                    ),
                ),
                (
                    "forwarded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="forwarded by",
                    ),
                ),
                (
                    "listing",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="enquiries",
                        to="directory.listing",
                        verbose_name="listing",
                    ),
                ),
            ],
            options={
                "verbose_name": "enquiry",
                "verbose_name_plural": "enquiries",
                "ordering": ["-created_at", "-id"],
            },
            bases=(directory.validators.PlainTextMixin, models.Model),
        ),
        migrations.CreateModel(
            name="Reply",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("body", models.TextField(verbose_name="reply")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="sent")),
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
                    "email",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="outbox.email",
                        verbose_name="delivery",
                    ),
                ),
                (
                    "enquiry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="replies",
                        to="enquiries.enquiry",
                        verbose_name="enquiry",
                    ),
                ),
            ],
            options={
                "verbose_name": "reply",
                "verbose_name_plural": "replies",
                "ordering": ["created_at", "id"],
            },
            bases=(directory.validators.PlainTextMixin, models.Model),
        ),
        migrations.AddIndex(
            model_name="enquiry",
            index=models.Index(fields=["listing", "-created_at"], name="enquiry_listing_created_idx"),
        ),
        migrations.AddIndex(
            model_name="enquiry",
            index=models.Index(fields=["created_at"], name="enquiry_created_idx"),
        ),
        migrations.AddIndex(
            model_name="enquiry",
            index=models.Index(
                condition=models.Q(("forwarded_at__isnull", True), ("routed_to_staff", True)),
                fields=["-created_at"],
                name="enquiry_staff_queue_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="enquiry",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["new", "answered"])), name="enquiry_status_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="enquiry",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "new"), ("answered_at__isnull", False), _connector="OR"),
                name="enquiry_answered_has_date",
            ),
        ),
    ]
