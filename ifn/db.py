"""Database limits for the web server's connections."""

from django.conf import settings
from django.db.backends.signals import connection_created


def limit_statement_time(sender, connection, **kwargs):
    """Cancel any statement of a web request that runs past DB_STATEMENT_TIMEOUT.

    A lock held elsewhere or a runaway query then costs the visitor a 503 page
    instead of a worker for good. Management commands (migrate, imports) do not
    connect this, so they run as long as they need.
    """
    if connection.vendor == "postgresql" and settings.DB_STATEMENT_TIMEOUT > 0:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [settings.DB_STATEMENT_TIMEOUT * 1000])


def limit_web_connections():
    connection_created.connect(limit_statement_time, dispatch_uid="ifn.db.limit_statement_time")
