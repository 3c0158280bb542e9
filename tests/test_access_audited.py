"""Every access function audits the read it allows, the same way in every app.

The test finds every ``access_*`` function in the project's access modules and calls each
one as a member of staff who may use it; each call must leave one "read" entry naming the
object it returned (or the person the object is about). A new access function without a
line in ``CALLS`` fails the test, so none is forgotten.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest

import coproduce
from conftest import Personas
from coproduce.core.models import AuditEntry
from coproduce.plans.tests.factories import viewer_of

pytestmark = pytest.mark.django_db

# Functions named access_* that read no personal data (they check a word from a URL).
NOT_READS = {"access_profile_section"}


def _survey(p: Personas) -> int:
    from coproduce.voice.tests.voice_helpers import quick_vote

    return quick_vote(p).pk


def _idea(p: Personas) -> int:
    from coproduce.voice.tests.voice_helpers import kyles_idea

    return kyles_idea(p).pk


def _checkin(p: Personas) -> int:
    from coproduce.plans.checkins.tests.checkin_helpers import kyle_checks_in

    return kyle_checks_in(p).pk


def _one_to_one_action(p: Personas) -> int:
    from coproduce.plans.checkins import actions as actions_checkins
    from coproduce.plans.checkins.tests.checkin_helpers import kyle_one_to_one

    meeting = kyle_one_to_one(p)
    return actions_checkins.one_to_one_action_add(
        viewer=viewer_of(p.worker, p.kyle), meeting=meeting, what="Ring the college", owner="Wendy"
    ).pk


def _entry(p: Personas) -> int:
    from coproduce.plans.tests.factories import kyle_entry_kwargs

    return kyle_entry_kwargs(p)["entry_id"]


def _decision(p: Personas) -> int:
    from coproduce.decisions.tests.factories import record_decision

    return record_decision(p.worker, person=p.kyle).pk


def _staff_profile(p: Personas) -> int:
    from coproduce.people.staff.tests.staff_helpers import profile_of

    return profile_of(p).pk


def _film(p: Personas) -> int:
    from coproduce.people.staff.tests.staff_helpers import current_film_of

    return current_film_of(p).pk


def _request(p: Personas) -> int:
    from coproduce.matching.tests.team_helpers import kyle_change_request

    return kyle_change_request(p).pk


def _flag(p: Personas) -> int:
    from coproduce.plans.checkins.tests.checkin_helpers import kyle_flag

    return kyle_flag(p).pk


def _invitation(p: Personas) -> int:
    from test_url_policy import _mary_invited_by_ruth

    return _mary_invited_by_ruth(p).pk


def _one_to_one(p: Personas) -> int:
    from coproduce.plans.checkins.tests.checkin_helpers import kyle_one_to_one

    return kyle_one_to_one(p).pk


def _concern(p: Personas) -> int:
    from coproduce.feedback.tests.feedback_helpers import kyles_complaint

    return kyles_complaint(p).pk


def _time_record(p: Personas) -> int:
    from coproduce.involvement.tests.involvement_helpers import kyles_meeting_hours

    return kyles_meeting_hours(p).pk


def _expense_claim(p: Personas) -> int:
    from coproduce.involvement.tests.involvement_helpers import kyles_travel

    return kyles_travel(p).pk


def _interest(p: Personas) -> int:
    from coproduce.involvement.tests.involvement_helpers import kyles_interest

    return kyles_interest(p).pk


def _payroll_export(p: Personas) -> int:
    from coproduce.involvement.tests.involvement_helpers import export_kwargs

    return export_kwargs(p)["export_id"]


def _draft_document(p: Personas) -> int:
    from coproduce.codesign.tests.document_helpers import draft

    return draft(p).pk


# For each access function: who asks, and the arguments after the viewer.
CALLS: dict[str, tuple[str, Callable[[Personas], tuple[Any, ...]]]] = {
    "access_person": ("manager", lambda p: (p.kyle.pk, "view")),
    "access_person_supporters": ("manager", lambda p: (p.kyle.pk, "view")),
    "access_supporter_invitation": ("supporter", lambda p: (_invitation(p),)),
    "access_supporter_link": (
        "manager",
        lambda p: (p.kyle.pk, p.kyle.supporters.get().pk, "change"),
    ),
    "access_staff_profile": ("manager", lambda p: (_staff_profile(p), "view")),
    "access_film": ("manager", lambda p: (_film(p),)),
    "access_plan": ("manager", lambda p: (p.kyle.pk, "view")),
    "access_plan_entry": ("manager", lambda p: (_entry(p), "view")),
    "access_person_checkins": ("manager", lambda p: (p.kyle.pk, "view")),
    "access_checkin": ("manager", lambda p: (_checkin(p), "view")),
    "access_person_one_to_ones": ("manager", lambda p: (p.kyle.pk, "view")),
    "access_one_to_one": ("manager", lambda p: (_one_to_one(p), "view")),
    "access_one_to_one_action": ("manager", lambda p: (_one_to_one_action(p), "edit")),
    "access_person_flags": ("manager", lambda p: (p.kyle.pk, "add")),
    "access_flag": ("manager", lambda p: (_flag(p), "view")),
    "access_team_person": ("manager", lambda p: (p.kyle.pk, "view")),
    "access_change_request": ("manager", lambda p: (_request(p), "view")),
    "access_decision": ("manager", lambda p: (_decision(p), "view")),
    "access_service_decisions": ("manager", lambda p: (p.house.pk, "view")),
    "access_service": ("org_admin", lambda p: (p.house.pk, "view")),
    "access_membership": ("org_admin", lambda p: (p.worker.memberships.get().pk, "view")),
    "access_survey": ("manager", lambda p: (_survey(p), "results")),
    "access_idea": ("manager", lambda p: (_idea(p), "view")),
    "access_concern": ("manager", lambda p: (_concern(p),)),
    "access_document": ("manager", lambda p: (_draft_document(p), "edit")),
    "access_involved_person": ("manager", lambda p: (p.kyle.pk, "view")),
    "access_time_record": ("manager", lambda p: (_time_record(p),)),
    "access_expense_claim": ("manager", lambda p: (_expense_claim(p),)),
    "access_interest": ("manager", lambda p: (_interest(p),)),
    "access_payroll_export": ("org_admin", lambda p: (_payroll_export(p),)),
}


def _access_functions() -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    for module_info in pkgutil.walk_packages(coproduce.__path__, "coproduce."):
        leaf = module_info.name.rsplit(".", 1)[-1]
        if ".tests" in module_info.name or not leaf.startswith("access"):
            continue
        module = importlib.import_module(module_info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("access_") and function.__module__ == module.__name__:
                found[name] = function
    return found


FUNCTIONS = _access_functions()


def test_every_access_function_has_a_call() -> None:
    assert set(FUNCTIONS) - NOT_READS - set(CALLS) == set()
    assert set(CALLS) - set(FUNCTIONS) == set()


@pytest.mark.parametrize("name", sorted(CALLS))
def test_access_function_audits_the_read(personas: Personas, name: str) -> None:
    persona, arguments = CALLS[name]
    args = arguments(personas)
    user = personas.user(persona)
    before = AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.READ).count()

    FUNCTIONS[name](viewer_of(user, personas.kyle), *args)

    after = AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.READ)
    assert after.count() == before + 1, f"{name} left {after.count() - before} read entries"
    assert after.latest("pk").organisation == personas.organisation
