"""Shared pieces of the FHIR R4B exports: this platform's identifiers, ids and provenance.

Every export builds plain dictionaries and validates them with ``fhir.resources.R4B``
before they leave; these helpers keep the identifiers and the voice extension the same
in every Bundle.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from coproduce.core.models import VoiceHow

FHIR_CONTENT_TYPE = "application/fhir+json"
# Identifiers of this platform's own codes and extensions.
BASE = "urn:coproduce:fhir"
VOICE_EXTENSION = f"{BASE}:StructureDefinition:voice-provenance"
VOICE_SYSTEM = f"{BASE}:CodeSystem:voice-how"
PERSON_ID_SYSTEM = f"{BASE}:NamingSystem:person-id"


def uuid_url() -> str:
    """Return a fresh ``urn:uuid:`` for a Bundle entry's ``fullUrl``."""
    return f"urn:uuid:{uuid.uuid4()}"


def instant(value: dt.datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def voice_coding(voice_how: str) -> dict[str, Any]:
    return {
        "system": VOICE_SYSTEM,
        "code": voice_how,
        "display": str(VoiceHow(voice_how).label),
    }


def voice_extension(entry: Any) -> list[dict[str, Any]]:
    """Return how the words of ``entry`` were given, as an extension list ([] if unknown)."""
    if not entry.voice_how:
        return []
    return [{"url": VOICE_EXTENSION, "valueCoding": voice_coding(entry.voice_how)}]
