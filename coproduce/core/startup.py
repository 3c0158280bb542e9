"""Checks that stop the app from serving with an unsafe configuration."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


def unsafe_settings() -> list[str]:
    """Return what makes this configuration unsafe to serve with DEBUG off."""
    if settings.DEBUG:
        return []
    problems = []
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY or len(settings.SECRET_KEY) < 50:
        problems.append("SECRET_KEY is the development key or too short; set a long random one.")
    if not settings.ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS is empty; set the host names this site answers to.")
    return problems


def assert_safe_to_serve() -> None:
    """Raise ImproperlyConfigured instead of serving with a development key in production."""
    problems = unsafe_settings()
    if problems:
        raise ImproperlyConfigured(" ".join(problems))


@register("security", deploy=True)
def check_production_settings(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    return [Error(problem, id="coproduce.E001") for problem in unsafe_settings()]
