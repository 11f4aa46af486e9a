"""The outbox: stored emails, queued delivery, retries with backoff, staff view."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.tests.factories import StaffFactory, UserFactory
from outbox.models import Email
from outbox.services import MAX_ATTEMPTS, RETRY_DELAYS, email_deliver, email_queue, email_retry

pytestmark = pytest.mark.django_db


def queue(**overrides):
    return email_queue(**{"to": "ada@example.com", "subject": "Halo", "body": "Isi.", **overrides})


def test_an_email_is_stored_and_sent_by_the_worker_not_by_the_caller(run_tasks):
    email = queue(html_body="<p>Isi.</p>", language="id")
    assert mail.outbox == []
    assert email.status == Email.Status.QUEUED
    assert DBTaskResult.objects.ready().count() == 1

    sent = run_tasks()
    # A body that does not name the portal is signed with its name and address.
    signed = f"Isi.\n\n-- \n{settings.SITE_NAME}\n{settings.SITE_URL}/\n"
    assert [(m.to, m.subject, m.body) for m in sent] == [(["ada@example.com"], "Halo", signed)]
    assert sent[0].alternatives[0].content == "<p>Isi.</p>"
    email.refresh_from_db()
    assert email.status == Email.Status.SENT
    assert email.attempts == 1 and email.sent_at and not email.last_error


def test_a_rolled_back_write_queues_no_email():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("a later step fails")
    assert not Email.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_subjects_are_always_one_line(run_tasks):
    email = queue(subject="Undangan untuk PT Sepatu\r\nBcc: spam@example.com\n ke tim")
    assert email.subject == "Undangan untuk PT Sepatu Bcc: spam@example.com ke tim"
    (sent,) = run_tasks()
    assert sent.subject == email.subject
    assert sent.bcc == []


@pytest.mark.parametrize("backend", ["RefusingBackend", "SMTPErrorBackend"])
def test_a_failure_is_recorded_and_retried_later_until_the_server_recovers(
    backend, settings, run_tasks, clock
):
    settings.EMAIL_BACKEND = f"outbox.tests.backends.{backend}"
    email = queue()
    assert run_tasks() == []
    email.refresh_from_db()
    assert email.status == Email.Status.RETRYING
    assert email.attempts == 1
    assert "Error" in email.last_error or "Exception" in email.last_error
    assert email.next_attempt_at is not None

    # Not due yet: a worker run leaves it waiting.
    assert run_tasks() == []
    email.refresh_from_db()
    assert email.attempts == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clock(RETRY_DELAYS[0] + timedelta(seconds=1))
    assert [m.to for m in run_tasks()] == [["ada@example.com"]]
    email.refresh_from_db()
    assert email.status == Email.Status.SENT
    assert email.attempts == 2


def test_backoff_grows_and_the_email_is_marked_failed_after_the_last_attempt(mail_down, run_tasks, clock):
    email = queue()
    waits = []
    for _ in range(MAX_ATTEMPTS):
        run_tasks()
        email.refresh_from_db()
        if email.next_attempt_at:
            waits.append(email.next_attempt_at - timezone.now())
        clock(timedelta(hours=3))
    assert email.status == Email.Status.FAILED
    assert email.attempts == MAX_ATTEMPTS
    assert email.next_attempt_at is None
    assert waits == sorted(waits) and len(waits) == MAX_ATTEMPTS - 1
    # Given up: no task is left waiting.
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_an_email_is_never_sent_twice(mail_down, run_tasks, clock):
    email = queue()
    run_tasks()
    recover = mail_down
    recover()
    # Staff retry now while the automatic retry is still waiting: two tasks.
    assert email_retry(email=email)
    assert DBTaskResult.objects.filter(status="READY").count() == 2
    assert len(run_tasks()) == 1
    clock(timedelta(hours=3))
    assert len(run_tasks()) == 1
    assert not DBTaskResult.objects.filter(status="READY").exists()
    # A stray delivery of a sent email does nothing, and it cannot be retried.
    assert email_deliver(email_id=email.pk) == Email.Status.SENT
    assert not email_retry(email=email)
    assert len(run_tasks()) == 1


def test_a_retry_now_that_fails_again_keeps_one_schedule(mail_down, run_tasks, clock):
    email = queue()
    run_tasks()
    assert email_retry(email=email)
    run_tasks()
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Email.Status.RETRYING, 2)
    # The retry planned after the first failure comes due, but the newer one stands.
    clock(RETRY_DELAYS[0] + timedelta(seconds=1))
    run_tasks()
    email.refresh_from_db()
    assert email.attempts == 2
    clock(RETRY_DELAYS[1])
    run_tasks()
    email.refresh_from_db()
    assert email.attempts == 3


def test_a_failed_email_gets_a_fresh_round_of_attempts_on_retry(run_tasks):
    email = queue()
    Email.objects.filter(pk=email.pk).update(status=Email.Status.FAILED, attempts=MAX_ATTEMPTS)
    DBTaskResult.objects.all().delete()
    assert email_retry(email=email)
    email.refresh_from_db()
    assert email.status == Email.Status.QUEUED and email.attempts == 0
    assert len(run_tasks()) == 1


def test_staff_list_emails_by_status_and_retry_them(client, run_tasks):
    failed = queue(to="gagal@example.com")
    Email.objects.filter(pk=failed.pk).update(status=Email.Status.FAILED, attempts=MAX_ATTEMPTS)
    DBTaskResult.objects.all().delete()
    queue(to="antre@example.com")
    client.force_login(StaffFactory(is_superuser=True))
    url = reverse("admin:outbox_email_changelist")

    page = client.get(url, {"status__exact": "failed"})
    assert page.status_code == 200
    content = page.content.decode()
    assert "gagal@example.com" in content and "antre@example.com" not in content
    assert client.get(reverse("admin:outbox_email_change", args=[failed.pk])).status_code == 200
    assert client.get(reverse("admin:outbox_email_add")).status_code == 403

    response = client.post(url, {"action": "retry_now", "_selected_action": [failed.pk]}, follow=True)
    assert response.status_code == 200
    failed.refresh_from_db()
    assert failed.status == Email.Status.QUEUED
    assert sorted(m.to[0] for m in run_tasks()) == ["antre@example.com", "gagal@example.com"]


def test_companies_do_not_see_the_outbox(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:outbox_email_changelist"))
    assert response.status_code == 302


def test_an_email_without_html_gets_the_portals_layout_in_its_language(run_tasks):
    queue(body="Buka https://ifn.example.id/dashboard/ untuk melihat.", language="en")
    (sent,) = run_tasks()
    html = sent.alternatives[0].content
    assert sent.alternatives[0].mimetype == "text/html"
    assert '<html lang="en">' in html and settings.SITE_NAME in html
    assert '<a href="https://ifn.example.id/dashboard/"' in html
    assert "is run by BPIPI" in html
