"""Email backends for tests: a mail server that is down."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """The mail server does not answer."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class SMTPErrorBackend(BaseEmailBackend):
    """The mail server answers with an error."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 Temporary local problem")
