"""Figures for comments, complaints and compliments, and the summary of complaints for
CQC: the numbers on real dates, who sees which services, the period chosen, the
downloads, and never who raised anything."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import signed_in_client
from coproduce.accounts.tests.factories import ServiceFactory
from coproduce.accounts.viewer import viewer_for
from coproduce.core.models import AuditEntry
from coproduce.feedback.actions import concern_acknowledge, concern_raise, concern_respond
from coproduce.feedback.changes import change_move, change_start
from coproduce.feedback.figures import (
    Period,
    Scope,
    cqc_summary,
    figures_for,
    figures_scope,
    last_twelve_months,
)
from coproduce.feedback.models import About, Concern, ConcernKind, RaisedBy, SourceKind
from coproduce.feedback.sources import source_of

from .feedback_helpers import kyles_complaint

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 3)  # a Thursday
NOVEMBER = Period(dt.date(2026, 11, 1), TODAY)


def _at(day: dt.date, hour: int = 11) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _maya(p: Any) -> Any:
    return viewer_for(p.manager, p.organisation)


def _acknowledged(p: Any, concern: Concern, on: dt.date, themes: list[str]) -> Concern:
    concern = concern_acknowledge(viewer=_maya(p), concern=concern, themes=themes)
    Concern.objects.filter(pk=concern.pk).update(acknowledged_at=_at(on))
    return Concern.objects.get(pk=concern.pk)


def _answered(p: Any, concern: Concern, on: dt.date, upheld: str) -> Concern:
    concern = concern_respond(
        viewer=_maya(p),
        concern=concern,
        response="We looked at the rota and spoke to the team.",
        response_easy_read="We looked into it.",
        upheld=upheld,
    )
    Concern.objects.filter(pk=concern.pk).update(responded_at=_at(on))
    return Concern.objects.get(pk=concern.pk)


def november_at_willow(p: Any) -> dict[str, Concern]:
    """Three complaints at Willow House in November 2026, a comment and a compliment, and
    one complaint about North Home Care long before."""
    on_time = kyles_complaint(p, today=dt.date(2026, 11, 6))  # Friday
    # Acknowledged on Wednesday 11th (3 working days), answered 14 days after.
    _acknowledged(p, on_time, dt.date(2026, 11, 11), ["visit_times"])
    _answered(p, on_time, dt.date(2026, 11, 20), "upheld")
    late = kyles_complaint(
        p, today=dt.date(2026, 11, 9), what_happened="Nobody came on Sunday morning."
    )
    # Due Thursday 12th, acknowledged Monday 16th (5 working days); its agreed answer date
    # has passed without an answer.
    _acknowledged(p, late, dt.date(2026, 11, 16), ["staffing", "visit_times"])
    Concern.objects.filter(pk=late.pk).update(respond_by=dt.date(2026, 11, 30))
    # Received on Monday 30th: due to be acknowledged today, so not yet counted either way.
    waiting = kyles_complaint(p, today=dt.date(2026, 11, 30), what_happened="Loud music.")
    comment = concern_raise(
        viewer=viewer_for(p.person, p.organisation),
        kind=ConcernKind.COMMENT,
        service=p.house,
        person=p.kyle,
        what_happened="Can we have curry on Fridays?",
        today=dt.date(2026, 11, 12),
    )
    _acknowledged(p, comment, dt.date(2026, 11, 13), ["food"])
    concern_raise(
        viewer=viewer_for(p.supporter, p.organisation),
        kind=ConcernKind.COMPLIMENT,
        service=p.house,
        raiser=RaisedBy.ANONYMOUS,
        what_happened="Wendy is wonderful.",
        today=dt.date(2026, 11, 20),
    )
    elsewhere = kyles_complaint(
        p, service=p.home_care, today=dt.date(2025, 1, 6), what_happened="Late again."
    )
    return {"on_time": on_time, "late": late, "waiting": waiting, "elsewhere": elsewhere}


def test_the_numbers_count_the_clocks_on_real_working_days(personas) -> None:  # type: ignore[no-untyped-def]
    november_at_willow(personas)
    found = figures_for(Scope(personas.organisation.pk, None), NOVEMBER, TODAY)
    c = found.counts
    assert (c.complaints, c.comments, c.compliments) == (3, 1, 1)
    # Two were due by today; the one received on Monday is not due until today.
    assert (c.acknowledged_in_time, c.acknowledge_due) == (1, 2)
    assert found.to_acknowledge.average == 4.0 and found.to_acknowledge.count == 2
    assert (c.answered_in_time, c.answer_due, c.answered) == (1, 2, 1)
    assert found.to_answer.average == 14.0
    assert (c.upheld, c.partly, c.not_upheld) == (1, 0, 0)
    assert (c.open, c.overdue) == (2, 1)
    themes = {row.theme: (row.complaints, row.comments, row.compliments) for row in found.themes}
    assert themes["visit_times"] == (2, 0, 0) and themes["staffing"] == (1, 0, 0)
    assert themes["food"] == (0, 1, 0) and themes["money"] == (0, 0, 0)
    assert found.without_theme["complaint"] == 1 and found.without_theme["compliment"] == 1
    # The complaint about North Home Care was long before the period.
    everything = figures_for(
        Scope(personas.organisation.pk, None), last_twelve_months(TODAY), TODAY
    )
    assert everything.counts.complaints == 3
    longer = Period(dt.date(2024, 12, 4), TODAY)
    assert figures_for(Scope(personas.organisation.pk, None), longer, TODAY).counts.complaints == 4


def test_a_change_made_from_a_complaint_is_counted_with_the_days_to_make_it(personas) -> None:  # type: ignore[no-untyped-def]
    made = november_at_willow(personas)
    maya = _maya(personas)
    source = source_of(personas.organisation.pk, SourceKind.CONCERN, made["on_time"].pk)
    assert source is not None
    change = change_start(
        viewer=maya,
        you_said="Evening visits were late.",
        we_will="Evening visits start at the time in the plan",
        service=personas.house,
        sources=[source],
    )
    scope = Scope(personas.organisation.pk, None)
    assert figures_for(scope, NOVEMBER, TODAY).counts.led_to_change == 0  # planned only
    change = change_move(viewer=maya, change=change, status="made", note="Done.")
    type(change).objects.filter(pk=change.pk).update(made_at=_at(dt.date(2026, 11, 26)))
    found = figures_for(scope, NOVEMBER, TODAY)
    # One of the four comments and complaints led to a change that was made.
    assert (found.counts.led_to_change, found.counts.comments_and_complaints) == (1, 4)
    assert found.changes_made == 1 and found.to_change.average == 20.0  # 6th to 26th


def test_a_manager_sees_the_services_they_manage_and_leaders_the_organisation(personas) -> None:  # type: ignore[no-untyped-def]
    made = november_at_willow(personas)
    kyles_complaint(personas, service=personas.home_care, what_happened="Late again.")
    maya = figures_scope(viewer_for(personas.manager, personas.organisation))
    assert maya.service_ids == frozenset({personas.house.pk})
    lee = figures_scope(viewer_for(personas.quality_lead, personas.organisation))
    sana = figures_scope(viewer_for(personas.senior_leader, personas.organisation))
    assert lee.whole_organisation and sana.whole_organisation
    period = last_twelve_months(timezone.localdate())
    today = timezone.localdate()
    assert figures_for(maya, period, today).counts.complaints == 3
    assert figures_for(lee, period, today).counts.complaints == 4
    page = signed_in_client(personas.manager).get(reverse("feedback:figures")).content.decode()
    assert "The services you manage" in page and "Willow House" in page
    assert "North Home Care" not in page
    page = signed_in_client(personas.quality_lead).get(reverse("feedback:figures")).content
    assert "North Home Care" in page.decode() and "Across the organisation" in page.decode()
    # Nobody who raised anything is named, and nothing anyone wrote is shown.
    for text in (personas.person.name, "Kyle", made["late"].what_happened, "Wendy"):
        assert text not in page.decode()


def test_others_are_refused_the_figures_and_the_summary(personas) -> None:  # type: ignore[no-untyped-def]
    november_at_willow(personas)
    for name in ("feedback:figures", "feedback:cqc", "feedback:cqc_pdf", "feedback:cqc_csv"):
        for user in (personas.worker, personas.person, personas.commissioner, personas.outsider):
            assert signed_in_client(user).get(reverse(name)).status_code == 404, (name, user)


def test_the_period_is_checked_in_plain_words(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.quality_lead)
    url = reverse("feedback:figures")

    def problems(start: dt.date | None, end: dt.date | None, **extra: str) -> str:
        data: dict[str, str] = dict(extra)
        for name, day in (("start", start), ("end", end)):
            if day is not None:
                data.update(
                    {
                        f"{name}-0": str(day.day),
                        f"{name}-1": str(day.month),
                        f"{name}-2": str(day.year),
                    }
                )
        response = client.get(url, data)
        assert response.status_code == 200
        return response.content.decode()

    today = timezone.localdate()
    page = problems(today, today - dt.timedelta(days=1))
    assert "The last day must be the same as or after the first day" in page
    assert "There is a problem" in page and "By service" not in page
    page = problems(today - dt.timedelta(days=3), today + dt.timedelta(days=1))
    assert "Enter today or a date in the past" in page
    page = problems(today - dt.timedelta(days=365 * 3 + 1), today)
    assert "The period can be up to 3 years long. Choose a shorter one." in page
    page = problems(today, None)
    assert "Enter the last day of the period" in page
    page = problems(None, None, **{"start-0": "31", "start-1": "2", "start-2": "2026"})
    assert "Enter a real date" in page
    page = problems(None, None, **{"start-0": "x", "end-2": "20261"})
    assert "There is a problem" in page
    # Three years to the day is allowed.
    from coproduce.core.date_ranges import years_from

    page = problems(years_from(today, -3) + dt.timedelta(days=1), today)
    assert "There is a problem" not in page and "By service" in page


def test_nothing_raised_shows_an_empty_state(personas) -> None:  # type: ignore[no-untyped-def]
    page = signed_in_client(personas.senior_leader).get(reverse("feedback:figures")).content
    assert "Nothing was raised in this period." in page.decode()
    page = signed_in_client(personas.senior_leader).get(reverse("feedback:cqc")).content
    assert "No complaints were received in this period." in page.decode()


def _more_at(p: Any, services: int, each: int, first: int = 0) -> None:
    """``services`` more services, each with ``each`` complaints acknowledged and one
    answered."""
    lee = viewer_for(p.quality_lead, p.organisation)
    for number in range(first, first + services):
        service = ServiceFactory(organisation=p.organisation, name=f"House {number:02d}")
        for _ in range(each):
            complaint = kyles_complaint(p, service=service)
            concern_acknowledge(viewer=lee, concern=complaint, themes=["food", "money"])
        concern_respond(
            viewer=lee,
            concern=complaint,
            response="Looked into.",
            response_easy_read="We looked.",
            upheld="not_upheld",
        )


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", ["feedback:figures", "feedback:cqc"])
def test_the_pages_read_as_many_queries_for_many_concerns_as_for_few(personas, name) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.quality_lead)
    url = reverse(name)
    _more_at(personas, 2, 1)
    client.get(url)
    few = _queries(client, url)
    _more_at(personas, 30, 3, first=2)
    assert _queries(client, url) == few


def test_the_services_are_a_page_at_a_time(personas) -> None:  # type: ignore[no-untyped-def]
    _more_at(personas, 30, 1)
    client = signed_in_client(personas.quality_lead)
    first = client.get(reverse("feedback:figures")).content.decode()
    assert "House 00" in first and "Page 1 of 2" in first
    assert "Willow House" not in first
    second = client.get(reverse("feedback:figures"), {"page": "2"}).content.decode()
    assert "Willow House" in second and "House 00" not in second


def _period(start: dt.date, end: dt.date) -> dict[str, str]:
    data = {}
    for name, day in (("start", start), ("end", end)):
        data.update(
            {f"{name}-0": str(day.day), f"{name}-1": str(day.month), f"{name}-2": str(day.year)}
        )
    return data


def _recent_complaints(p: Any) -> None:
    """Kyle's complaint answered and a change made from it; a complaint at a service whose
    name looks like a spreadsheet formula."""
    maya = _maya(p)
    complaint = kyles_complaint(p)
    concern_acknowledge(viewer=maya, concern=complaint, themes=["visit_times"])
    concern_respond(
        viewer=maya,
        concern=complaint,
        response="We looked at the rota. The visits were late.",
        response_easy_read="You were right.",
        upheld="partly",
    )
    source = source_of(p.organisation.pk, SourceKind.CONCERN, complaint.pk)
    assert source is not None
    change = change_start(
        viewer=maya,
        you_said="Evening visits were late.",
        we_will="Evening visits start at the time in the plan",
        service=p.house,
        sources=[source],
    )
    change_move(viewer=maya, change=change, status="made", note="Done.")
    odd = ServiceFactory(organisation=p.organisation, name='=HYPERLINK("http://x.test")')
    kyles_complaint(p, service=odd, what_happened="The heating is broken.")
    kyles_complaint(p, about=About.ORGANISATION, service=None, what_happened="Invoices late.")


def test_the_cqc_summary_downloads_as_a_tagged_pdf_with_numbers_only(personas) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    _recent_complaints(personas)
    client = signed_in_client(personas.quality_lead)
    today = timezone.localdate()
    start = today - dt.timedelta(days=30)
    page = client.get(reverse("feedback:cqc"), _period(start, today)).content.decode()
    assert "Download the summary (PDF)" in page and "Complaints received" in page
    response = client.get(reverse("feedback:cqc_pdf"), _period(start, today))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        f"complaints-summary-{start.isoformat()}-to-{today.isoformat()}.pdf"
        in (response["Content-Disposition"])
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    assert "Summary of complaints" in text and "Riverside Support" in text
    assert "Willow House" in text and "Evening visits start at the time in the plan" in text
    assert "Times of visits and support" in text and "About the organisation as a whole" in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).lower().startswith("en")
    for hidden in (personas.person.name, "Kyle", "The heating is broken", "The visits were late"):
        assert hidden not in text
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.EXPORT, object_type="feedback.cqc_summary", summary__contains="PDF"
    ).exists()


def test_the_cqc_summary_csv_is_formula_safe_and_names_nobody(personas) -> None:  # type: ignore[no-untyped-def]
    _recent_complaints(personas)
    client = signed_in_client(personas.quality_lead)
    response = client.get(reverse("feedback:cqc_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(body)))
    by_first = {row[0]: row for row in rows if row}
    assert by_first["Complaints received"][1] == "3"
    assert by_first["Partly upheld"][1:3] == ["1", "1"]
    assert by_first["Changes made because of them"][1] == "1"
    assert by_first["Times of visits and support"][1] == "1"
    assert by_first["Willow House"][1] == "1"
    # The service named like a formula is written as text a spreadsheet will not run.
    assert '\'=HYPERLINK("http://x.test")' in by_first
    assert not any(cell.startswith("=") for row in rows for cell in row)
    for hidden in (personas.person.name, "Kyle", "The heating is broken", "Invoices late"):
        assert hidden not in body
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.EXPORT, object_type="feedback.cqc_summary", summary__contains="CSV"
    ).exists()


def test_a_download_with_wrong_dates_goes_back_to_the_form_saying_why(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.quality_lead)
    today = timezone.localdate()
    wrong = _period(today, today - dt.timedelta(days=5))
    for name in ("feedback:cqc_pdf", "feedback:cqc_csv"):
        response = client.get(reverse(name), wrong, follow=True)
        assert response.redirect_chain[0][0].startswith(reverse("feedback:cqc"))
        assert "The last day must be the same as or after the first day" in (
            response.content.decode()
        )
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_the_summary_of_a_managers_services_leaves_out_the_others(personas) -> None:  # type: ignore[no-untyped-def]
    _recent_complaints(personas)
    maya = figures_scope(viewer_for(personas.manager, personas.organisation))
    today = timezone.localdate()
    summary = cqc_summary(
        maya, last_twelve_months(today), today, organisation_name=personas.organisation.name
    )
    assert [row.name for row in summary.by_service] == ["Willow House"]
    assert summary.counts.complaints == 1 and not summary.whole_organisation
    lee = figures_scope(viewer_for(personas.quality_lead, personas.organisation))
    whole = cqc_summary(
        lee, last_twelve_months(today), today, organisation_name=personas.organisation.name
    )
    assert {row.name for row in whole.by_service} == {
        "",
        "Willow House",
        '=HYPERLINK("http://x.test")',
    }
    assert whole.services_with_complaints == 2


def test_the_handler_ticks_themes_and_sees_them_on_the_concern(personas) -> None:  # type: ignore[no-untyped-def]
    complaint = kyles_complaint(personas)
    client = signed_in_client(personas.manager)
    handle = reverse("feedback:handle", kwargs={"concern_id": complaint.pk})
    page = client.get(handle).content.decode()
    assert 'name="acknowledge-themes"' in page and "Times of visits and support" in page
    client.post(handle, {"move": "acknowledge", "acknowledge-themes": ["dignity", "communication"]})
    complaint.refresh_from_db()
    assert complaint.themes == ["communication", "dignity"]
    page = client.get(reverse("feedback:concern", kwargs={"concern_id": complaint.pk})).content
    assert "Being listened to and kept informed, Dignity, respect and privacy" in page.decode()
    # Answering shows them ticked already.
    page = client.get(handle).content.decode()
    assert 'value="dignity" checked' in page
