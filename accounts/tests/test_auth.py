"""Sign-up, verification, log-in/out, password and email changes through allauth."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User

from .factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def signup(client, email, password="Sepatu-Kulit-2026"):
    return client.post(
        reverse("account_signup"), {"email": email, "password1": password, "password2": password}
    )


def test_sign_up_needs_email_verification_before_log_in(client, run_tasks):
    response = signup(client, "budi@example.com")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="budi@example.com")
    assert not EmailAddress.objects.get(user=user).verified
    # Not logged in: the dashboard sends them to log in.
    assert client.get(reverse("accounts:dashboard")).status_code == 302
    assert len(run_tasks()) == 1

    # Logging in before verifying only resends the email.
    client.post(reverse("account_login"), {"login": "budi@example.com", "password": "Sepatu-Kulit-2026"})
    assert client.get(reverse("accounts:dashboard")).status_code == 302

    confirm = client.post(link_in(run_tasks()[0]))
    assert confirm.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_sign_up_with_a_taken_email_does_not_reveal_the_account(client, run_tasks):
    UserFactory(email="ada@example.com")
    taken = signup(client, "ada@example.com")
    fresh = signup(client, "baru@example.com")
    # Both land on the same "check your email" page…
    assert taken.status_code == fresh.status_code == 302
    assert taken.url == fresh.url
    # …and the owner of the taken address is told by email instead.
    assert sorted(m.to[0] for m in run_tasks()) == ["ada@example.com", "baru@example.com"]
    assert User.objects.filter(email="ada@example.com").count() == 1


def test_password_reset_answers_the_same_for_unknown_addresses(client, run_tasks):
    UserFactory(email="ada@example.com")
    known = client.post(reverse("account_reset_password"), {"email": "ada@example.com"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [m.to[0] for m in run_tasks()] == ["ada@example.com", "nobody@example.com"]


def test_password_reset_sets_a_new_password(client, run_tasks):
    user = UserFactory(email="ada@example.com")
    client.post(reverse("account_reset_password"), {"email": "ada@example.com"})
    url = link_in(run_tasks()[0])
    page = client.get(url, follow=True)
    action = page.redirect_chain[-1][0] if page.redirect_chain else url
    response = client.post(action, {"password1": "Baru-Sekali-2026", "password2": "Baru-Sekali-2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Baru-Sekali-2026")


def test_log_in_and_log_out(client):
    UserFactory(email="ada@example.com")
    response = client.post(reverse("account_login"), {"login": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_log_in_never_redirects_off_site(client):
    UserFactory(email="ada@example.com")
    for target in ["https://evil.example/steal", "//evil.example/", "http://testserver.evil.example/"]:
        client.logout()
        response = client.post(
            reverse("account_login") + f"?next={target}", {"login": "ada@example.com", "password": PASSWORD}
        )
        assert response.status_code == 302
        assert "evil" not in response.url


def test_log_in_follows_a_local_next(client):
    UserFactory(email="ada@example.com")
    response = client.post(
        reverse("account_login") + "?next=/dashboard/new/", {"login": "ada@example.com", "password": PASSWORD}
    )
    assert response.url == "/dashboard/new/"


def test_failed_log_ins_are_rate_limited(client):
    UserFactory(email="ada@example.com")
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": "ada@example.com", "password": "wrong"})
        assert response.status_code == 200
    # Even the right password is refused once the limit is reached.
    response = client.post(reverse("account_login"), {"login": "ada@example.com", "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "Baru-Sekali-2026", "password2": "Baru-Sekali-2026"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Baru-Sekali-2026")


def test_email_change_takes_effect_once_the_new_address_is_verified(client, run_tasks):
    user = UserFactory(email="lama@example.com")
    client.force_login(user)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "baru@example.com"})
    assert response.status_code == 302
    verification = next(m for m in run_tasks() if m.to == ["baru@example.com"])
    user.refresh_from_db()
    assert user.email == "lama@example.com"
    client.post(link_in(verification))
    user.refresh_from_db()
    assert user.email == "baru@example.com"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "baru@example.com"
    ]


@pytest.mark.parametrize(
    "name", ["account_login", "account_signup", "account_reset_password", "account_change_password"]
)
def test_account_pages_use_the_portal_layout(client, name):
    if name == "account_change_password":
        client.force_login(UserFactory())
    html = client.get(reverse(name)).content.decode()
    assert 'class="ifn-header' in html
    assert "/static/css/ifn.css" in html
    assert 'class="form-control' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_header_links_to_the_dashboard_when_logged_in(client):
    client.force_login(UserFactory())
    assert reverse("accounts:dashboard") in client.get("/").content.decode()
