"""Django settings for nearer, read from the environment through ``nearer.web.config``.

Locally (``nearer serve``) this is SQLite under NEARER_DATA_DIR; hosted, DATABASE_URL points
at PostgreSQL and several app processes share NEARER_SECRET_KEY. Nothing here writes files.
"""

from __future__ import annotations

import os
from pathlib import Path

import django_stubs_ext

from nearer.web import config

# Lets forms and querysets be subscripted (ModelForm[User]) at run time, as the type stubs do.
django_stubs_ext.monkeypatch()

_env = os.environ
BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir(_env)

# The database first: a malformed DATABASE_URL is the error worth reporting before others.
DATABASES = {"default": config.database(_env, DATA_DIR)}
DEBUG = config.flag(_env, "NEARER_DEBUG")
SECRET_KEY = config.secret_key(_env, DATA_DIR)
ALLOWED_HOSTS = config.allowed_hosts(_env)
DEFAULT_COUNTRY = config.country_code(_env)
# Set only when NEARER_DEFAULT_COUNTRY is: then it is also the sign-up default.
CONFIGURED_COUNTRY = config.configured_country(_env)
DEMO = config.flag(_env, "NEARER_DEMO")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "nearer.web.accounts",
    "nearer.web.couples",
    "nearer.web.checkins",
    "nearer.web.journal",
    "nearer.web.assessments",
    "nearer.web.safety",
    # --- insights (chat uploads, background worker) -----------------------------------
    "django_tasks",
    "django_tasks_db",
    "nearer.web.insights",
    "nearer.web.plans",
    "nearer.web.learn",
    "nearer.web.sharing",
    "nearer.web.reminders",
]

MIDDLEWARE = [
    # infra: /healthz before host checks and redirects (load balancers probe by address).
    "nearer.web.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "nearer.web.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Each person's "today" is their own: their time zone for the whole request.
    "nearer.web.timezones.PersonTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # infra: innermost, so a view's database outage becomes the 503 page (docs/deploy.md).
    "nearer.web.health.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "nearer.web.urls"
WSGI_APPLICATION = "nearer.web.wsgi.application"

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
                "nearer.web.context.nearer",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Argon2id first (OWASP Password Storage Cheat Sheet, 2023); the others only verify old hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: HTTP-only, same-site, two weeks; secure cookies and HSTS when served over HTTPS.
HTTPS = config.flag(_env, "NEARER_HTTPS")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 14 * 24 * 3600
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# infra: behind a reverse proxy (docs/deploy.md). `nearer serve` hands TRUSTED_PROXY to
# waitress, which takes scheme, host and client address (REMOTE_ADDR) from that address's
# X-Forwarded-* headers only and drops them from everyone else; so a request the proxy
# marked https is secure (no redirect loop) and throttling sees the real client.
TRUSTED_PROXY = config.trusted_proxy(_env)
BEHIND_PROXY = TRUSTED_PROXY is not None
if BEHIND_PROXY:
    # For other WSGI servers (gunicorn: set forwarded_allow_ips to the proxy alone).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
# django-axes, when installed, keys on the same client address as everything else.
AXES_CLIENT_IP_CALLABLE = "nearer.web.proxy.client_address"

# Everything the pages need is served by the app itself: no CDN, no inline script or style.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'; worker-src 'self'; manifest-src 'self'"
)

STATIC_URL = "/static/"
# The chart library the HTML report vendors (uPlot, MIT licence) is served from the same
# package folder as a static file under /static/vendor/, so there is one copy and no CDN.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor", BASE_DIR.parent / "core" / "analysis" / "assets"),
]
# WhiteNoise serves straight from the package folders, so no collectstatic step is needed
# (and so no STATIC_ROOT): every app process serves the same files from the installed package.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LANGUAGE_CODE = "en"
# Decides when "today" starts for daily check-ins.
TIME_ZONE = config.time_zone(_env)
USE_I18N = True
USE_TZ = True

