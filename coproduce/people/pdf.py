"""Print a one-page profile as a tagged PDF (PDF/UA-1) with WeasyPrint.

The PDF carries its title and language, and its headings, lists and images are tagged,
so a screen reader reads it in order. WeasyPrint may load nothing from outside: images
are embedded as ``data:`` URLs and every other address is refused.
"""

from __future__ import annotations

import base64
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import get_template
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from coproduce.core.symbols import symbol
from coproduce.people.images import content_type_for
from coproduce.people.presenters import interest_symbol, section_symbol
from coproduce.people.queries import Profile

PDF_CONTENT_TYPE = "application/pdf"


def _data_url(content: bytes, content_type: str) -> str:
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"


def _symbol_data_url(name: str) -> str:
    found = finders.find(symbol(name).path)
    if not found:
        return ""
    return _data_url(Path(str(found)).read_bytes(), "image/svg+xml")


def _stored_data_url(name: str | None) -> str:
    if not name or not default_storage.exists(name):
        return ""
    with default_storage.open(name, "rb") as handle:
        return _data_url(handle.read(), content_type_for(name))


def profile_pdf(profile: Profile) -> bytes:
    """Return the person's one-page profile as PDF bytes."""
    details = profile.details
    language = translation.get_language() or "en-gb"
    context = {
        "profile": profile,
        "person": profile.person,
        "lang": language,
        "photo": _stored_data_url(details.photo.name)
        if details.photo and details.photo_consent
        else "",
        "section_pictures": {
            section.value: _symbol_data_url(section_symbol(section.value))
            for section, _entry in profile.sections
        },
        "entry_pictures": {
            section: _stored_data_url(entry.picture.name)
            for section, entry in profile.entries.items()
            if entry.picture
        },
        "interest_pictures": {
            i.pk: _symbol_data_url(interest_symbol(i)) for i in profile.interests
        },
        "printed_on": timezone.localdate(),
    }
    html = get_template("people/profile_print.jinja").render(context)
    document = HTML(
        string=html,
        base_url="data:,",
        url_fetcher=URLFetcher(allowed_protocols=["data"]),
    )
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
