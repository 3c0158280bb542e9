"""The support plan leaves the platform in two forms: a tagged PDF and FHIR R4B.

- PDF (standard): the five parts, each entry with how the person's words were given and
  whether they agreed it. PDF (easy read): big text, short sentences and an OpenMoji
  picture beside each idea, embedded from the static files.
- FHIR: a Bundle of the person (Patient), their plan (CarePlan), one Goal per "what"
  entry in the person's words, and a CareTeam of the person and the people the plan
  names under "who". Every resource is validated with ``fhir.resources.R4B``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from fhir.resources.R4B.bundle import Bundle

from coproduce.core.fhir import BASE, instant, uuid_url, voice_extension
from coproduce.core.pdf import render_tagged_pdf, symbol_data_url
from coproduce.people.fhir import patient_resource
from coproduce.people.models import Person
from coproduce.people.queries import profile_for
from coproduce.plans.models import (
    SECTION_QUESTIONS,
    SECTION_SYMBOLS,
    Agreement,
    PlanEntry,
    PlanSection,
    SupportPlan,
)
from coproduce.plans.presenters import by_section, time_range

PLAN_ENTRY_ID_SYSTEM = f"{BASE}:NamingSystem:plan-entry-id"
AGREEMENT_EXTENSION = f"{BASE}:StructureDefinition:plan-agreement"
AGREEMENT_SYSTEM = f"{BASE}:CodeSystem:plan-agreement"
PARTICIPANT_ROLE_SYSTEM = f"{BASE}:CodeSystem:care-team-role"

# A plan the person agreed is in force; until then it is still being written.
CAREPLAN_STATUS = {SupportPlan.Status.AGREED: "active", SupportPlan.Status.DRAFT: "draft"}
# A "what" entry the person agreed is an accepted goal; one they asked to change is
# proposed again; one they said is not right is rejected.
GOAL_STATUS = {
    Agreement.AGREED: "accepted",
    Agreement.NOT_YET_AGREED: "proposed",
    Agreement.CHANGED: "proposed",
    Agreement.DISAGREED: "rejected",
}
# Pictures beside the agreement sentence in easy read.
AGREEMENT_SYMBOLS = {
    Agreement.AGREED: "yes",
    Agreement.NOT_YET_AGREED: "question",
    Agreement.CHANGED: "change",
    Agreement.DISAGREED: "no",
}


@dataclass(frozen=True)
class PlanExport:
    """What an export needs: the person, their plan (None before the first entry) and
    its entries with the users their provenance names."""

    person: Person
    plan: SupportPlan | None
    entries: Sequence[PlanEntry]


# --- PDF ----------------------------------------------------------------------------------


def plan_pdf(export: PlanExport, *, easy_read: bool = False) -> bytes:
    """Return the plan as tagged PDF bytes, in easy read when asked."""
    symbols = {*SECTION_SYMBOLS.values(), *AGREEMENT_SYMBOLS.values(), "plan"}
    context = {
        "person": export.person,
        "plan": export.plan,
        "sections": list(PlanSection),
        "questions": SECTION_QUESTIONS,
        "section_symbols": SECTION_SYMBOLS,
        "agreement_symbols": AGREEMENT_SYMBOLS,
        "entries": by_section(export.entries),
        "time_range": time_range,
        "pictures": {name: symbol_data_url(name) for name in symbols},
        "lang": translation.get_language() or "en-gb",
        "printed_on": timezone.localdate(),
    }
    template = "plans/print/plan_easy_read.jinja" if easy_read else "plans/print/plan.jinja"
    return render_tagged_pdf(template, context)


# --- FHIR ---------------------------------------------------------------------------------


def _agreement_extension(entry: PlanEntry) -> dict[str, Any]:
    return {
        "url": AGREEMENT_EXTENSION,
        "valueCoding": {
            "system": AGREEMENT_SYSTEM,
            "code": entry.agreement,
            "display": str(entry.get_agreement_display()),
        },
    }


def _entry_identifier(entry: PlanEntry) -> list[dict[str, Any]]:
    return [{"system": PLAN_ENTRY_ID_SYSTEM, "value": f"{entry.pk}/v{entry.version}"}]


def _provenance_words(entry: PlanEntry, person: Person) -> str:
    badge = entry.voice_badge_parts(person.preferred_name)
    if badge is None:
        given = f"Written by staff without {person.preferred_name}"
    else:
        given = f"{badge.summary}, {badge.recorded}"
    agreement = str(entry.get_agreement_display())
    words = f"{entry.get_section_display()}: {entry.text} ({given}. {agreement}.)"
    if entry.person_comment:
        words += f" What {person.preferred_name} said: {entry.person_comment}"
    return words


def _note(entry: PlanEntry, person: Person, patient_url: str) -> dict[str, Any]:
    note: dict[str, Any] = {
        "text": _provenance_words(entry, person),
        "time": instant(entry.updated_at),
    }
    if entry.in_own_words:
        note["authorReference"] = {"reference": patient_url, "display": person.preferred_name}
    elif entry.voice_recorded_by is not None:
        note["authorString"] = entry.voice_recorded_by.get_short_name()
    return note


def _goal(entry: PlanEntry, person: Person, patient_url: str) -> dict[str, Any]:
    goal: dict[str, Any] = {
        "resourceType": "Goal",
        "identifier": _entry_identifier(entry),
        "lifecycleStatus": GOAL_STATUS[Agreement(entry.agreement)],
        "description": {"text": entry.text},
        "subject": {"reference": patient_url, "display": person.preferred_name},
        "statusDate": entry.updated_at.date().isoformat(),
        "extension": [*voice_extension(entry), _agreement_extension(entry)],
    }
    if entry.in_own_words:
        goal["expressedBy"] = {"reference": patient_url, "display": person.preferred_name}
    if entry.how_i_will_know:
        goal["target"] = [{"measure": {"text": entry.how_i_will_know}}]
    return goal


def _care_team(person: Person, patient_url: str, who: Sequence[PlanEntry]) -> dict[str, Any]:
    participants: list[dict[str, Any]] = [
        {
            "role": [
                {
                    "coding": [{"system": PARTICIPANT_ROLE_SYSTEM, "code": "person"}],
                    "text": "The person the plan is about",
                }
            ],
            "member": {"reference": patient_url, "display": person.preferred_name},
        }
    ]
    for entry in who:
        participants.append(
            {
                "role": [
                    {
                        "coding": [{"system": PARTICIPANT_ROLE_SYSTEM, "code": "chosen"}],
                        "text": f"Chosen by {person.preferred_name} in the plan",
                    }
                ],
                # The plan names people in the person's words, not as records.
                "member": {"display": entry.text[:200]},
            }
        )
    return {
        "resourceType": "CareTeam",
        "status": "active",
        "name": f"{person.preferred_name}'s support",
        "subject": {"reference": patient_url, "display": person.preferred_name},
        "participant": participants,
    }


def _activity(entry: PlanEntry, goal_url: str) -> dict[str, Any]:
    return {
        "detail": {
            "status": "in-progress" if entry.is_agreed else "not-started",
            "description": entry.text,
            "goal": [{"reference": goal_url}],
        }
    }


def _care_plan(
    export: PlanExport,
    patient_url: str,
    team_url: str,
    goal_urls: dict[int, str],
) -> dict[str, Any]:
    person, plan = export.person, export.plan
    status = CAREPLAN_STATUS[SupportPlan.Status(plan.status)] if plan is not None else "draft"
    care_plan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "status": status,
        "intent": "plan",
        "title": f"{person.preferred_name}'s support plan",
        "subject": {"reference": patient_url, "display": person.preferred_name},
        "careTeam": [{"reference": team_url}],
    }
    if plan is not None:
        care_plan["created"] = instant(plan.created_at)
        care_plan["period"] = {"end": plan.review_due_on.isoformat()}
        if plan.agreed_at is not None:
            care_plan["period"]["start"] = plan.agreed_at.date().isoformat()
            care_plan["description"] = (
                f"Agreed by {person.preferred_name}: {plan.get_agreed_how_display()}."
            )
    what = [e for e in export.entries if e.section == PlanSection.WHAT]
    if what:
        care_plan["goal"] = [{"reference": goal_urls[e.pk]} for e in what]
        care_plan["activity"] = [_activity(e, goal_urls[e.pk]) for e in what]
    if export.entries:
        care_plan["note"] = [_note(e, person, patient_url) for e in export.entries]
    return care_plan


def plan_bundle(export: PlanExport) -> Bundle:
    """Return the plan as a validated FHIR R4B Bundle of type collection."""
    person = export.person
    patient_url, plan_url, team_url = uuid_url(), uuid_url(), uuid_url()
    entries = list(export.entries)
    what = [e for e in entries if e.section == PlanSection.WHAT]
    who = [e for e in entries if e.section == PlanSection.WHO]
    goal_urls = {e.pk: uuid_url() for e in what}
    resources: list[dict[str, Any]] = [
        {"fullUrl": patient_url, "resource": patient_resource(profile_for(person))},
        {
            "fullUrl": plan_url,
            "resource": _care_plan(export, patient_url, team_url, goal_urls),
        },
        *({"fullUrl": goal_urls[e.pk], "resource": _goal(e, person, patient_url)} for e in what),
        {"fullUrl": team_url, "resource": _care_team(person, patient_url, who)},
    ]
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "timestamp": instant(timezone.now()),
            "entry": resources,
        }
    )


def plan_json(export: PlanExport) -> str:
    return plan_bundle(export).model_dump_json(exclude_none=True)