# Mail: printed on the console unless an SMTP server is configured.
DEFAULT_FROM_EMAIL = _env.get("NEARER_FROM_EMAIL", "nearer <no-reply@localhost>")
if _env.get("NEARER_SMTP_HOST", "").strip():
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _env["NEARER_SMTP_HOST"].strip()
    EMAIL_PORT = config.integer(_env, "NEARER_SMTP_PORT", 587, 1, 65535)
    EMAIL_HOST_USER = _env.get("NEARER_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = _env.get("NEARER_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = config.flag(_env, "NEARER_SMTP_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Links in mail sent outside a request (reminders) start with this (nearer.web.reminders).
BASE_URL = config.base_url(_env)

# Logs carry method, path and status only: no request bodies, so never journal or note text.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Neither django nor django.request has a handler of its own: both propagate to the
    # root's one, so each error is printed once. (Django's defaults give "django" a console
    # handler too, and django.request had one here: every traceback came out twice.)
    "loggers": {
        "django": {"handlers": [], "level": "WARNING"},
        "django.request": {"handlers": [], "level": "ERROR"},
        # One line per log-in event (accounts.events): no password, no email.
        "nearer.auth": {"level": "INFO"},
        # django-axes' own lines name the email typed; nearer.auth says what matters.
        "axes": {"level": "ERROR"},
    },
}

# --- Log-in throttling and request limits (issue 9, requirements 3 and 4) ---------------
# One mechanism for every way in: django-axes, its backend in front of Django's, keyed on
# the pair of account and client address, with waits that grow (accounts/throttle.py).
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_ATTEMPTS = config.integer(_env, "NEARER_LOGIN_ATTEMPTS", 5, 1, 1000)
AXES_FAILURE_LIMIT = "nearer.web.accounts.throttle.failure_limit"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = "nearer.web.accounts.throttle.cool_off"
# Each pair's failures expire on their own clock, so one pair's short wait never clears
# another's longer one.
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_RESET_ON_SUCCESS = True
# The key axes and Django's authenticate() both use for the email typed.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "nearer.web.accounts.throttle.login_name"
AXES_LOCKOUT_CALLABLE = "nearer.web.accounts.throttle.locked_out"
AXES_VERBOSE = False
# The admin stays accounts only (docs/privacy.md); a wait is lifted from the command line
# (docs/web.md: axes_reset_username).
AXES_ENABLE_ADMIN = False
# No table of every log-in with email, address and browser: nearer.auth logs events.
AXES_DISABLE_ACCESS_LOG = True
# Axes keeps the failed request's form fields; these are masked before it does. Every
# password field of every form that can count as a failure is here.
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "email",
    "ip_address",
    "password",
    "password1",
    "password2",
    "current_password",
    "new_password1",
    "new_password2",
    "csrfmiddlewaretoken",
]
MIDDLEWARE = [
    # HEAD is answered wherever GET is, pages and API alike (nearer.web.middleware).
    "nearer.web.middleware.HeadAsGetMiddleware",
    *MIDDLEWARE,
    # Under /api/, writes from another site are refused (login CSRF; api/guard.py).
    "nearer.web.api.guard.CrossSiteMiddleware",
    "axes.middleware.AxesMiddleware",
]
# The largest thing anyone sends is a journal entry (10,000 characters, at most 120 kB
# once form-encoded); anything far beyond that is refused before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

# --- insights: background jobs and uploads (nearer.web.insights) -------------------------
# Jobs go through Django's task framework into the database; `nearer worker` (or the worker
# thread `nearer serve` starts on its embedded defaults) runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Every uploaded file goes straight to disk under the data folder, in chunks, and is refused
# past the size limit; nothing is held whole in memory.
FILE_UPLOAD_HANDLERS = ["nearer.web.insights.uploads.DiskUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 0
INSIGHTS_UPLOAD_DIR = DATA_DIR / "uploads"
INSIGHTS_MAX_UPLOAD_BYTES = 200 * 1024 * 1024
