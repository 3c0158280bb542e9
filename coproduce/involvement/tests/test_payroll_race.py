"""Two payroll exports at the same moment pay each approved item once (PostgreSQL, where
the export locks the rows it takes)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from conftest import build_personas
from coproduce.accounts.viewer import viewer_for
from coproduce.involvement import actions
from coproduce.involvement.models import ExpenseClaim, PayrollExport, TimeRecord
from coproduce.involvement.tests.involvement_helpers import kyles_meeting_hours, kyles_travel


@pytest.mark.django_db(transaction=True)
def test_two_exports_at_once_pay_everything_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite runs one writer at a time")
    p = build_personas()
    maya = viewer_for(p.manager, p.organisation)
    claim = kyles_travel(p)
    for record in [TimeRecord.objects.get(), *[kyles_meeting_hours(p) for _ in range(5)]]:
        actions.time_approve(viewer=maya, record=record)
    actions.expense_approve(viewer=maya, claim=claim)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def export(user) -> None:  # type: ignore[no-untyped-def]
        try:
            start.wait()
            actions.payroll_export(viewer=viewer_for(user, p.organisation))
            outcomes.append("exported")
        except ValidationError:
            outcomes.append("nothing left")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=export, args=(u,)) for u in (p.org_admin, p.senior_leader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["exported", "nothing left"]
    export = PayrollExport.objects.get()
    assert export.time_count == 6 and export.expense_count == 1
    assert not TimeRecord.objects.filter(exported_in__isnull=True).exists()
    assert ExpenseClaim.objects.get().exported_in == export
    assert export.total_pence == 6 * 2400 + 640
