"""Reach check-ins, one-to-ones and flags: scoped, checked against the rules, audited."""

from __future__ import annotations

from coproduce.core.access import missing, not_found, refused
from coproduce.core.audit import audit_read
from coproduce.core.tenancy import Viewer
from coproduce.people.access import person_in_organisation
from coproduce.people.models import Person
from coproduce.plans.checkins.rules import (
    checkin_rules,
    flag_rules,
    may_read_flag,
    one_to_one_rules,
)
from coproduce.plans.models.checkins import CheckIn, NotWorkingFlag, OneToOne, OneToOneAction


def access_person_checkins(viewer: Viewer, person_id: int, action: str = "view") -> Person:
    """Return the person if the viewer may ``action`` their check-ins; otherwise 404."""
    person = person_in_organisation(viewer, person_id)
    if not checkin_rules.test_rule(action, viewer, person):
        raise refused(viewer, person, f"{action} the check-ins of")
    audit_read(viewer, person, f"Opened {person.preferred_name}'s check-ins ({action})")
    return person


def access_checkin(viewer: Viewer, check_in_id: int, action: str = "view") -> CheckIn:
    if viewer.organisation is None:
        raise not_found()
    check_in = (
        CheckIn.objects.filter(organisation=viewer.organisation, pk=check_in_id)
        .select_related("person")
        .prefetch_related("person__services")
        .first()
    )
    if check_in is None:
        raise missing(viewer, CheckIn, check_in_id)
    if not checkin_rules.test_rule(action, viewer, check_in.person):
        raise refused(viewer, check_in, action)
    audit_read(
        viewer, check_in, f"Opened a check-in of {check_in.person.preferred_name} ({action})"
    )
    return check_in


def access_person_one_to_ones(viewer: Viewer, person_id: int, action: str = "view") -> Person:
    """Return the person if the viewer may ``action`` their one-to-ones; otherwise 404."""
    person = person_in_organisation(viewer, person_id)
    if not one_to_one_rules.test_rule(action, viewer, person):
        raise refused(viewer, person, f"{action} the one-to-ones of")
    audit_read(viewer, person, f"Opened {person.preferred_name}'s one-to-ones ({action})")
    return person


def access_one_to_one(viewer: Viewer, one_to_one_id: int, action: str = "view") -> OneToOne:
    if viewer.organisation is None:
        raise not_found()
    meeting = (
        OneToOne.objects.filter(organisation=viewer.organisation, pk=one_to_one_id)
        .select_related(
            "person",
            "person__user",
            "person__organisation",
            "keyworker",
            "voice_helper",
            "voice_recorded_by",
        )
        .prefetch_related("person__services")
        .first()
    )
    if meeting is None:
        raise missing(viewer, OneToOne, one_to_one_id)
    if not one_to_one_rules.test_rule(action, viewer, meeting.person):
        raise refused(viewer, meeting, action)
    audit_read(
        viewer, meeting, f"Opened a one-to-one of {meeting.person.preferred_name} ({action})"
    )
    return meeting


def access_one_to_one_action(
    viewer: Viewer, action_id: int, action: str = "edit"
) -> OneToOneAction:
    if viewer.organisation is None:
        raise not_found()
    item = (
        OneToOneAction.objects.filter(one_to_one__organisation=viewer.organisation, pk=action_id)
        .select_related("one_to_one", "one_to_one__person")
        .prefetch_related("one_to_one__person__services")
        .first()
    )
    if item is None:
        raise missing(viewer, OneToOneAction, action_id)
    if not one_to_one_rules.test_rule(action, viewer, item.one_to_one.person):
        raise refused(viewer, item, action)
    audit_read(
        viewer,
        item,
        f"Opened an action of a one-to-one of {item.one_to_one.person.preferred_name} ({action})",
    )
    return item


def access_person_flags(viewer: Viewer, person_id: int, action: str = "add") -> Person:
    person = person_in_organisation(viewer, person_id)
    if not flag_rules.test_rule(action, viewer, person):
        raise refused(viewer, person, f"{action} a flag about")
    audit_read(
        viewer, person, f'Opened "this is not working" for {person.preferred_name} ({action})'
    )
    return person


def access_flag(viewer: Viewer, flag_id: int, action: str = "view") -> NotWorkingFlag:
    if viewer.organisation is None:
        raise not_found()
    flag = (
        NotWorkingFlag.objects.filter(organisation=viewer.organisation, pk=flag_id)
        .select_related(
            "person",
            "person__user",
            "person__organisation",
            "answered_by",
            "created_by",
            "check_in",
            "one_to_one",
            "plan_entry",
        )
        .prefetch_related("person__services")
        .first()
    )
    if flag is None:
        raise missing(viewer, NotWorkingFlag, flag_id)
    if not flag_rules.test_rule(action, viewer, flag.person):
        raise refused(viewer, flag, action)
    if not may_read_flag(viewer, flag):
        raise refused(viewer, flag, action)
    audit_read(viewer, flag, f'Opened {flag.person.preferred_name}\'s "this is not working"')
    return flag
