"""Background tasks of the outbox, run by the database task worker (`manage.py db_worker`)."""

from django_tasks import task


@task()
def deliver_email(email_id):
    """Send the stored email `email_id` (see services.email_deliver)."""
    from .services import email_deliver

    return email_deliver(email_id=email_id)
