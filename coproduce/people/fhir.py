"""Export a person's "About me" as FHIR R4B: a Bundle of Patient, Flag and QuestionnaireResponse.

- Patient: the name they want to be called (``use: usual``), birth date, the language
  they communicate in, and their communication formats (Accessible Information Standard)
  as an extension.
- Flag: the communication needs, so a receiving system can show them as an alert.
- QuestionnaireResponse: one item per part of the one-page profile (PRSB "About Me"),
  each answered with the person's words, and how the words were given as an extension
  on the item. ``source`` is the person when any part is in their own words; ``author``
  is whoever recorded the latest part.

Every resource is built and checked with ``fhir.resources.R4B`` before it leaves.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from coproduce.core.fhir import BASE, FHIR_CONTENT_TYPE, PERSON_ID_SYSTEM
from coproduce.core.fhir import instant as _instant
from coproduce.core.fhir import uuid_url as _uuid_url
from coproduce.core.fhir import voice_extension as _voice_extension
from coproduce.people.models import CommunicationFormat, ProfileSection
from coproduce.people.queries import Profile

__all__ = ["FHIR_CONTENT_TYPE", "about_me_bundle", "about_me_json", "patient_resource"]

# Identifiers of this platform's own codes and extensions.
COMMUNICATION_FORMAT_EXTENSION = f"{BASE}:StructureDefinition:communication-format"
COMMUNICATION_FORMAT_SYSTEM = f"{BASE}:CodeSystem:communication-format"
ABOUT_ME_QUESTIONNAIRE = f"{BASE}:Questionnaire:about-me"
FLAG_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/flag-category"

# Common language names to BCP 47 codes; anything else is sent as text only.
LANGUAGE_CODES = {
    "english": "en",
    "welsh": "cy",
    "cymraeg": "cy",
    "polish": "pl",
    "urdu": "ur",
    "punjabi": "pa",
    "bengali": "bn",
    "arabic": "ar",
    "gujarati": "gu",
    "romanian": "ro",
    "somali": "so",
    "british sign language": "bfi",
    "bsl": "bfi",
}


def _language(details_language: str) -> dict[str, Any]:
    text = details_language.strip() or "English"
    concept: dict[str, Any] = {"text": text}
    code = LANGUAGE_CODES.get(text.lower())
    if code:
        concept["coding"] = [{"system": "urn:ietf:bcp:47", "code": code, "display": text}]
    return concept


def patient_resource(profile: Profile) -> dict[str, Any]:
    """Return the person as a FHIR Patient (a dictionary, validated with its Bundle)."""
    person = profile.person
    details = profile.details
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": [{"system": PERSON_ID_SYSTEM, "value": str(person.pk)}],
        "name": [{"use": "usual", "text": person.preferred_name, "given": [person.preferred_name]}],
        "communication": [
            {"language": _language(details.communication_language), "preferred": True}
        ],
    }
    if person.full_name:
        patient["name"].append({"use": "official", "text": person.full_name})
    if details.date_of_birth:
        patient["birthDate"] = details.date_of_birth.isoformat()
    formats = [
        {
            "url": COMMUNICATION_FORMAT_EXTENSION,
            "valueCoding": {
                "system": COMMUNICATION_FORMAT_SYSTEM,
                "code": value,
                "display": str(CommunicationFormat(value).label),
            },
        }
        for value in details.communication_formats or []
        if value in CommunicationFormat.values
    ]
    if formats:
        patient["extension"] = formats
    return patient


def _flag(profile: Profile, patient_url: str) -> dict[str, Any] | None:
    details = profile.details
    if not details.has_communication_needs:
        return None
    words = ", ".join(details.communication_format_labels)
    text = "Communication needs"
    if words:
        text += f": {words}"
    if details.how_to_communicate:
        text += f". {details.how_to_communicate}"
    flag: dict[str, Any] = {
        "resourceType": "Flag",
        "status": "active",
        "category": [
            {
                "coding": [
                    {"system": FLAG_CATEGORY_SYSTEM, "code": "admin", "display": "Administrative"}
                ],
                "text": "Accessible Information Standard",
            }
        ],
        "code": {"text": text},
        "subject": {"reference": patient_url, "display": profile.person.preferred_name},
    }
    if details.communication_reviewed_on:
        flag["period"] = {"start": details.communication_reviewed_on.isoformat()}
    return flag


def _questionnaire_response(profile: Profile, patient_url: str) -> dict[str, Any]:
    person = profile.person
    items = []
    written = []
    for section in ProfileSection:
        entry = profile.entry(section.value)
        if entry is None or not entry.text.strip():
            continue
        written.append(entry)
        item: dict[str, Any] = {
            "linkId": section.value,
            "text": str(section.label),
            "answer": [{"valueString": entry.text}],
        }
        extension = _voice_extension(entry)
        if extension:
            item["extension"] = extension
        items.append(item)
    response: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": ABOUT_ME_QUESTIONNAIRE,
        "status": "completed",
        "subject": {"reference": patient_url, "display": person.preferred_name},
        "authored": _instant(max((e.updated_at for e in written), default=timezone.now())),
    }
    if items:
        response["item"] = items
    if any(e.in_own_words for e in written):
        response["source"] = {"reference": patient_url, "display": person.preferred_name}
    else:
        helpers = [e.voice_helper for e in written if e.voice_helper is not None]
        if helpers:
            response["source"] = {"display": helpers[-1].name or helpers[-1].email}
    latest = max(written, key=lambda e: e.updated_at, default=None)
    if latest is not None and latest.voice_recorded_by is not None:
        response["author"] = {"display": latest.voice_recorded_by.name}
    return response


def about_me_bundle(profile: Profile) -> Bundle:
    """Return the person's About me as a validated FHIR R4B Bundle of type collection."""
    patient_url = _uuid_url()
    entries = [{"fullUrl": patient_url, "resource": patient_resource(profile)}]
    flag = _flag(profile, patient_url)
    if flag is not None:
        entries.append({"fullUrl": _uuid_url(), "resource": flag})
    entries.append(
        {"fullUrl": _uuid_url(), "resource": _questionnaire_response(profile, patient_url)}
    )
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "timestamp": _instant(timezone.now()),
            "entry": entries,
        }
    )


def about_me_json(profile: Profile) -> str:
    return about_me_bundle(profile).model_dump_json(exclude_none=True)
