"""One settings module; every deployment knob is an environment variable (12-factor)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("VIC_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    return [v.strip() for v in value.split(",") if v.strip()] if value else default


DEBUG = env_bool("VIC_DEBUG", False)
# The embedded demo gets a generated key kept in var/; production must set VIC_SECRET_KEY.
SECRET_KEY = os.environ.get("VIC_SECRET_KEY", "")
if not SECRET_KEY:
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        SECRET_KEY = key_file.read_text().strip()
    else:
        import secrets

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        SECRET_KEY = secrets.token_urlsafe(50)
        # Created readable by its owner only, from the first byte (no window before a chmod).
        with os.fdopen(os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
            out.write(SECRET_KEY)

ALLOWED_HOSTS = env_list("VIC_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("VIC_CSRF_TRUSTED_ORIGINS", [])
# The address users open VIC at, for the links in e-mails (a worker has no request to read it from).
VIC_PUBLIC_URL = os.environ.get(
    "VIC_PUBLIC_URL",
    f"http://{os.environ.get('VIC_HOST', '127.0.0.1')}:{os.environ.get('VIC_PORT', '8000')}",
).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "vic.core.axes_app.AxesConfig",  # django-axes, named in Vietnamese
    "auditlog",
    "huey.contrib.djhuey",
    "vic.core",
    "vic.units",
    "vic.calendar",
    "vic.directives",
    "vic.tasks",
    "vic.urging",
    "vic.inspections",
    "vic.difficulties",
    "vic.notices",
    "vic.reporting",
    "vic.demo",
]

MIDDLEWARE = [
    "vic.core.middleware.RequestSizeLimitMiddleware",
    "vic.core.middleware.MethodNotAllowedPage",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vic.core.middleware.SessionKeptAlive",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vic.urls"
WSGI_APPLICATION = "vic.wsgi.application"

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
                "vic.core.context.frame",
            ],
        },
    },
]

# Embedded SQLite by default (same code paths as PostgreSQL); DATABASE_URL switches to a server.
DEFAULT_SQLITE = f"sqlite:///{VAR_DIR / 'vic.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(os.environ.get("DATABASE_URL", DEFAULT_SQLITE), conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE avoids lock upgrades mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file of their own (per xdist worker), not memory: the browser tests' live server answers
    # from several threads, which must each have a connection of their own as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "units.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env_int("VIC_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The session ends VIC_SESSION_SECONDS after the last activity, not after logging in: an official writing a
# long report at 4 pm does not lose it to a login page (core/middleware.py SessionKeptAlive).
AXES_FAILURE_LIMIT = env_int("VIC_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ENABLED = env_bool("VIC_AXES_ENABLED", True)
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
# Behind nginx every request comes from 127.0.0.1: read the client's address from X-Forwarded-For.
VIC_PROXY_COUNT = env_int("VIC_PROXY_COUNT", 0)
if VIC_PROXY_COUNT:
    # ipware counts the proxies listed in X-Forwarded-For after the client; nginx as the administration
    # guide sets it (X-Forwarded-For $remote_addr, overwritten) lists none: the header is the client alone.
    AXES_IPWARE_PROXY_COUNT = VIC_PROXY_COUNT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["vic.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("VIC_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

# Uploads (DOMAIN "Decisions"): 50 MB per file, administrative formats only.
VIC_UPLOAD_MAX_BYTES = env_int("VIC_UPLOAD_MAX_MB", 50) * 1024 * 1024
VIC_UPLOAD_EXTENSIONS = env_list(
    "VIC_UPLOAD_EXTENSIONS", ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png"]
)
# A zipped office file (.docx, .xlsx, .odt, .ods) is read only if its members unpack to at most this
# (core/uploads.py): a "zip bomb" of a few MB would otherwise take a worker's memory and minutes.
VIC_UNPACKED_MAX_BYTES = (
    env_int("VIC_UNPACKED_MAX_MB", min(10 * env_int("VIC_UPLOAD_MAX_MB", 50), 200)) * 1024 * 1024
)
# A whole request (several files): refused before its body is read (core/middleware.py).
VIC_REQUEST_MAX_BYTES = env_int("VIC_REQUEST_MAX_MB", 4 * env_int("VIC_UPLOAD_MAX_MB", 50)) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Files in one request (Django's default, 100): the page checks it before sending, the 400 page names it.
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("VIC_UPLOAD_MAX_FILES", 100)
# The register page holds up to 300 task rows of ~15 fields each (Django's default of 1,000 fields refused
# a directive of 70 rows).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 6000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# working days allowed to register and deliver a task (urgent: same day).
VIC_REGISTRATION_WORKING_DAYS = env_int("VIC_REGISTRATION_WORKING_DAYS", 1)
# An overdue periodic report is chased (reminders) at most this many working days after its due date.
VIC_REPORT_CHASE_WORKING_DAYS = env_int("VIC_REPORT_CHASE_WORKING_DAYS", 20)
# Tasks due within this many working days carry the "sắp đến hạn" marker.
VIC_DUE_SOON_WORKING_DAYS = env_int("VIC_DUE_SOON_WORKING_DAYS", 5)
# Task lists in a report's Word file and on screen (overdue, key tasks): the first N; Excel lists them all.
VIC_REPORT_LIST_LIMIT = env_int("VIC_REPORT_LIST_LIMIT", 200)
# Demo mode (`make run` sets VIC_DEMO=1): `vic serve` loads the demo province into an empty database and
# the login page lists the demo accounts. Never in production (docs/quan-tri-va-trien-khai.md).
VIC_DEMO = env_bool("VIC_DEMO", False)
VIC_SHOW_DEMO_LOGINS = env_bool("VIC_SHOW_DEMO_LOGINS", VIC_DEMO)
# Administration can live on its own path (Decision 742/QĐ-BTTTT: separable from the service).
VIC_ADMIN_PATH = os.environ.get("VIC_ADMIN_PATH", "quan-tri/")

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Production behind an HTTPS proxy: VIC_HTTPS=1 trusts X-Forwarded-Proto, sets secure cookies and HSTS.
VIC_HTTPS = env_bool("VIC_HTTPS", False)
SESSION_COOKIE_SECURE = env_bool("VIC_SECURE_COOKIES", VIC_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if VIC_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("VIC_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("VIC_HSTS_SECONDS", 31536000)
    # A province's domain has other services (mail, eOffice) that VIC must not force onto HTTPS, and
    # preloading is a browser-vendor list an intranet host cannot join: both off on purpose.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False
    SECURE_HSTS_PRELOAD = False
    SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
# Content Security Policy: everything from this server only (assets are served by the app, no CDN).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # htmx and Bootstrap set inline style attributes; no inline scripts are allowed.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Background jobs (huey): embedded in a SQLite file by default, Redis in production (VIC_REDIS_URL).
# Every worker runs the schedule; the scans are idempotent, so several workers never send twice.
VIC_REDIS_URL = os.environ.get("VIC_REDIS_URL", "")
HUEY = {
    "name": os.environ.get("VIC_QUEUE_NAME", "vic"),
    "immediate": env_bool("VIC_QUEUE_IMMEDIATE", False),
    "utc": False,  # crontab() in the schedule reads Asia/Ho_Chi_Minh wall-clock time
    "consumer": {"workers": env_int("VIC_QUEUE_WORKERS", 2), "worker_type": "thread", "periodic": True},
}
if VIC_REDIS_URL:
    HUEY |= {"huey_class": "huey.RedisHuey", "url": VIC_REDIS_URL}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    HUEY |= {"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "queue.sqlite3")}

# E-mail: the console in the demo; SMTP as soon as VIC_EMAIL_HOST is set (or name a back-end outright).
EMAIL_HOST = os.environ.get("VIC_EMAIL_HOST", "")
EMAIL_PORT = env_int("VIC_EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("VIC_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("VIC_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("VIC_EMAIL_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("VIC_EMAIL_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = 30
EMAIL_BACKEND = os.environ.get(
    "VIC_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("VIC_FROM_EMAIL", "vic@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("VIC_LOG_LEVEL", "WARNING")},
    "loggers": {
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # A refused page (403, 404) is the product working, not an incident: no traceback in the log.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "vic.jobs": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
