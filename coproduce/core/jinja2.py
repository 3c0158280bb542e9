"""The Jinja2 environment: GOV.UK Frontend macros, translations, URLs and small filters."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from coproduce.core import roles
from coproduce.core.forms import error_summary_items, govuk_field
from coproduce.core.symbols import symbol, symbol_url
from coproduce.core.theme import safe_brand_colour

LONDON = ZoneInfo("Europe/London")


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def local(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if timezone.is_naive(value):
        return value
    return value.astimezone(LONDON)


def date_uk(value: dt.date | dt.datetime | None, with_time: bool = False) -> str:
    """Format a date the GOV.UK way: 5 January 2027 (at 2:30pm)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = local(value) or value
        day = date_format(value, "j F Y")
        if with_time:
            return f"{day}, {date_format(value, 'g:i').lower()}{date_format(value, 'a').replace('.', '')}"
        return day
    return date_format(value, "j F Y")


def html_lang() -> str:
    """Return the active language as a BCP 47 tag for ``lang`` attributes: en-GB or cy."""
    language = translation.get_language() or "en-gb"
    return translation.to_locale(language).replace("_", "-")


def environment(**options: Any) -> Environment:
    options["loader"] = ChoiceLoader(
        [
            options["loader"],
            PrefixLoader(
                {"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}
            ),
        ]
    )
    options.setdefault("extensions", []).extend(["jinja2.ext.i18n", "jinja2.ext.do"])
    options["trim_blocks"] = True
    options["lstrip_blocks"] = True
    env = Environment(**options)  # noqa: S701 - Django's backend turns on autoescape
    env.install_gettext_translations(translation, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        {
            "url": url,
            "static": static,
            "roles": roles,
            "now": timezone.now,
            "get_language": translation.get_language,
            "html_lang": html_lang,
            "symbol": symbol,
            "symbol_url": symbol_url,
            "safe_brand_colour": safe_brand_colour,
            "govuk_field": govuk_field,
            "error_summary_items": error_summary_items,
        }
    )
    env.filters.update({"date_uk": date_uk, "local": local})
    return env
