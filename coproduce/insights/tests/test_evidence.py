"""The commissioner's anonymised figures: real counts, small numbers hidden, no names."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from coproduce.accounts.tests.factories import MembershipFactory, ServiceFactory, UserFactory
from coproduce.decisions.tests.factories import record_decision
from coproduce.insights.rules import shown_count
from coproduce.matching.tests.team_helpers import kyle_change_request
from coproduce.plans.checkins.tests.checkin_helpers import kyle_checks_in

pytestmark = pytest.mark.django_db


def test_a_count_below_five_is_never_shown() -> None:
    assert [shown_count(n) for n in (0, 1, 4, 5, 12)] == [None, None, None, 5, 12]


def _csv(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_the_commissioner_sees_counts_per_service_with_small_numbers_hidden(
    personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    for _ in range(6):
        record_decision(personas.worker, person=personas.kyle)
    kyle_change_request(personas)
    kyle_checks_in(personas, mood="happy")

    page = client_for(personas.commissioner).get(reverse("insights:evidence"))

    html = page.content.decode()
    assert page.status_code == 200
    assert personas.house.name in html
    assert "fewer than 5" in html
    assert "Kyle" not in html and "Wendy" not in html
    rows = _csv(client_for(personas.commissioner).get(reverse("insights:evidence_csv")))
    header, *body = rows
    house = next(row for row in body if row[0] == personas.house.name)
    counted = dict(zip(header, house, strict=True))
    assert sum(int(v) for k, v in counted.items() if v.isdigit()) >= 6
    assert counted["Asked to change a worker"] == "fewer than 5"
    assert counted["Happy"] == "fewer than 5"


def test_a_service_name_cannot_run_as_a_formula(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    ServiceFactory(organisation=personas.organisation, name='=HYPERLINK("http://x")')

    rows = _csv(client_for(personas.commissioner).get(reverse("insights:evidence_csv")))

    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in names
    assert not any(name.startswith("=") for name in names)


def test_a_commissioner_sees_only_their_own_organisations_services(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    elsewhere = UserFactory(name="Cal Elsewhere", email="cal@example.test")
    MembershipFactory(user=elsewhere, organisation=personas.other_organisation, role="commissioner")

    html = client_for(elsewhere).get(reverse("insights:evidence")).content.decode()

    assert personas.other_service.name in html
    assert personas.house.name not in html


def test_the_figures_page_costs_the_same_with_more_services(
    personas, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.commissioner)
    client.get(reverse("insights:evidence"))
    for n in range(20):
        ServiceFactory(organisation=personas.organisation, name=f"House {n:02d}")

    with django_assert_max_num_queries(14):
        assert client.get(reverse("insights:evidence")).status_code == 200


def test_the_download_is_audited(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    from coproduce.core.models import AuditEntry

    client_for(personas.commissioner).get(reverse("insights:evidence_csv"))

    assert AuditEntry.objects.filter(
        actor=personas.commissioner, action=AuditEntry.Action.EXPORT
    ).exists()
