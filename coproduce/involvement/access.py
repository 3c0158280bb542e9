"""Reach a person's involvement, one time record, one expense claim, one interest or one
payroll export: scoped to the viewer's organisation and checked against ``rules``, with
the same 404 for "missing" and "not yours". Every read of someone else's involvement
(their pay, benefits and receipts) is audited; a person reading their own is not.
"""

from __future__ import annotations

from dataclasses import dataclass

from coproduce.core.access import missing, refused
from coproduce.core.audit import audit_read
from coproduce.core.tenancy import Viewer
from coproduce.involvement.models import ExpenseClaim, Interest, PayrollExport, TimeRecord
from coproduce.involvement.queries import service_ids_of
from coproduce.involvement.rules import (
    approves_for,
    is_own,
    may_record_for,
    may_see,
    sets_money,
)
from coproduce.people.models import Person

ACTIONS = ("view", "record")


@dataclass(frozen=True)
class ReachedPerson:
    person: Person
    is_own: bool
    may_record: bool
    approves: bool


def _reach(viewer: Viewer, person: Person, action: str, obj: object) -> ReachedPerson:
    ids = service_ids_of(person)
    own = is_own(viewer, person)
    allowed = (
        may_record_for(viewer, person, ids) if action == "record" else may_see(viewer, person, ids)
    )
    if not allowed:
        raise refused(viewer, obj, f"{action} the involvement of")  # type: ignore[arg-type]
    return ReachedPerson(
        person=person,
        is_own=own,
        may_record=own or may_record_for(viewer, person, ids),
        approves=approves_for(viewer, person, ids),
    )


def access_involved_person(viewer: Viewer, person_id: int, action: str = "view") -> ReachedPerson:
    """The person whose involvement the viewer opens: to see it, or to record for them."""
    if action not in ACTIONS:
        raise ValueError(action)
    person = Person.objects.filter(organisation=viewer.organisation, pk=person_id).first()
    if person is None:
        raise missing(viewer, Person, person_id)
    reached = _reach(viewer, person, action, person)
    if not reached.is_own:
        audit_read(viewer, person, f"Opened the involvement of {person.preferred_name}")
    return reached


@dataclass(frozen=True)
class ReachedRecord:
    record: TimeRecord
    is_own: bool
    approves: bool


def access_time_record(viewer: Viewer, record_id: int) -> ReachedRecord:
    record = (
        TimeRecord.objects.filter(organisation=viewer.organisation, pk=record_id)
        .select_related("person", "activity", "recorded_by", "answered_by", "exported_in")
        .first()
    )
    if record is None:
        raise missing(viewer, TimeRecord, record_id)
    reached = _reach(viewer, record.person, "view", record)
    if not reached.is_own:
        audit_read(
            viewer, record, f"Opened time record {record.pk} of {record.person.preferred_name}"
        )
    return ReachedRecord(record=record, is_own=reached.is_own, approves=reached.approves)


@dataclass(frozen=True)
class ReachedClaim:
    claim: ExpenseClaim
    is_own: bool
    approves: bool


def access_expense_claim(viewer: Viewer, claim_id: int) -> ReachedClaim:
    claim = (
        ExpenseClaim.objects.filter(organisation=viewer.organisation, pk=claim_id)
        .select_related("person", "activity", "recorded_by", "answered_by", "exported_in")
        .first()
    )
    if claim is None:
        raise missing(viewer, ExpenseClaim, claim_id)
    reached = _reach(viewer, claim.person, "view", claim)
    if not reached.is_own:
        audit_read(
            viewer, claim, f"Opened expenses claim {claim.pk} of {claim.person.preferred_name}"
        )
    return ReachedClaim(claim=claim, is_own=reached.is_own, approves=reached.approves)


def access_interest(viewer: Viewer, interest_id: int) -> Interest:
    """An interest in a role, for the managers who answer it."""
    interest = (
        Interest.objects.filter(organisation=viewer.organisation, pk=interest_id)
        .select_related("person", "opportunity", "opportunity__role", "voice_recorded_by")
        .first()
    )
    if interest is None:
        raise missing(viewer, Interest, interest_id)
    if not approves_for(viewer, interest.person, service_ids_of(interest.person)):
        raise refused(viewer, interest, "answer the interest")
    audit_read(viewer, interest, f"Opened {interest.person.preferred_name}'s interest in a role")
    return interest


def access_payroll_export(viewer: Viewer, export_id: int) -> PayrollExport:
    export = PayrollExport.objects.filter(organisation=viewer.organisation, pk=export_id).first()
    if export is None:
        raise missing(viewer, PayrollExport, export_id)
    if not sets_money(viewer):
        raise refused(viewer, export, "open the payroll export")
    audit_read(viewer, export, f"Opened payroll export {export.number}")
    return export
