"""Projects: propose, approve, express interest, pick participants, move the status on.

Keyword-only functions, one transaction each, ValidationError with a message
when they refuse; the people concerned are emailed through the outbox.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import ListingMembership
from outbox.services import email_queue_template

from .models import Interest, Project


def _team(listing, *, owners_only=True):
    team = ListingMembership.objects.filter(listing=listing)
    if owners_only:
        team = team.filter(role=ListingMembership.TeamRole.OWNER)
    return list(team.values_list("user__email", "user__language"))


def _staff():
    """Active staff allowed to change projects: they approve proposals and manage BPIPI's projects."""
    allowed = Q(is_superuser=True) | Q(
        groups__permissions__codename="change_project",
        groups__permissions__content_type__app_label="projects",
    )
    users = (
        get_user_model().objects.filter(allowed, is_active=True, is_staff=True).distinct().order_by("email")
    )
    return list(users.values_list("email", "language"))


def _managers(project):
    return _team(project.organiser, owners_only=False) if project.organiser_id else _staff()


def _tell(recipients, *, subject, template, context, subject_params=None):
    for to, language in recipients:
        email_queue_template(
            to=to,
            subject=subject,
            subject_params=subject_params,
            template=template,
            context=context,
            language=language,
        )


def project_propose(*, project, roles, organiser, by):
    """An organisation proposes a project; BPIPI approves it before it shows."""
    if not organiser.is_organisation:
        raise ValidationError(_("Only organisations propose projects."), code="not_organisation")
    if not ListingMembership.objects.filter(listing=organiser, user=by).exists():
        raise ValidationError(_("You are not in this organisation's team."), code="not_team")
    with transaction.atomic():
        project.organiser, project.created_by, project.status = organiser, by, Project.Status.PROPOSED
        project.save()
        project.roles_sought.set(roles)
        _tell(
            _staff(),
            subject=_("%(organisation)s proposes a project: %(title)s"),
            subject_params={"organisation": organiser.name, "title": project.title},
            template="projects/email/proposed.txt",
            context={"project": project},
        )
    return project


def _locked(project):
    return Project.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=project.pk)


def project_approve(*, project, by):
    """BPIPI publishes a proposed project: it opens for interest."""
    with transaction.atomic():
        project = _locked(project)
        if project.status != Project.Status.PROPOSED:
            raise ValidationError(_("Only proposed projects can be approved."), code="not_proposed")
        project.status = Project.Status.OPEN
        project.approved_by, project.approved_at = by, timezone.now()
        project.save()
        if project.organiser_id:
            _tell(
                _team(project.organiser),
                subject=_("Your project is published: %(title)s"),
                subject_params={"title": project.title},
                template="projects/email/decided.txt",
                context={"project": project},
            )
    return project


def project_reject(*, project, by, reason):
    if not (reason or "").strip():
        raise ValidationError(_("Give the organisation a reason."), code="reason_required")
    with transaction.atomic():
        project = _locked(project)
        if project.status != Project.Status.PROPOSED:
            raise ValidationError(_("Only proposed projects can be rejected."), code="not_proposed")
        project.status, project.rejection_reason = Project.Status.REJECTED, reason.strip()
        project.save()
        if project.organiser_id:
            _tell(
                _team(project.organiser),
                subject=_("Your project was not approved: %(title)s"),
                subject_params={"title": project.title},
                template="projects/email/decided.txt",
                context={"project": project},
            )
    return project


def project_advance(*, project, by):
    """A manager moves the project on: open → running → done."""
    with transaction.atomic():
        project = _locked(project)
        if not project.is_managed_by(by):
            raise ValidationError(_("Only the project's managers change its status."), code="not_manager")
        if project.status not in Project.NEXT_STATUS:
            raise ValidationError(_("This project cannot move on from here."), code="final")
        project.status = Project.NEXT_STATUS[project.status]
        project.save()
    return project


def interest_express(*, project, listing, note, by):
    """A listing's team says it wants to take part; the project's managers are told."""
    if not project.accepts_interest:
        raise ValidationError(_("This project no longer takes expressions of interest."), code="closed")
    if not listing.is_published:
        raise ValidationError(_("Only published listings can take part."), code="unpublished")
    if not ListingMembership.objects.filter(listing=listing, user=by).exists():
        raise ValidationError(_("You are not in this listing's team."), code="not_team")
    sought = {role.code for role in project.roles_sought.all()}
    if sought and not sought & {role.code for role in listing.roles.all()}:
        raise ValidationError(
            _("This project looks for other kinds of members: %(roles)s."),
            code="role",
            params={"roles": ", ".join(str(role.label) for role in project.roles_sought.all())},
        )
    try:
        with transaction.atomic():
            interest = Interest.objects.create(project=project, listing=listing, note=note, by=by)
            _tell(
                _managers(project),
                subject=_("%(listing)s is interested in %(title)s"),
                subject_params={"listing": listing.name, "title": project.title},
                template="projects/email/interest.txt",
                context={"project": project, "interest": interest},
            )
    except IntegrityError:
        raise ValidationError(_("This listing has already expressed interest."), code="duplicate") from None
    return interest


def interest_decide(*, interest, selected, by):
    """A manager picks a listing as participant (selected=True) or not; its owners are told."""
    with transaction.atomic():
        interest = (
            Interest.objects.select_for_update(of=("self",))
            .select_related("project", "listing")
            .get(pk=interest.pk)
        )
        if not interest.project.is_managed_by(by):
            raise ValidationError(_("Only the project's managers pick participants."), code="not_manager")
        if interest.project.status == Project.Status.DONE:
            raise ValidationError(_("This project is done."), code="done")
        interest.status = Interest.Status.SELECTED if selected else Interest.Status.NOT_SELECTED
        interest.decided_by, interest.decided_at = by, timezone.now()
        interest.save()
        _tell(
            _team(interest.listing),
            subject=_("%(title)s: your interest was answered"),
            subject_params={"title": interest.project.title},
            template="projects/email/selected.txt",
            context={"project": interest.project, "interest": interest},
        )
    return interest
