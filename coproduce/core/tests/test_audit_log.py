"""The audit log: who sees it, how it is searched, and that it cannot be rewritten."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts import actions as account_actions
from coproduce.accounts.models import Role
from coproduce.accounts.viewer import viewer_for
from coproduce.core.audit import audit_record
from coproduce.core.models import AuditAppendOnlyError, AuditEntry
from coproduce.people.access import access_person

URL = "core:audit_log"


def text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.content.decode())


def entry(organisation, actor, summary, action=AuditEntry.Action.UPDATE, at=None):  # type: ignore[no-untyped-def]
    """Write one entry, backdated when ``at`` is given (only creation is ever allowed)."""
    return AuditEntry.objects.create(
        organisation=organisation,
        actor=actor,
        action=action,
        object_type="test.thing",
        object_id="1",
        summary=summary,
        at=at or timezone.now(),
    )


def date_params(prefix: str, day: dt.date) -> dict[str, str]:
    """The three boxes of a GOV.UK date input, named as the page names them."""
    return {
        f"{prefix}-0": str(day.day),
        f"{prefix}-1": str(day.month),
        f"{prefix}-2": str(day.year),
    }


@pytest.fixture
def two_logs(personas):  # type: ignore[no-untyped-def]
    entry(personas.organisation, personas.org_admin, "Riverside admin changed a thing")
    entry(personas.organisation, personas.manager, "Riverside manager read a thing", "read")
    entry(personas.other_organisation, personas.outsider, "Hillside admin changed a thing")
    return personas


# Who sees what


def test_org_admin_sees_only_their_organisations_entries(two_logs, client_for) -> None:
    page = text(client_for(two_logs.org_admin).get(reverse(URL)))
    assert "Riverside admin changed a thing" in page
    assert "Riverside manager read a thing" in page
    assert "Hillside admin changed a thing" not in page


def test_admin_of_another_organisation_sees_only_their_own_entries(two_logs, client_for) -> None:
    page = text(client_for(two_logs.outsider).get(reverse(URL)))
    assert "Hillside admin changed a thing" in page
    assert "Riverside" not in page.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(
    "persona",
    ["person", "supporter", "worker", "manager", "quality_lead", "senior_leader", "commissioner"],
)
def test_other_roles_get_not_found(two_logs, client_for, persona) -> None:
    assert client_for(two_logs.user(persona)).get(reverse(URL)).status_code == 404


def test_signed_out_visitor_is_sent_to_sign_in(two_logs, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse(URL))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# Searching


def test_filter_by_email_shows_only_that_persons_entries(two_logs, client_for) -> None:
    client = client_for(two_logs.org_admin)
    page = text(client.get(reverse(URL), {"actor_email": "MAYA@example.test"}))
    assert "Riverside manager read a thing" in page
    assert "Riverside admin changed a thing" not in page


def test_filter_by_email_of_another_organisations_admin_finds_nothing(two_logs, client_for) -> None:
    page = text(
        client_for(two_logs.org_admin).get(reverse(URL), {"actor_email": "olu@example.test"})
    )
    assert "No entries match your search." in page


def test_filter_by_action(two_logs, client_for) -> None:
    page = text(client_for(two_logs.org_admin).get(reverse(URL), {"action": "read"}))
    assert "Riverside manager read a thing" in page
    assert "Riverside admin changed a thing" not in page


def test_filter_by_date_range(personas, client_for) -> None:
    for day, summary in [(5, "January entry"), (10, "February entry"), (20, "March entry")]:
        month = {"January": 1, "February": 2, "March": 3}[summary.split()[0]]
        at = dt.datetime(2025, month, day, 12, tzinfo=dt.UTC)
        entry(personas.organisation, personas.org_admin, summary, at=at)
    params = {
        **date_params("date_from", dt.date(2025, 2, 1)),
        **date_params("date_to", dt.date(2025, 2, 28)),
    }
    page = text(client_for(personas.org_admin).get(reverse(URL), params))
    assert "February entry" in page
    assert "January entry" not in page
    assert "March entry" not in page


def test_filter_from_a_single_day_includes_that_whole_day(personas, client_for) -> None:
    entry(
        personas.organisation,
        personas.org_admin,
        "Late evening entry",
        at=dt.datetime(2025, 6, 1, 22, 30, tzinfo=dt.UTC),  # 11:30pm in London
    )
    day = date_params("date_from", dt.date(2025, 6, 1)) | date_params(
        "date_to", dt.date(2025, 6, 1)
    )
    page = text(client_for(personas.org_admin).get(reverse(URL), day))
    assert "Late evening entry" in page


def test_from_date_after_to_date_is_a_plain_error(personas, client_for) -> None:
    params = {
        **date_params("date_from", dt.date(2025, 3, 1)),
        **date_params("date_to", dt.date(2025, 2, 1)),
    }
    page = text(client_for(personas.org_admin).get(reverse(URL), params))
    assert "There is a problem" in page
    assert "The 'from' date must be on or before the 'to' date." in page


def test_an_impossible_date_is_a_plain_error(personas, client_for) -> None:
    params = {"date_from-0": "31", "date_from-1": "2", "date_from-2": "2027"}
    page = text(client_for(personas.org_admin).get(reverse(URL), params))
    assert "Enter a real date, for example 27 3 2007." in page


def test_log_is_paginated_newest_first(personas, client_for) -> None:
    start = timezone.now() - dt.timedelta(hours=1)
    for number in range(55):
        entry(
            personas.organisation,
            personas.org_admin,
            f"Entry number {number:02}",
            at=start + dt.timedelta(seconds=number),
        )
    client = client_for(personas.org_admin)
    first = text(client.get(reverse(URL)))
    assert "Page 1 of 2" in first
    assert "Entry number 54" in first
    assert "Entry number 04" not in first
    second = text(client.get(reverse(URL), {"page": 2}))
    assert "Entry number 04" in second
    assert "Entry number 54" not in second


def test_pagination_keeps_the_search(personas, client_for) -> None:
    for number in range(55):
        entry(personas.organisation, personas.org_admin, f"Read {number}", action="read")
    entry(personas.organisation, personas.org_admin, "A change", action="update")
    page = client_for(personas.org_admin).get(reverse(URL), {"action": "read"}).content.decode()
    assert "?action=read&amp;page=2" in page


def test_log_page_query_count_does_not_grow_with_entries(
    personas, client_for, django_assert_max_num_queries
) -> None:
    actors = [personas.org_admin, personas.manager, personas.worker, personas.quality_lead]
    for number in range(120):
        entry(personas.organisation, actors[number % len(actors)], f"Entry {number}")
    client = client_for(personas.org_admin)
    with django_assert_max_num_queries(10):
        response = client.get(reverse(URL))
    assert response.status_code == 200
    with django_assert_max_num_queries(10):
        client.get(reverse(URL), {"page": 2, "action": "update"})


# What leaves an entry


def test_a_write_leaves_an_entry(personas) -> None:
    membership = account_actions.membership_invite(
        actor=personas.org_admin,
        organisation=personas.organisation,
        email="new@example.test",
        name="New Person",
        role=Role.SUPPORT_WORKER,
    )
    written = AuditEntry.objects.get(
        object_type="accounts.membership", object_id=str(membership.pk)
    )
    assert written.action == AuditEntry.Action.CREATE
    assert written.actor == personas.org_admin
    assert written.organisation == personas.organisation


def test_a_read_of_personal_data_leaves_an_entry(personas) -> None:
    viewer = viewer_for(personas.worker, personas.organisation)
    access_person(viewer, personas.kyle.pk, "view")
    read = AuditEntry.objects.get(object_type="people.person", object_id=str(personas.kyle.pk))
    assert read.action == AuditEntry.Action.READ
    assert read.actor == personas.worker
    assert read.organisation == personas.organisation


def test_entries_show_on_the_log_page(personas, client_for) -> None:
    viewer = viewer_for(personas.worker, personas.organisation)
    access_person(viewer, personas.kyle.pk, "view")
    page = text(client_for(personas.org_admin).get(reverse(URL)))
    assert "wendy@example.test" in page
    assert "Opened Kyle's record (view)" in page


# Append-only


@pytest.fixture
def written(personas) -> AuditEntry:  # type: ignore[no-untyped-def]
    return audit_record(
        actor=personas.org_admin,
        organisation=personas.organisation,
        action=AuditEntry.Action.UPDATE,
        object_type="test.thing",
        object_id="7",
        summary="Original words",
    )


def test_an_entry_cannot_be_changed_through_the_orm(written) -> None:
    written.summary = "Rewritten"
    with pytest.raises(AuditAppendOnlyError):
        written.save()
    with pytest.raises(AuditAppendOnlyError):
        AuditEntry.objects.filter(pk=written.pk).update(summary="Rewritten")
    assert AuditEntry.objects.get(pk=written.pk).summary == "Original words"


def test_an_entry_cannot_be_deleted_through_the_orm(written) -> None:
    with pytest.raises(AuditAppendOnlyError):
        written.delete()
    with pytest.raises(AuditAppendOnlyError):
        AuditEntry.objects.filter(pk=written.pk).delete()
    with pytest.raises(AuditAppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(pk=written.pk).exists()


def test_the_database_refuses_a_raw_update(written) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditentry SET summary = %s WHERE id = %s", ["Rewritten", written.pk]
        )
    assert AuditEntry.objects.get(pk=written.pk).summary == "Original words"


def test_the_database_refuses_a_raw_delete(written) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [written.pk])
    assert AuditEntry.objects.filter(pk=written.pk).exists()
