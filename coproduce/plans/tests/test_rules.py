"""Who may see and change a support plan, checked through the access functions."""

from __future__ import annotations

import pytest

from coproduce.accounts.viewer import viewer_for
from coproduce.core.access import NotFound
from coproduce.plans.access import access_plan, access_plan_entry
from coproduce.plans.tests.factories import add_entry

pytestmark = pytest.mark.django_db

SEES_THE_PLAN = {"person", "supporter", "worker", "manager", "quality_lead", "senior_leader"} | {
    "org_admin"
}
ADDS_ENTRIES = {"person", "worker", "manager"}
ANSWERS = {"person", "supporter", "worker", "manager"}
EVERYONE = [
    "person",
    "supporter",
    "worker",
    "other_worker",
    "manager",
    "quality_checker",
    "quality_lead",
    "senior_leader",
    "commissioner",
    "org_admin",
    "outsider",
]


def _may(personas, name: str, action: str, *, entry=None) -> bool:  # type: ignore[no-untyped-def]
    user = personas.user(name)
    organisation = personas.other_organisation if name == "outsider" else personas.organisation
    viewer = viewer_for(user, organisation)
    try:
        if entry is not None:
            access_plan_entry(viewer, entry.pk, action)
        else:
            access_plan(viewer, personas.kyle.pk, action)
    except NotFound:
        return False
    return True


@pytest.mark.parametrize(
    ("action", "allowed"),
    [
        ("view", SEES_THE_PLAN),
        ("add_entry", ADDS_ENTRIES),
        ("edit_entry", ADDS_ENTRIES),
        ("respond", ANSWERS),
        ("agree", ANSWERS),
    ],
)
def test_plan_rules_for_every_persona(personas, action, allowed) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    for name in EVERYONE:
        expected = name in allowed
        assert _may(personas, name, action) is expected, f"{name} {action} plan"
        assert _may(personas, name, action, entry=entry) is expected, f"{name} {action} entry"


def test_supporter_without_the_plan_scope_cannot_see_the_plan(personas) -> None:  # type: ignore[no-untyped-def]
    link = personas.kyle.supporters.get()
    link.scopes = ["profile"]
    link.save(update_fields=["scopes"])
    entry = add_entry(personas.worker, personas.kyle)
    assert _may(personas, "supporter", "view") is False
    assert _may(personas, "supporter", "view", entry=entry) is False
    assert _may(personas, "supporter", "respond", entry=entry) is False


def test_an_entry_id_from_another_organisation_is_not_found(personas) -> None:  # type: ignore[no-untyped-def]
    theirs = add_entry(personas.outsider, personas.outsider_person, text="Their plan")
    viewer = viewer_for(personas.org_admin, personas.organisation)
    with pytest.raises(NotFound):
        access_plan_entry(viewer, theirs.pk, "view")
    with pytest.raises(NotFound):
        access_plan(viewer, personas.outsider_person.pk, "view")


def test_reading_the_plan_is_audited(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.core.models import AuditEntry

    add_entry(personas.worker, personas.kyle)
    access_plan(viewer_for(personas.quality_lead, personas.organisation), personas.kyle.pk)
    audit = AuditEntry.objects.filter(actor=personas.quality_lead, action="read").first()
    assert audit is not None
    assert "support plan" in audit.summary
