"""Collaboration projects: published by BPIPI (or, once approved, by organisations),
joined by listings that express interest and are picked as participants."""

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _

from directory.models import Listing, ListingMembership, Province, Role, in_english
from directory.validators import PlainTextMixin


class ProjectQuerySet(models.QuerySet):
    def public(self):
        """Open, running and done projects: what anyone may see."""
        return self.filter(status__in=Project.PUBLIC_STATUSES)

    def in_display_order(self):
        """Open projects first, then running, then done; newest first within each."""
        order = Case(
            When(status=Project.Status.OPEN, then=Value(0)),
            When(status=Project.Status.RUNNING, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return self.order_by(order, "-created_at", "-pk")

    def current(self):
        """Open and running projects: what the home page shows."""
        return self.filter(status__in=[Project.Status.OPEN, Project.Status.RUNNING])

    def managed_by(self, user):
        """Projects whose organiser listing `user` is in the team of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organiser__memberships__user=user)


class Project(PlainTextMixin, models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for BPIPI's approval")
        OPEN = "open", _("Open")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        REJECTED = "rejected", _("Not approved")

    PUBLIC_STATUSES = [Status.OPEN, Status.RUNNING, Status.DONE]
    # The order a project moves in once it is public.
    NEXT_STATUS = {Status.OPEN: Status.RUNNING, Status.RUNNING: Status.DONE}

    title = models.CharField(_("title (Bahasa Indonesia)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = models.TextField(_("description (Bahasa Indonesia)"))
    description_en = models.TextField(_("description (English)"), blank=True)
    roles_sought = models.ManyToManyField(
        Role,
        related_name="+",
        blank=True,
        verbose_name=_("roles sought"),
        help_text=_("Which kinds of members may join."),
    )
    deadline = models.DateField(
        _("deadline for interest"),
        null=True,
        blank=True,
        help_text=_("Listings express interest until this day."),
    )
    location = models.CharField(_("location"), max_length=200, help_text=_("E.g. Sidoarjo, or online."))
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    organiser = models.ForeignKey(
        Listing,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_projects",
        verbose_name=_("organiser"),
        help_text=_("The organisation that runs it; empty for BPIPI's own projects."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved on"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason"), blank=True, help_text=_("Sent to the organisation."))
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "open", "running", "done", "rejected"]),
                name="project_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="project_rejected_has_reason",
                violation_error_message=_("Give the organisation a reason."),
            ),
        ]
        indexes = [
            # The projects page and the home page: public projects, newest first.
            models.Index(fields=["status", "-created_at"], name="project_status_created_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            base, n = slugify(self.title)[:200] or "project", 2
            self.slug = base
            while Project.objects.filter(slug=self.slug).exists():
                self.slug, n = f"{base}-{n}", n + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    @property
    def label(self):
        return self.title_en if in_english() and self.title_en else self.title

    @property
    def localized_description(self):
        return self.description_en if in_english() and self.description_en.strip() else self.description

    @property
    def summary(self):
        """One line about the project for meta descriptions and link previews."""
        return Truncator(" ".join(self.localized_description.split())).chars(200)

    @property
    def is_public(self):
        return self.status in self.PUBLIC_STATUSES

    @property
    def accepts_interest(self):
        """Open, and the deadline (if any) not passed."""
        return self.status == self.Status.OPEN and (
            self.deadline is None or self.deadline >= timezone.localdate()
        )

    def is_managed_by(self, user):
        """Its managers: BPIPI staff who may change projects, and the organiser's team."""
        if not user.is_authenticated:
            return False
        if user.is_staff and user.has_perm("projects.change_project"):
            return True
        return (
            bool(self.organiser_id)
            and ListingMembership.objects.filter(listing=self.organiser_id, user=user).exists()
        )


class InterestQuerySet(models.QuerySet):
    def selected(self):
        return self.filter(status=Interest.Status.SELECTED)


class Interest(PlainTextMixin, models.Model):
    """A listing's wish to take part in a project, and the managers' choice."""

    class Status(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        SELECTED = "selected", _("Participant")
        NOT_SELECTED = "not_selected", _("Not selected")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="interests", verbose_name=_("project")
    )
    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="project_interests", verbose_name=_("listing")
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.INTERESTED)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    objects = InterestQuerySet.as_manager()

    class Meta:
        verbose_name = _("interest in a project")
        verbose_name_plural = _("interests in projects")
        ordering = ["project", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "listing"],
                name="interest_one_per_listing",
                violation_error_message=_("This listing has already expressed interest."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["interested", "selected", "not_selected"]),
                name="interest_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.listing} → {self.project}"
