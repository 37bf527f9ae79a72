"""Koers settings, read from the environment (12-factor).

Every setting that differs between installations comes from an environment variable prefixed
``KOERS_`` (or ``DATABASE_URL``). The defaults give the embedded installation: SQLite in ``var/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KOERS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("KOERS_DEBUG")
SECRET_KEY = os.environ.get("KOERS_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or env_bool("KOERS_DEMO")):
        raise ImproperlyConfigured("Set KOERS_SECRET_KEY (or KOERS_DEBUG=true for development).")
    SECRET_KEY = "koers-insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("KOERS_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("KOERS_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_countries",
    "koers.access",
    "koers.people",
    "koers.audit",
    "koers.duo",
    "koers.inburgering",
    "koers.begeleiding",
    "koers.ontzorgen",
    "koers.signals",
    "koers.monitoring",
    "koers.security",
    "koers.avg",
    "koers.portaal",
    "koers.kwalitatief",
    "koers.synthetic",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "koers.security.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "koers.security.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "koers.lib.middleware.ApiVersionMiddleware",
    "koers.lib.middleware.RejectNullCharactersMiddleware",
]

ROOT_URLCONF = "koers.urls"
WSGI_APPLICATION = "koers.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "koers" / "templates"],
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

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'koers.sqlite3'}"),
        conn_max_age=int(os.environ.get("KOERS_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("KOERS_DB_PREPARED", True):
    # A query run a few times on a connection is prepared there: PostgreSQL plans it once, not on
    # every request (planning took longer than running most of a screen's queries). Off behind a
    # connection pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
    # Options given in DATABASE_URL (?sslmode=require, or another prepare_threshold) are kept.
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True, "prepare_threshold": 5, **DATABASES["default"].get("OPTIONS", {})
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "access.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "people:caseload"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "koers.security.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "koers" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "koers" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Sessions (koers.security): SESSION_COOKIE_AGE is the idle timeout; a session also ends after
# KOERS_SESSION_ABSOLUTE_SECONDS however busy it is. Both are measured on koers.lib.clock.
SESSION_COOKIE_AGE = int(os.environ.get("KOERS_SESSION_SECONDS", str(15 * 60)))
KOERS_SESSION_ABSOLUTE_SECONDS = int(os.environ.get("KOERS_SESSION_ABSOLUTE_SECONDS", str(10 * 60 * 60)))
# A session is saved when it changes; activity is noted in it at most once a minute (koers.lib.sessions).
SESSION_ENGINE = "koers.lib.sessions"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("KOERS_SECURE_COOKIES", not DEBUG and not env_bool("KOERS_DEMO"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Security headers (koers.security.middleware adds the Content-Security-Policy and Permissions-Policy).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = int(
    os.environ.get("KOERS_HSTS_SECONDS", "0" if DEBUG or env_bool("KOERS_DEMO") else str(365 * 24 * 60 * 60))
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("KOERS_HSTS_INCLUDE_SUBDOMAINS")
SECURE_SSL_REDIRECT = env_bool("KOERS_SSL_REDIRECT")
if env_bool("KOERS_BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Login (koers.security): lockout after failed attempts, per username and per IP address, and the
# roles that must use two-factor authentication where a municipality has set no policy of its own
# ("all", "none" or a comma-separated list of role codes).
KOERS_LOGIN_MAX_FAILURES = int(os.environ.get("KOERS_LOGIN_MAX_FAILURES", "5"))
KOERS_LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("KOERS_LOGIN_FAILURE_WINDOW_SECONDS", str(15 * 60)))
KOERS_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("KOERS_LOGIN_LOCKOUT_SECONDS", str(15 * 60)))
KOERS_TWO_FACTOR_ROLES = os.environ.get("KOERS_TWO_FACTOR_ROLES", "all")

# Optional single sign-on with the municipality's OpenID Connect provider (mozilla-django-oidc),
# switched on by KOERS_OIDC_CLIENT_ID. A user is matched on one claim to an existing account;
# accounts and roles are never created from the provider's claims.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
OIDC_RP_CLIENT_ID = os.environ.get("KOERS_OIDC_CLIENT_ID", "")
if OIDC_RP_CLIENT_ID:
    _oidc_required = {
        "OIDC_RP_CLIENT_SECRET": "KOERS_OIDC_CLIENT_SECRET",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "KOERS_OIDC_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT": "KOERS_OIDC_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT": "KOERS_OIDC_USERINFO_ENDPOINT",
    }
    _oidc_missing = [name for name in _oidc_required.values() if not os.environ.get(name)]
    if _oidc_missing:
        raise ImproperlyConfigured(f"KOERS_OIDC_CLIENT_ID is set; also set {', '.join(_oidc_missing)}.")
    globals().update({setting: os.environ[name] for setting, name in _oidc_required.items()})
    OIDC_RP_SIGN_ALGO = os.environ.get("KOERS_OIDC_SIGN_ALGO", "RS256")
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("KOERS_OIDC_JWKS_ENDPOINT", "")
    OIDC_RP_SCOPES = os.environ.get("KOERS_OIDC_SCOPES", "openid email profile")
    OIDC_USE_PKCE = True
    OIDC_CREATE_USER = False
    OIDC_AUTHENTICATION_CALLBACK_URL = "security:oidc_callback"
    OIDC_TIMEOUT = 10
    AUTHENTICATION_BACKENDS.append("koers.security.oidc.ClaimMatchingBackend")
KOERS_OIDC_CLAIM = os.environ.get("KOERS_OIDC_CLAIM", "email")
KOERS_OIDC_USER_FIELD = os.environ.get("KOERS_OIDC_USER_FIELD", "email")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PARSER_CLASSES": ["koers.lib.parsers.StrictJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "koers.lib.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "koers.lib.problem.exception_handler",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_VERSION": "v1",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Koers API",
    "DESCRIPTION": "Dossiers for civic integration (Wet inburgering 2021). Errors follow RFC 9457 (problem+json).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KOERS_LOG_LEVEL", "WARNING")},
}

# Background work: `koers worker` runs jobs without a broker; with a broker URL (Redis) the same jobs
# run on Celery, for more than one machine.
KOERS_CELERY_BROKER_URL = os.environ.get("KOERS_CELERY_BROKER_URL", "")
KOERS_JOBS_LEASE_SECONDS = int(os.environ.get("KOERS_JOBS_LEASE_SECONDS", "300"))

# Monitoring: a dashboard over at least KOERS_MONITORING_WIDE_FROM municipalities shows figures counted
# at most KOERS_MONITORING_KEEP_MINUTES ago (see koers.monitoring.kept); fewer are counted live.
KOERS_MONITORING_WIDE_FROM = int(os.environ.get("KOERS_MONITORING_WIDE_FROM", "25"))
KOERS_MONITORING_KEEP_MINUTES = int(os.environ.get("KOERS_MONITORING_KEEP_MINUTES", "60"))

# DUO exchange: how often a message to DUO is tried, and the first wait between tries.
KOERS_DUO_MAX_ATTEMPTS = int(os.environ.get("KOERS_DUO_MAX_ATTEMPTS", "8"))
KOERS_DUO_RETRY_SECONDS = float(os.environ.get("KOERS_DUO_RETRY_SECONDS", "30"))

# The newcomer's portal: DigiD through an OpenID Connect broker (see koers.portaal.oidc), and the
# class that sends login codes by SMS; e-mail through an SMTP server. Secrets only from here.
for _name in ("DISCOVERY_URL", "CLIENT_ID", "CLIENT_SECRET", "BSN_CLAIM", "SCOPE", "SIGN_ALGO"):
    globals()[f"KOERS_PORTAAL_OIDC_{_name}"] = os.environ.get(f"KOERS_PORTAAL_OIDC_{_name}", "")
KOERS_PORTAAL_SMS_BACKEND = os.environ.get("KOERS_PORTAAL_SMS_BACKEND", "koers.portaal.senders.LogSmsSender")
# Development and the demo print e-mail on the console unless a backend is named.
EMAIL_BACKEND = os.environ.get(
    "KOERS_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG or env_bool("KOERS_DEMO")
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("KOERS_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("KOERS_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("KOERS_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KOERS_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("KOERS_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("KOERS_EMAIL_FROM", "koers@localhost")
