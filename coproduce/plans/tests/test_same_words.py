"""Entries of the plan's "when" with the same words on several days show once, with their days."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from coproduce.core.actions import user_preferences_update
from coproduce.plans.actions import plan_entry_respond
from coproduce.plans.models import Agreement
from coproduce.plans.presenters import days_in_words
from coproduce.plans.tests.factories import add_entry, viewer_of

pytestmark = pytest.mark.django_db

MORNING = "Morning visit: getting up and breakfast."


def _on_days(user, person, days, text=MORNING, start=dt.time(8), end=dt.time(9)):  # type: ignore[no-untyped-def]
    return [
        add_entry(
            user, person, section="when", text=text, weekday=day, starts_at=start, ends_at=end
        )
        for day in days
    ]


def _plan_page(client, person) -> str:  # type: ignore[no-untyped-def]
    return client.get(reverse("plans:plan", kwargs={"person_id": person.pk})).content.decode()


def _shown_once(page: str, text: str) -> int:
    """Count the entry cards (standard) or rows (easy read) that show the words."""
    return len(re.findall(rf'app-profile-part__text">{re.escape(text)}<', page))


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (range(7), "Every day"),
        (range(5), "Monday to Friday"),
        ((0, 2, 4), "Monday, Wednesday and Friday"),
        ((5, 6), "Saturday and Sunday"),
        ((0, 1, 2, 4), "Monday to Wednesday and Friday"),
        ((3,), "Thursday"),
    ],
)
def test_days_are_named_in_words(days, words) -> None:  # type: ignore[no-untyped-def]
    assert days_in_words(days) == words


def test_the_same_words_on_seven_days_show_once_as_every_day(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    entries = _on_days(personas.worker, personas.kyle, range(7))
    page = _plan_page(client_for(personas.worker), personas.kyle)

    assert _shown_once(page, MORNING) == 1
    assert "Every day, 08:00 to 09:00" in page
    # Each day is still its own entry, and each can be changed on its own.
    for entry in entries:
        assert reverse("plans:entry_edit", kwargs={"entry_id": entry.pk}) in page
        assert reverse("plans:entry_history", kwargs={"entry_id": entry.pk}) in page
        assert f'id="entry-{entry.pk}"' in page


def test_the_same_words_on_monday_wednesday_and_friday_show_with_those_days(
    personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    _on_days(personas.worker, personas.kyle, (0, 2, 4), text="The Hub")
    _on_days(personas.worker, personas.kyle, (1,), text="Swimming")
    page = _plan_page(client_for(personas.worker), personas.kyle)

    assert _shown_once(page, "The Hub") == 1
    assert "Monday, Wednesday and Friday, 08:00 to 09:00" in page
    assert "Tuesday, 08:00 to 09:00" in page
    # The list under the week names the days once too.
    assert (
        page.count('<th scope="row" class="govuk-table__header">Monday, Wednesday and Friday</th>')
        == 1
    )


def test_days_with_different_answers_are_not_grouped(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    _monday, tuesday = _on_days(personas.worker, personas.kyle, (0, 1))
    plan_entry_respond(
        viewer=viewer_of(personas.person, personas.kyle),
        entry=tuesday,
        base_version=tuesday.version,
        answer=Agreement.CHANGED,
        comment="Later on Tuesdays, please.",
    )
    page = _plan_page(client_for(personas.worker), personas.kyle)

    assert _shown_once(page, MORNING) == 2
    assert "Monday, 08:00 to 09:00" in page
    assert "Tuesday, 08:00 to 09:00" in page


def test_easy_read_shows_the_same_words_once_and_the_person_answers_each_day(
    personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    entries = _on_days(personas.worker, personas.kyle, range(7))
    user_preferences_update(user=personas.person, easy_read=True)
    page = _plan_page(client_for(personas.person), personas.kyle)

    assert _shown_once(page, MORNING) == 1
    assert "Every day, 08:00 to 09:00" in page
    for entry in entries:
        assert reverse("plans:entry_respond", kwargs={"entry_id": entry.pk}) in page


@pytest.mark.parametrize("name", ["plans:plan_pdf", "plans:plan_pdf_easy_read"])
def test_the_plan_pdfs_show_the_same_words_once_with_their_days(personas, client_for, name) -> None:  # type: ignore[no-untyped-def]
    _on_days(personas.worker, personas.kyle, range(7))
    response = client_for(personas.worker).get(
        reverse(name, kwargs={"person_id": personas.kyle.pk})
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())

    assert text.count("Morning visit") == 1
    assert "Every day, 08:00 to 09:00" in text
