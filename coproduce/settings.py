"""Settings for Coproduce, read from the environment.

A checkout runs with no configuration: SQLite under ``data/``, DEBUG off unless
``DEBUG=1``. Production sets ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "development-only-key-never-use-in-production"


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# A manager answers a request to change a worker within this many days.
CHANGE_REQUEST_ANSWER_DAYS = env_int("CHANGE_REQUEST_ANSWER_DAYS", 7)
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "data")))

INSTALLED_APPS = [
    "coproduce.core",
    "coproduce.accounts",
    "coproduce.people",
    "coproduce.decisions",
    "coproduce.plans",
    "coproduce.matching",
    "coproduce.voice",
    "coproduce.involvement",
    "coproduce.feedback",
    "coproduce.codesign",
    "coproduce.insights",
    "coproduce.demo",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "coproduce.accounts.middleware.SessionActivityMiddleware",
    "coproduce.accounts.middleware.OrganisationMiddleware",
    "coproduce.accounts.middleware.SecondFactorMiddleware",
    "coproduce.core.middleware.PreferencesMiddleware",
    "coproduce.core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "coproduce.urls"
WSGI_APPLICATION = "coproduce.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "coproduce" / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "coproduce.core.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.messages.context_processors.messages",
                "coproduce.core.context_processors.layout",
            ],
        },
    },
    {
        # Allauth's own e-mail templates and any page not yet given a Jinja2 form.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "coproduce" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite (WAL) by default, PostgreSQL through DATABASE_URL.
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'coproduce.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# Sign-in (django-allauth). Accounts are created by invitation only.
ACCOUNT_ADAPTER = "coproduce.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 600
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Wrong passwords: 5 per account from one address ("key" is account and address, see
    # AccountAdapter), 30 per account from all addresses together, and 100 per address
    # across accounts (a supported-living house shares one address). Sign-in by code is
    # counted apart ("request_login_code", "confirm_login_code"), so it keeps working.
    "login_failed": "100/5m/ip,5/5m/key",
    "login_failed_account": "30/5m/key",
    "confirm_login_code": "5/5m/key",
    "request_login_code": "10/m/ip,3/m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
}
# Six digits are easier to read out and type than letters for people supported.
ACCOUNT_LOGIN_BY_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_FORMS = {
    "login": "coproduce.accounts.sign_in.forms.LoginForm",
    "request_login_code": "coproduce.accounts.sign_in.forms.RequestLoginCodeForm",
    "confirm_login_code": "coproduce.accounts.sign_in.forms.ConfirmLoginCodeForm",
    "reset_password": "coproduce.accounts.sign_in.forms.ResetPasswordForm",
    "reset_password_from_key": "coproduce.accounts.sign_in.forms.ResetPasswordKeyForm",
    "change_password": "coproduce.accounts.sign_in.forms.ChangePasswordForm",
    "set_password": "coproduce.accounts.sign_in.forms.SetPasswordForm",
    "reauthenticate": "coproduce.accounts.sign_in.forms.ReauthenticateForm",
    "add_email": "coproduce.accounts.sign_in.forms.AddEmailForm",
}
MFA_ADAPTER = "coproduce.accounts.adapters.MFAAdapter"
MFA_FORMS = {
    "authenticate": "coproduce.accounts.sign_in.forms.AuthenticateForm",
    "reauthenticate": "coproduce.accounts.sign_in.forms.MFAReauthenticateForm",
    "activate_totp": "coproduce.accounts.sign_in.forms.ActivateTOTPForm",
    "add_webauthn": "coproduce.accounts.sign_in.forms.AddWebAuthnForm",
    "edit_webauthn": "coproduce.accounts.sign_in.forms.EditWebAuthnForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = "Coproduce"
# Lets a user see and end their other sessions ("sign out of all other devices").
USERSESSIONS_ADAPTER = "coproduce.accounts.adapters.UserSessionsAdapter"
USERSESSIONS_TRACK_ACTIVITY = True
# Behind the TLS proxy every request comes from the proxy's address; sign-in rate limits
# and the session list need the client's, which the proxy appends to X-Forwarded-For.
if env_bool("BEHIND_TLS_PROXY"):
    ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

# Sessions and cookies. __Host- cookies need Secure, Path=/ and no Domain.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "coproduce.core.views.csrf_failure"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
if env_bool("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "media-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Browser features no page uses are switched off for every page (django-permissions-policy).
# Passkeys (publickey-credentials-*) and full-screen films keep the browser's default
# (this site only). A page that one day needs the camera or microphone says so here.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "display-capture",
        "payment",
        "usb",
        "serial",
        "hid",
        "bluetooth",
        "browsing-topics",
    )
}

# Languages: English and Welsh.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
# The language switch (Django's set_language view) remembers the choice in this cookie.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
LOCALE_PATHS = [BASE_DIR / "coproduce" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "coproduce" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
# Media (films, photos) on S3-compatible storage with django-storages; never public: every
# file is served through an access-checked view (see docs/adr/0009).
if env_str("STORAGE_BACKEND") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {  # type: ignore[dict-item]
            "bucket_name": env_str("S3_BUCKET_NAME"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION_NAME") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "location": env_str("S3_LOCATION", "media"),
        },
    }

# E-mail: console in development, SMTP when EMAIL_HOST is set (Django's MAILERS).
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
        if env_str("EMAIL_HOST")
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Coproduce <no-reply@coproduce.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: the database queue, run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "coproduce",
    }
}
if env_str("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("REDIS_URL"),
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# The demo persona page exists only in development, never when DEBUG is off.
DEMO_SIGN_IN_ENABLED = DEBUG

TESTING = env_bool("COPRODUCE_TESTING")
if TESTING:
    SECURE_SSL_REDIRECT = False
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    # Uploaded films and photos from tests go to a throwaway folder, never data/media.
    import tempfile

    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="coproduce-test-media-"))
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        # A file, not Django's shared in-memory database: the browser tests' live server
        # answers requests on several threads at once (a video and its poster), and one
        # shared SQLite connection used by two threads at once fails.
        DATABASES["default"]["TEST"] = {
            "NAME": str(Path(tempfile.mkdtemp(prefix="coproduce-test-db-")) / "test.sqlite3")
        }
