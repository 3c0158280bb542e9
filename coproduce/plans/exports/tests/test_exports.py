"""The support plan as a tagged PDF (standard and easy read) and as FHIR R4B."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.careteam import CareTeam
from fhir.resources.R4B.goal import Goal
from fhir.resources.R4B.patient import Patient
from pypdf import PdfReader

from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.plans.actions import plan_agree, plan_entry_respond
from coproduce.plans.models import Agreement, SupportPlan
from coproduce.plans.tests.factories import add_entry, add_when_entry, viewer_of

pytestmark = pytest.mark.django_db

REFUSED = ["commissioner", "outsider", "quality_checker", "other_worker"]


@pytest.fixture
def kyle_plan(personas):  # type: ignore[no-untyped-def]
    kyle = personas.kyle
    swim = add_entry(
        personas.person,
        kyle,
        text="I want to swim 20 lengths.",
        how_i_will_know="I can swim without stopping.",
    )
    cook = add_entry(personas.worker, kyle, text="Learn to cook pasta")
    add_entry(
        personas.worker,
        kyle,
        section="who",
        text="Sam from the house, because he makes me laugh",
        voice_how=VoiceHow.SPOKEN,
    )
    add_entry(personas.person, kyle, section="where", text="At home and at the pool")
    add_when_entry(personas.worker, kyle, weekday=2)
    return {"swim": swim, "cook": cook}


def _url(name: str, personas) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"plans:{name}", kwargs={"person_id": personas.kyle.pk})


def _pdf_text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, "".join(page.extract_text() for page in reader.pages)


# PDF


def test_plan_pdf_is_a_tagged_pdf_with_the_five_parts_provenance_and_agreement(
    personas, client_for, kyle_plan
):  # type: ignore[no-untyped-def]
    response = client_for(personas.worker).get(_url("plan_pdf", personas))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader, text = _pdf_text(response.content)
    assert "Kyle's support plan" in text
    assert "I want to swim 20 lengths." in text
    assert "I can swim without stopping." in text
    for part in ("What", "Where", "Who", "When", "How"):
        assert f"{part}:" in text
    assert "In Kyle's own words, typed" in text
    assert "Not yet agreed with Kyle" in text
    assert "Kyle agreed this" in text
    assert reader.metadata.title == "Support plan: Kyle"
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # tagged: headings are marked up
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]).lower().startswith("en")


def test_easy_read_pdf_uses_short_sentences_and_embeds_its_pictures(
    personas, client_for, kyle_plan
):  # type: ignore[no-untyped-def]
    response = client_for(personas.person).get(_url("plan_pdf_easy_read", personas))
    assert response.status_code == 200
    reader, text = _pdf_text(response.content)
    assert "Kyle's plan" in text
    assert "This plan is about Kyle." in text
    assert "Kyle said yes to this." in text
    assert "Kyle has not said yes yet." in text
    assert "I want to swim 20 lengths." in text
    assert reader.metadata.title == "Kyle's plan (easy read)"
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_easy_read_pdf_is_also_the_form_easy_read_of_the_plan_pdf(personas, client_for, kyle_plan):  # type: ignore[no-untyped-def]
    response = client_for(personas.supporter).get(_url("plan_pdf", personas) + "?form=easy-read")
    _reader, text = _pdf_text(response.content)
    assert "This plan is about Kyle." in text


def test_pdf_of_a_plan_with_no_entries_still_prints(personas, client_for):  # type: ignore[no-untyped-def]
    response = client_for(personas.person).get(_url("plan_pdf", personas))
    _reader, text = _pdf_text(response.content)
    assert "Nothing has been written in this plan yet." in text


def test_plan_pdf_and_fhir_exports_are_audited(personas, client_for, kyle_plan):  # type: ignore[no-untyped-def]
    client = client_for(personas.manager)
    client.get(_url("plan_pdf", personas))
    client.get(_url("plan_pdf_easy_read", personas))
    client.get(_url("plan_fhir", personas))
    summaries = list(
        AuditEntry.objects.filter(
            action=AuditEntry.Action.EXPORT, object_id=str(personas.kyle.pk)
        ).values_list("summary", flat=True)
    )
    assert sorted(summaries) == [
        "Exported Kyle's support plan as FHIR",
        "Exported Kyle's support plan as PDF",
        "Exported Kyle's support plan as PDF (easy read)",
    ]


@pytest.mark.parametrize("name", ["plan_pdf", "plan_pdf_easy_read", "plan_fhir"])
@pytest.mark.parametrize("persona", ["person", "supporter", "worker", "senior_leader"])
def test_people_who_see_the_plan_may_export_it(personas, client_for, name, persona):  # type: ignore[no-untyped-def]
    assert client_for(personas.user(persona)).get(_url(name, personas)).status_code == 200


@pytest.mark.parametrize("name", ["plan_pdf", "plan_pdf_easy_read", "plan_fhir"])
@pytest.mark.parametrize("persona", REFUSED)
def test_exports_are_refused_outside_the_circle(personas, client_for, name, persona):  # type: ignore[no-untyped-def]
    assert client_for(personas.user(persona)).get(_url(name, personas)).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_exports_of_a_person_in_another_organisation_are_404(personas, client_for):  # type: ignore[no-untyped-def]
    kwargs = {"person_id": personas.outsider_person.pk}
    client = client_for(personas.manager)
    assert client.get(reverse("plans:plan_pdf", kwargs=kwargs)).status_code == 404
    assert client.get(reverse("plans:plan_fhir", kwargs=kwargs)).status_code == 404


# FHIR


def _bundle(personas, client_for, persona="worker"):  # type: ignore[no-untyped-def]
    response = client_for(personas.user(persona)).get(_url("plan_fhir", personas))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    return Bundle.model_validate(json.loads(response.content))


def _of(bundle: Bundle, kind: type) -> list:  # type: ignore[type-arg]
    return [e.resource for e in bundle.entry if isinstance(e.resource, kind)]


def test_fhir_bundle_has_patient_care_plan_goals_and_care_team(personas, client_for, kyle_plan):  # type: ignore[no-untyped-def]
    bundle = _bundle(personas, client_for)
    assert bundle.type == "collection"
    (patient,) = _of(bundle, Patient)
    (care_plan,) = _of(bundle, CarePlan)
    goals = _of(bundle, Goal)
    (team,) = _of(bundle, CareTeam)
    assert patient.name[0].text == "Kyle"
    assert care_plan.status == "draft"
    assert care_plan.intent == "plan"
    assert {a.detail.description for a in care_plan.activity} == {
        "I want to swim 20 lengths.",
        "Learn to cook pasta",
    }
    by_words = {g.description.text: g for g in goals}
    swim = by_words["I want to swim 20 lengths."]
    assert swim.target[0].measure.text == "I can swim without stopping."
    assert swim.lifecycleStatus == "accepted"
    assert swim.extension[0].valueCoding.code == "typed"
    assert by_words["Learn to cook pasta"].lifecycleStatus == "proposed"
    assert len(care_plan.note) == 5
    assert any("In Kyle's own words, typed" in n.text for n in care_plan.note)
    assert any("Written by staff without Kyle" in n.text for n in care_plan.note)
    members = [p.member.display for p in team.participant]
    assert members == ["Kyle", "Sam from the house, because he makes me laugh"]


def test_fhir_references_resolve_inside_the_bundle(personas, client_for, kyle_plan):  # type: ignore[no-untyped-def]
    bundle = _bundle(personas, client_for)
    urls = {e.fullUrl for e in bundle.entry}
    (patient_url,) = [e.fullUrl for e in bundle.entry if isinstance(e.resource, Patient)]
    (care_plan,) = _of(bundle, CarePlan)
    (team,) = _of(bundle, CareTeam)
    goals = _of(bundle, Goal)
    references = [
        care_plan.subject.reference,
        *(r.reference for r in care_plan.careTeam),
        *(r.reference for r in care_plan.goal),
        *(g.reference for a in care_plan.activity for g in a.detail.goal),
        team.subject.reference,
        team.participant[0].member.reference,
        *(g.subject.reference for g in goals),
    ]
    assert all(reference in urls for reference in references)
    assert care_plan.subject.reference == patient_url
    assert {r.reference for r in care_plan.goal} == {
        e.fullUrl for e in bundle.entry if isinstance(e.resource, Goal)
    }


def test_fhir_care_plan_is_active_once_the_person_agrees_it(personas, client_for, kyle_plan):  # type: ignore[no-untyped-def]
    kyle = personas.kyle
    for entry in kyle.support_plan.entries.exclude(agreement=Agreement.AGREED):
        plan_entry_respond(
            viewer=viewer_of(personas.person, kyle),
            entry=entry,
            base_version=entry.version,
            answer=Agreement.AGREED,
        )
    kyle.support_plan.refresh_from_db()
    plan_agree(
        viewer=viewer_of(personas.person, kyle),
        person=kyle,
        base_version=kyle.support_plan.version,
        agreed_how=SupportPlan.AgreedHow.TICK,
    )
    bundle = _bundle(personas, client_for, "supporter")
    (care_plan,) = _of(bundle, CarePlan)
    assert care_plan.status == "active"
    assert {g.lifecycleStatus for g in _of(bundle, Goal)} == {"accepted"}


def test_fhir_for_a_plan_with_no_entries_is_still_valid(personas, client_for):  # type: ignore[no-untyped-def]
    bundle = _bundle(personas, client_for, "person")
    assert [type(e.resource).__name__ for e in bundle.entry] == [
        "Patient",
        "CarePlan",
        "CareTeam",
    ]


def test_easy_read_pictures_are_embedded_from_the_static_files() -> None:
    from coproduce.core.pdf import symbol_data_url
    from coproduce.plans.exports.documents import AGREEMENT_SYMBOLS
    from coproduce.plans.models import SECTION_SYMBOLS

    for name in {*SECTION_SYMBOLS.values(), *AGREEMENT_SYMBOLS.values(), "plan"}:
        assert symbol_data_url(name).startswith("data:image/svg+xml;base64,")
