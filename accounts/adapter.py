"""allauth set-up: its emails go through the outbox, in the recipient's language,
and sign-up answers in the same time whether or not the address has an account."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation
from django.utils.html import strip_tags

from outbox.services import email_queue

from .models import User


def _page_language():
    active = translation.get_language()
    return active if active in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _language_for(email, context):
    """The recipient's language: the account's choice, else the page's language."""
    user = context.get("user")
    if not isinstance(user, User):
        user = User.objects.filter(email__iexact=email).first()
    if user is not None and user.language:
        return user.language
    return _page_language()


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # A new account speaks the language its owner signed up in.
        user.language = _page_language()
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        """Queue the email (sign-up confirmation, password reset, "account already
        exists", email change notices…) instead of sending it during the request."""
        request = allauth_context.request
        language = _language_for(email, context)
        with translation.override(language):
            ctx = {"request": request, "email": email, "current_site": get_current_site(request), **context}
            message = self.render_mail(template_prefix, email, ctx)
        alternatives = getattr(message, "alternatives", [])
        html = next((body for body, mimetype in alternatives if mimetype == "text/html"), "")
        text = message.body
        if message.content_subtype == "html":
            text, html = strip_tags(message.body), message.body
        email_queue(to=email, subject=message.subject, body=text, html_body=html, language=language)


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        # A new account costs one password hash; an address that already has an
        # account would answer much faster and so give it away. Spend the same work.
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
