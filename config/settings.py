"""The one settings module. Every value that differs between machines comes from the environment.

Development defaults: SQLite under var/, a generated secret kept in var/.
Production: see docs/deploy.md.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from ctassist.core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CTASSIST_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _development_secret() -> str:
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("DJANGO_SECRET_KEY", "") or _development_secret()
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Where the shared reference data (IATI, sanctions, travel files) lives; read, never copied.
CTASSIST_SHARED_DATA = Path(
    env_str("CTASSIST_SHARED_DATA", str(BASE_DIR.parent / "shared" / "data"))
)

# The IATI organisation identifier the platform publishes under (`ctassist assistance
# export-iati`); empty until the deploying office sets its own (docs/deploy.md).
IATI_REPORTING_ORG_REF = env_str("CTASSIST_IATI_REPORTING_ORG_REF", "")
# The office's regions for the periodic report: a CSV of code,region (docs/report.md); empty:
# the mapping shipped in ctassist/reports/data/regions.csv.
CTASSIST_REPORT_REGIONS = env_str("CTASSIST_REPORT_REGIONS", "")

INSTALLED_APPS = [
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "ctassist.core",
    "ctassist.geo",
    "ctassist.accounts",
    "ctassist.treaties",
    "ctassist.library",
    "ctassist.cases",
    "ctassist.mla",
    "ctassist.eevidence",
    "ctassist.assistance",
    "ctassist.reports",
    "ctassist.evaluations",
    "ctassist.screening",
    "ctassist.travel",
    "ctassist.prisons",
    "ctassist.learning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every answer (docs/adr/0019).
    "csp.middleware.CSPMiddleware",
    "ctassist.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compress pages and JSON (whitenoise serves static files precompressed); ETags so a page
    # asked for again costs a 304. docs/adr/0016.
    "ctassist.core.middleware.TextCompressionMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "ctassist.core.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ctassist.core.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ctassist.accounts.middleware.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ctassist.core.middleware.ApiLanguageMiddleware",
    "ctassist.core.middleware.ConflictMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ctassist.core.context_processors.platform",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ctassist.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # Seconds a write waits for another's lock before "database is locked".
        "timeout": env_int("CTASSIST_SQLITE_TIMEOUT", 20),
    }
    # A file, not memory, so a live test server thread sees committed data the way PostgreSQL does.
    DATABASES["default"]["TEST"] = {
        "NAME": env_str("CTASSIST_TEST_SQLITE", str(VAR_DIR / "test.sqlite3"))
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# `Authorization: Bearer <token>` on the API: the function that returns the token's owner or None.
API_BEARER_USER_LOOKUP = "ctassist.accounts.services.token_authenticate"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "ctassist.accounts.forms.MaximumLengthValidator"},  # first: bounds the others' work
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login rate limiting (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("CTASSIST_LOGIN_FAILURE_LIMIT", 5)
# Office files (DOCX, XLSX) are refused before unpacking when they would unpack to more than
# this, or are compressed more than this ratio; spreadsheet imports stop at this many rows.
CTASSIST_UNPACKED_MAX_BYTES = env_int("CTASSIST_UNPACKED_MAX_BYTES", 200 * 1024 * 1024)
CTASSIST_UNPACKED_MAX_RATIO = env_int("CTASSIST_UNPACKED_MAX_RATIO", 100)
CTASSIST_IMPORT_MAX_ROWS = env_int("CTASSIST_IMPORT_MAX_ROWS", 50_000)
# The largest file each kind of upload accepts, refused (413) before it is read; uploads stream
# to disk (var/uploads) and are hashed as they are copied, so memory does not grow with them.
CTASSIST_UPLOAD_MAX_BYTES = {
    "evidence": env_int("CTASSIST_EVIDENCE_MAX_BYTES", 4 * 1024**3),
    "evaluation document": 25 * 1024 * 1024,
    "screening list": env_int("CTASSIST_SCREENING_LIST_MAX_BYTES", 200 * 1024**2),
    "screening batch": env_int("CTASSIST_SCREENING_BATCH_MAX_BYTES", 50 * 1024**2),
    "travel message": env_int("CTASSIST_TRAVEL_MESSAGE_MAX_BYTES", 20 * 1024**2),
    "learning material": env_int("CTASSIST_LEARNING_MATERIAL_MAX_BYTES", 200 * 1024**2),
    "attendance report": 10 * 1024**2,
}
# Text is read for search only from documents up to this size (a video holds none).
CTASSIST_EXTRACT_MAX_BYTES = env_int("CTASSIST_EXTRACT_MAX_BYTES", 50 * 1024 * 1024)
# The text read from an uploaded document and kept for search: its start, this many characters.
CTASSIST_EXTRACTED_TEXT_MAX_CHARS = env_int("CTASSIST_EXTRACTED_TEXT_MAX_CHARS", 2_000_000)
# Sanctions screening: where `ctassist screening lists fetch` downloads the UN Consolidated List,
# and the most names a batch (or a CSV list) may hold.
CTASSIST_SCREENING_UN_URL = env_str(
    "CTASSIST_SCREENING_UN_URL", "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
)
CTASSIST_SCREENING_MAX_NAMES = env_int("CTASSIST_SCREENING_MAX_NAMES", 1_000_000)
# Travel data (docs/travel.md): depersonalised after this many days (EU PNR Directive art. 12:
# six months), deleted after five years.
CTASSIST_TRAVEL_DEPERSONALISE_DAYS = env_int("CTASSIST_TRAVEL_DEPERSONALISE_DAYS", 183)
CTASSIST_TRAVEL_DELETE_YEARS = env_int("CTASSIST_TRAVEL_DELETE_YEARS", 5)
# API tokens: how long a new one lasts unless its issuer says otherwise, and the most it may.
CTASSIST_TOKEN_DAYS = env_int("CTASSIST_TOKEN_DAYS", 90)
CTASSIST_TOKEN_MAX_DAYS = env_int("CTASSIST_TOKEN_MAX_DAYS", 365)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "ctassist" / "locale"]
FORMAT_MODULE_PATH = ["ctassist.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "media")},
    },
    "staticfiles": {
        "BACKEND": env_str(
            "CTASSIST_STATICFILES_STORAGE",
            "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = env_bool("CTASSIST_WHITENOISE_USE_FINDERS", True)
# Uploads larger than 2.5 MB stream to disk while they arrive: under var/uploads/<pid>/, not the
# system's temporary folder, so that what a killed process leaves is found and removed
# (ctassist/core/uploads.py; `ctassist media check --fix`; docs/adr/0018).
FILE_UPLOAD_TEMP_DIR = str(VAR_DIR / "uploads")
Path(FILE_UPLOAD_TEMP_DIR).mkdir(exist_ok=True)
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "ctassist.core.uploads.WorkerUploadHandler",
]
# Files asked for at the site's root by every browser and crawler: /favicon.ico.
WHITENOISE_ROOT = BASE_DIR / "ctassist" / "core" / "root"

TASKS = {
    "default": {
        "BACKEND": env_str("CTASSIST_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# E-mail (saved-search alerts, reminders). By default messages are written as files under
# var/mail (nothing is lost, nothing leaves the machine); production sets CTASSIST_EMAIL_BACKEND
# to django.core.mail.backends.smtp.EmailBackend and the EMAIL_* variables.
EMAIL_BACKEND = env_str(
    "CTASSIST_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ctassist <noreply@localhost>")
# The address users reach the site at, for links in e-mails sent from the command line.
CTASSIST_BASE_URL = env_str("CTASSIST_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# The learning platform's standards (docs/learning.md, docs/adr/0023 and 0024). xAPI: the
# Learning Record Store that `ctassist learning xapi send` delivers statements to (none: they wait
# in the queue); LTI 1.3: the key that signs launches of external courses, made on first use.
CTASSIST_LEARNING_XAPI_ENDPOINT = env_str("CTASSIST_LEARNING_XAPI_ENDPOINT", "").rstrip("/")
CTASSIST_LEARNING_XAPI_USERNAME = env_str("CTASSIST_LEARNING_XAPI_USERNAME", "")
CTASSIST_LEARNING_XAPI_PASSWORD = env_str("CTASSIST_LEARNING_XAPI_PASSWORD", "")
CTASSIST_LEARNING_XAPI_TIMEOUT = env_int("CTASSIST_LEARNING_XAPI_TIMEOUT", 20)
CTASSIST_LEARNING_XAPI_BATCH = env_int("CTASSIST_LEARNING_XAPI_BATCH", 50)
CTASSIST_LEARNING_LTI_KEY_FILE = env_str(
    "CTASSIST_LEARNING_LTI_KEY_FILE", str(VAR_DIR / "keys" / "lti-platform.pem")
)

# Transport security: on by default only when CTASSIST_SECURE=1 (TLS terminated in front).
CTASSIST_SECURE = env_bool("CTASSIST_SECURE", False)
SESSION_COOKIE_SECURE = CTASSIST_SECURE
CSRF_COOKIE_SECURE = CTASSIST_SECURE
SECURE_SSL_REDIRECT = CTASSIST_SECURE and env_bool("CTASSIST_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("CTASSIST_HSTS_SECONDS", 31536000 if CTASSIST_SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = CTASSIST_SECURE
SECURE_HSTS_PRELOAD = CTASSIST_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if CTASSIST_SECURE else None
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_HTTPONLY = True
# A signed-in session ends 12 hours after sign-in, or after 30 minutes without a request
# (ctassist/accounts/middleware.py); the cookie itself lasts no longer than the session.
CTASSIST_SESSION_MAX_HOURS = env_int("CTASSIST_SESSION_MAX_HOURS", 12)
CTASSIST_SESSION_IDLE_MINUTES = env_int("CTASSIST_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = CTASSIST_SESSION_MAX_HOURS * 3600
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Logs carry no personal data: records are named by model and primary key, never by content.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("CTASSIST_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Backups (`ctassist backup`, `ctassist restore`; docs/deploy.md). The PostgreSQL programs
# (pg_dump, pg_restore) are looked for in CTASSIST_PG_BIN when set, else on PATH. After a restore
# each check below reads the files its app stored and compares them with the SHA-256 recorded on
# upload (core imports no app, so the apps' checks are named here; each returns a DigestCheck).
CTASSIST_PG_BIN = env_str("CTASSIST_PG_BIN", "")
CTASSIST_BACKUP_VERIFIERS = [
    "ctassist.cases.selectors.evidence_files_verify",
    "ctassist.library.services.attachment_files_verify",
    "ctassist.evaluations.services.evaluation_documents_verify",
]

# Loaders run by `ctassist init` (reference data) and `ctassist demo` (demo data), in order.
# Each takes a keyword `progress` callback and is idempotent.
CTASSIST_REFERENCE_LOADERS = [
    "ctassist.geo.services.geo_reference_load",
    "ctassist.treaties.services.treaties_reference_load",
    "ctassist.library.services.taxonomy_load",
]
# Run in the background as each web worker starts (ctassist/core/gunicorn_hooks.py).
CTASSIST_WORKER_WARMUPS = ["ctassist.screening.selectors.screening_index_warm"]

CTASSIST_DEMO_LOADERS = [
    "ctassist.accounts.demo.demo_users_load",
    "ctassist.library.services.library_demo_load",
    "ctassist.cases.demo.cases_demo_load",
    "ctassist.assistance.demo.assistance_demo_load",
    "ctassist.evaluations.demo.evaluations_demo_load",
    "ctassist.reports.demo.highlights_demo_load",
    "ctassist.mla.demo.mla_demo_load",
    "ctassist.eevidence.demo.eevidence_demo_load",
    "ctassist.screening.demo.screening_demo_load",
    "ctassist.travel.demo.travel_demo_load",
    "ctassist.prisons.demo.prisons_demo_load",
    "ctassist.learning.demo.learning_demo_load",
]

# Content-Security-Policy (django-csp; docs/adr/0019): scripts only from this site (and an
# inline data block with this answer's nonce); no plug-ins, no framing, forms post here only.
# Styles allow inline attributes: bar widths and the matrix's column count are data-driven.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Bounds on imported data (issue 26 item 6): a library record's longest text field (text,
# summary, a provision, an attachment's extracted text) in characters; an import line longer
# than this (plus room for the other fields) is refused before it is parsed.
CTASSIST_LIBRARY_TEXT_MAX_CHARS = env_int("CTASSIST_LIBRARY_TEXT_MAX_CHARS", 5_000_000)
# The library's search engine: "database" (SQLite FTS5 / PostgreSQL tsvector, no set-up) or
# "opensearch" (a server at CTASSIST_SEARCH_OPENSEARCH_URL; docs/library-search.md, ADR 0025).
CTASSIST_SEARCH_BACKEND = env_str("CTASSIST_SEARCH_BACKEND", "database")
CTASSIST_SEARCH_OPENSEARCH_URL = env_str("CTASSIST_SEARCH_OPENSEARCH_URL", "")
CTASSIST_SEARCH_OPENSEARCH_INDEX = env_str("CTASSIST_SEARCH_OPENSEARCH_INDEX", "ctassist-library")
