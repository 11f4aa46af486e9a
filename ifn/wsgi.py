import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ifn.settings")

application = get_wsgi_application()

# Only the web server limits statement time; manage.py commands do not.
from ifn.db import limit_web_connections  # noqa: E402

limit_web_connections()
