"""The one way the portal sends email: store it, queue its delivery, send it
from the task worker, retry with backoff.

Callers queue inside their own transaction, so an email exists exactly when
the write that caused it was committed, and a request never waits for (or
fails with) the mail server.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import SUBJECT_MAX_LENGTH, Email, single_line
from .tasks import deliver_email

logger = logging.getLogger(__name__)

# Wait before each retry after a failed attempt; the attempt after the last
# delay is the final one, then the email is marked failed for staff to see.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def email_queue(*, to, subject, body, html_body="", language="", reply_to=""):
    """Store one email and queue its delivery, in the caller's transaction.

    Every email carries the portal's name: the plain text ends with it when it
    does not say it already, and an email without an HTML part gets one in
    the portal's look (templates/outbox/email.html), in the email's language.
    """
    subject = single_line(subject)[:SUBJECT_MAX_LENGTH]
    if settings.SITE_NAME not in body:
        body = f"{body.rstrip()}\n\n-- \n{settings.SITE_NAME}\n{settings.SITE_URL}/\n"
    if not html_body:
        html_body = render_html(subject=subject, body=body, language=language)
    with transaction.atomic():
        email = Email.objects.create(
            to=to,
            subject=subject,
            body=body,
            html_body=html_body,
            language=language,
            reply_to=reply_to,
        )
        deliver_email.enqueue(email.pk)
    return email


def render_html(*, subject, body, language=""):
    """The HTML part of an email: its plain text in the portal's layout."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return render_to_string(
            "outbox/email.html",
            {
                "subject": subject,
                "body": body,
                "language": language or settings.LANGUAGE_CODE,
                "site_name": settings.SITE_NAME,
                "site_url": settings.SITE_URL,
                "site_host": settings.SITE_URL.split("://", 1)[-1],
            },
        )


def email_queue_template(
    *, to, subject, template, context=None, subject_params=None, language=None, reply_to=""
):
    """Render `template` and `subject` in the recipient's `language` and queue the email.

    `subject` is a translatable string formatted with `subject_params`; the
    site's address is available to the template as `site_url`.
    """
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        rendered_subject = str(subject) % (subject_params or {})
        body = render_to_string(
            template, {**(context or {}), "site_url": settings.SITE_URL, "site_name": settings.SITE_NAME}
        )
    return email_queue(to=to, subject=rendered_subject, body=body, language=language, reply_to=reply_to)


def email_deliver(*, email_id):
    """Send one stored email unless it was sent already.

    A failure is recorded on the email and a retry queued after a delay; after
    MAX_ATTEMPTS failures the email is marked failed. Returns the email's status.
    """
    with transaction.atomic():
        # The row lock makes a second delivery task for the same email (a
        # "retry now" while a retry was waiting) wait, then find it sent.
        email = Email.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status in (Email.Status.SENT, Email.Status.FAILED):
            return email.status if email else None
        if email.next_attempt_at and email.next_attempt_at > timezone.now():
            # A retry scheduled before a "retry now" that failed again: the
            # newer schedule stands, so this task does not add an attempt.
            return email.status
        email.attempts += 1
        try:
            _message(email).send()
        except Exception as error:  # any backend failure: record it, never lose the email
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = Email.Status.FAILED
                email.next_attempt_at = None
                logger.error("Gave up on email %s to %s: %s", email.pk, email.to, email.last_error)
            else:
                email.status = Email.Status.RETRYING
                email.next_attempt_at = timezone.now() + RETRY_DELAYS[email.attempts - 1]
                deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
                logger.warning("Email %s to %s failed, retrying: %s", email.pk, email.to, email.last_error)
        else:
            email.status = Email.Status.SENT
            email.sent_at = timezone.now()
            email.next_attempt_at = None
        email.save()
    return email.status


def email_retry(*, email):
    """Queue another delivery now, for an email waiting for a retry or given up on."""
    with transaction.atomic():
        email = Email.objects.select_for_update().get(pk=email.pk)
        if email.status == Email.Status.SENT:
            return False
        if email.status == Email.Status.FAILED:
            # A fresh round of attempts.
            email.attempts = 0
        email.status = Email.Status.QUEUED
        email.next_attempt_at = None
        email.save()
        deliver_email.enqueue(email.pk)
    return True


def email_forget(*, to):
    """Delete every stored email to the address `to` (its owner deleted the
    account: the address and the bodies are personal data)."""
    Email.objects.filter(to__iexact=to).delete()


def _message(email):
    reply_to = [email.reply_to] if email.reply_to else None
    message = EmailMultiAlternatives(email.subject, email.body, None, [email.to], reply_to=reply_to)
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message
