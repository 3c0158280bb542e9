"""The one-page profile as a tagged PDF and as FHIR R4B."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.flag import Flag
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pypdf import PdfReader

from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.people import actions
from coproduce.people.tests.profile_helpers import media_root, write_part  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def kyle_profile(personas):  # type: ignore[no-untyped-def]
    kyle = personas.kyle
    actions.person_details_update(
        actor=personas.worker,
        person=kyle,
        base_version=0,
        changes={
            "pronouns": "he/him",
            "communication_formats": ["easy_read", "pictures"],
            "communication_language": "English",
            "how_to_communicate": "Short sentences, one thing at a time.",
        },
    )
    write_part(kyle, personas.person, "good_day", "Swimming, then chips with my mates.")
    write_part(
        kyle,
        personas.worker,
        "how_to_support",
        "Show me pictures.",
        how=VoiceHow.SUPPORTED,
        helper=personas.worker,
    )
    return kyle


def pdf_url(personas) -> str:  # type: ignore[no-untyped-def]
    return reverse("people:profile_pdf", kwargs={"person_id": personas.kyle.pk})


def fhir_url(personas) -> str:  # type: ignore[no-untyped-def]
    return reverse("people:about_me_fhir", kwargs={"person_id": personas.kyle.pk})


def test_pdf_is_a_tagged_pdf_with_the_persons_words(personas, client_for, kyle_profile):
    response = client_for(personas.person).get(pdf_url(personas))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "About Kyle" in text
    assert "Swimming, then chips with my mates." in text
    assert reader.metadata.title == "One-page profile: Kyle"
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # tagged: headings and lists are marked up
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]).lower().startswith("en")


def test_pdf_export_is_audited(personas, client_for, kyle_profile):
    client_for(personas.worker).get(pdf_url(personas))
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.EXPORT, object_id=str(personas.kyle.pk)
    ).exists()


@pytest.mark.parametrize("persona", ["commissioner", "outsider", "quality_checker"])
def test_pdf_refused_outside_the_circle(personas, client_for, persona):
    assert client_for(personas.user(persona)).get(pdf_url(personas)).status_code == 404


def test_fhir_bundle_parses_as_r4b_with_patient_flag_and_answers(
    personas, client_for, kyle_profile
):
    response = client_for(personas.worker).get(fhir_url(personas))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    bundle = Bundle.model_validate(json.loads(response.content))
    assert bundle.type == "collection"
    resources = [entry.resource for entry in bundle.entry]
    patient = next(r for r in resources if isinstance(r, Patient))
    flag = next(r for r in resources if isinstance(r, Flag))
    answers = next(r for r in resources if isinstance(r, QuestionnaireResponse))

    assert patient.name[0].use == "usual" and patient.name[0].text == "Kyle"
    assert patient.communication[0].language.text == "English"
    assert patient.communication[0].language.coding[0].code == "en"
    assert {e.valueCoding.code for e in patient.extension} == {"easy_read", "pictures"}
    assert "Easy read" in flag.code.text

    assert answers.status == "completed"
    items = {item.linkId: item for item in answers.item}
    assert items["good_day"].answer[0].valueString == "Swimming, then chips with my mates."
    assert items["how_to_support"].extension[0].valueCoding.code == "supported"
    patient_url = next(e.fullUrl for e in bundle.entry if isinstance(e.resource, Patient))
    assert answers.subject.reference == patient_url
    assert answers.source.reference == patient_url  # a part is in Kyle's own words
    assert answers.author.display == "Wendy Worker"


def test_fhir_for_an_empty_profile_is_still_valid(personas, client_for):
    response = client_for(personas.person).get(fhir_url(personas))
    bundle = Bundle.model_validate(json.loads(response.content))
    assert [type(e.resource).__name__ for e in bundle.entry] == ["Patient", "QuestionnaireResponse"]


@pytest.mark.parametrize("persona", ["commissioner", "outsider"])
def test_fhir_refused_outside_the_circle(personas, client_for, persona):
    assert client_for(personas.user(persona)).get(fhir_url(personas)).status_code == 404
