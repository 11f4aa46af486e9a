"""Settings for IFN Directory, read from environment variables.

Every value that differs between a laptop and production comes from the
environment through the small typed helpers below, which refuse a value they
cannot read instead of guessing.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)


def _code_fingerprint():
    """A short hash of the portal's own files (name, size, time): it changes with every deploy."""
    import hashlib

    skip = {".git", ".venv", "node_modules", "staticfiles", "media", "private", "__pycache__", "docs"}
    digest = hashlib.sha256()
    for folder, folders, files in os.walk(BASE_DIR):
        folders[:] = sorted(name for name in folders if name not in skip and not name.startswith("."))
        for name in sorted(files):
            if name.endswith((".py", ".html", ".txt", ".xml", ".mo", ".json", ".css", ".js")):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


# What is kept in the cache (counts, whole pages, API answers) is kept per
# release, so a deploy never serves pages or counts made by the code before
# it. RELEASE (e.g. the commit) names it; without it, a fingerprint of the files.
RELEASE = env_str("RELEASE") or _code_fingerprint()

# The development key is only ever used with DEBUG on; production must set one.
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The portal's name in emails, link previews and the Site record (kept in
# step with SITE_URL by ifn.sites on every migrate).
SITE_NAME = env_str("SITE_NAME", "Indonesia Footwear Network")

INSTALLED_APPS = [
    "ifn",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "django_htmx",
    "django_countries",
    "phonenumber_field",
    "allauth",
    "allauth.account",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "outbox",
    "csp",
    "accounts",
    "directory",
    "api",
    "moderation",
    "network",
    "enquiries",
    "projects",
    "stats",
]

# Headers go on every response, short-circuited ones (health check, language
# redirect, static files) included, so their middleware come first. GZip sits
# above everything that changes the body and below what only sets headers.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "ifn.middleware.PermissionsPolicyMiddleware",
    "ifn.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ifn.i18n.PreferredLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ifn.input_guard.ControlCharacterMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "ifn.urls"
WSGI_APPLICATION = "ifn.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# SQLite by default so that a fresh checkout runs with nothing installed;
# production sets DATABASE_URL=postgres://…
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A database that does not answer costs a visitor seconds and a 503 page, not
# a worker blocked for minutes. The statement timeout is set by the web
# server's entry point (ifn/wsgi.py), so migrate and imports run unhurried.
DB_CONNECT_TIMEOUT = env_int("DB_CONNECT_TIMEOUT", 5)
DB_STATEMENT_TIMEOUT = env_int("DB_STATEMENT_TIMEOUT", 30)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = DB_CONNECT_TIMEOUT
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth: email is the login identifier and must be verified.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Sign-up and password-reset answers read the same whether or not an account
# exists; the mailbox owner learns the truth from the email instead.
ACCOUNT_PREVENT_ENUMERATION = True
# One address per account: changing it replaces the old one once verified.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Every allauth email goes through the outbox, in the recipient's language.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.adapter.SignupForm"}
ACCOUNT_LOGOUT_REDIRECT_URL = "directory:home"
# allauth's rate limits (sign-up, log-in failures, password reset, email
# changes) are on by default and merged with this; never set it to False.
ACCOUNT_RATE_LIMITS = {}
SITE_ID = 1

# Company uploads (logos, photos, claim documents).
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
UPLOAD_MAX_PIXELS = 40_000_000
LISTING_MAX_PHOTOS = 10
INVITATION_MAX_AGE_DAYS = 14
# Listing import files uploaded in the admin (CSV or XLSX).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)

# Bahasa Indonesia first; English for global buyers.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "ifn.staticfiles.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Claim documents (NIB certificates and the like) are never served at a public
# URL; staff download them through the admin.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
# Public uploads go to an S3-compatible store when a bucket is configured, so
# that several app servers share them; otherwise to MEDIA_ROOT.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY") or None
    # Logos and photos are public; each file is readable at its plain URL.
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
DEFAULT_STORAGE_BACKEND = (
    "storages.backends.s3.S3Storage"
    if AWS_STORAGE_BUCKET_NAME
    else "django.core.files.storage.FileSystemStorage"
)
STORAGES = {
    "default": {"BACKEND": DEFAULT_STORAGE_BACKEND},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Pages link only to the hashed names, so only those are kept (and compressed);
# source maps are for developers' tools and are not worth compressing.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# Shared by every app server: rate limits (log-in, sign-up, error reports) and
# cached counts hold across workers. Redis when REDIS_URL is set, and if it
# goes down the portal keeps serving on a per-process fallback; otherwise the
# database (its table is created by the ifn app's migration).
REDIS_URL = env_str("REDIS_URL")
CACHE_TABLE = "ifn_cache"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "ifn.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ifn"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ifn"),
            # Kept pages and counts of many filter combinations: past this many
            # entries the oldest third is dropped.
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20000)},
        }
    }
# Sessions live in the database, so any app server can serve any visitor.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Email: console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <noreply@ifn.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds to wait for the mail server before an attempt counts as failed (and
# is retried later); without it a hung server would hold a worker forever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)

# Background work (emails) is stored in the database and run by
# `manage.py db_worker`: no extra server, and a job is queued in the same
# transaction as the data that caused it, so none is lost or sent for a write
# that was rolled back.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

PHONENUMBER_DEFAULT_REGION = "ID"
PHONENUMBER_DB_FORMAT = "E164"
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"

# The open-data API is read-only and anonymous; the browsable renderer helps
# people exploring it by hand.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ListingPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "IFN Directory open data",
    "DESCRIPTION": "Published listings of the Indonesia Footwear Network directory, read-only.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # ReDoc is served from our own static files (drf-spectacular-sidecar), no CDN.
    "REDOC_DIST": "SIDECAR",
    # Supply capacity and minimum order share one set of units.
    "ENUM_NAME_OVERRIDES": {"UnitEnum": "directory.models.Listing.Unit"},
}

# Map tiles come from a configurable server so production can use its own.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)

# Who receives enquiries to listings nobody has claimed yet, to forward them.
# Empty: the active staff accounts allowed to handle enquiries (BPIPI moderators).
ENQUIRY_STAFF_EMAILS = env_list("ENQUIRY_STAFF_EMAILS")

# Reverse proxies in front of the portal (nginx, a load balancer) that append
# to X-Forwarded-For: rate limits then count the visitor's address, not theirs.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# HTTPS hardening is on whenever DEBUG is off; HTTPS=false lets a plain-HTTP
# test server run with production settings otherwise intact.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "ifn.errors.csrf_failure"
# A load balancer checks plain HTTP on the app server's own address.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy: the portal's own files only, plus the map tiles'
# server. No inline scripts or styles; the API docs relax styles (api/urls.py).
_tiles = urlsplit(MAP_TILE_URL)
MAP_TILE_ORIGIN = (
    f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}" if _tiles.scheme and _tiles.netloc else None
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws its icons (menu, select arrows) from data: URIs.
        "img-src": [SELF, "data:", *([MAP_TILE_ORIGIN] if MAP_TILE_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Features no page uses are switched off for the page and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Gunicorn's settings (workers, timeouts, access log) are in gunicorn.conf.py.
