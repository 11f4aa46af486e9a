"""/healthz for load balancers."""

import logging

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_the_database_answers(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_healthz_answers_503_without_details_when_the_database_fails(client, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("could not connect to server at 10.1.2.3: secret detail")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert b"10.1.2.3" not in response.content and b"secret" not in response.content
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_a_load_balancer_that_asks_by_ip_address(client, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert not [r for r in caplog.records if "DisallowedHost" in r.getMessage()]
    # Any other page still refuses an unknown host.
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400


def test_healthz_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    from django.test import Client

    fresh = Client()  # middleware read SECURE_* when the handler was built
    assert fresh.get("/").status_code == 301
    assert fresh.get("/healthz").status_code == 200
