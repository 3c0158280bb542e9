"""Print a one-page profile as a tagged PDF (PDF/UA-1) with WeasyPrint.

The PDF carries its title and language, and its headings, lists and images are tagged,
so a screen reader reads it in order. WeasyPrint may load nothing from outside: images
are embedded as ``data:`` URLs and every other address is refused.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.utils import timezone, translation

from coproduce.core.pdf import PDF_CONTENT_TYPE, render_tagged_pdf
from coproduce.core.pdf import data_url as _data_url
from coproduce.core.pdf import symbol_data_url as _symbol_data_url
from coproduce.people.images import content_type_for
from coproduce.people.presenters import interest_symbol, section_symbol
from coproduce.people.queries import Profile

__all__ = ["PDF_CONTENT_TYPE", "profile_pdf"]


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
    return render_tagged_pdf("people/profile_print.jinja", context)
