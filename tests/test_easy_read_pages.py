"""Every page a person supported or their supporter may open has its own easy-read form.

The URL policy (``tests/test_url_policy.py``) lists who may GET each page. Each HTML page
the ``person`` or ``supporter`` persona may open is rendered with easy read on, and its
main content must be built from the easy-read components of ``components/easy_read.jinja``
(``er_page_intro``, ``er_row``, ``er_picture``: a picture beside short words), which
templates call only in their easy-read branch. A page that only swaps the body class and
keeps its standard body fails.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from test_url_policy import GET_RULES

from conftest import Personas, signed_in_client

# The classes the easy-read components put on their outer element or picture.
EASY_READ_MARKER = re.compile(r'class="app-er-(intro|rows|row|row__picture)"')
PERSON_SIDE_PERSONAS = ("person", "supporter")

CASES = [
    (persona, name, rule)
    for name, rule in GET_RULES
    for persona in PERSON_SIDE_PERSONAS
    # A link that only goes on to another page (a redirect) has no page of its own.
    if persona in rule.allowed and getattr(rule, "allowed_status", 200) == 200
]


def _main(html: str) -> str:
    start = html.find("<main")
    end = html.find("</main>")
    assert start != -1, "the page has no <main>"
    return html[start:end]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "name", "rule"), CASES, ids=[f"{persona}-{name}" for persona, name, _ in CASES]
)
def test_person_side_page_has_its_easy_read_form(
    personas: Personas, persona: str, name: str, rule: object
) -> None:
    url = reverse(name, kwargs=rule.kwargs(personas) or None)  # type: ignore[attr-defined]
    user = personas.user(persona)
    user.easy_read = True
    user.save(update_fields=["easy_read"])
    response = signed_in_client(user).get(url)
    assert response.status_code == 200, f"{persona} should see {name}"
    if not response["Content-Type"].startswith("text/html"):
        return  # a picture, film, captions, PDF or FHIR file: no page to read
    html = response.content.decode()
    assert 'class="govuk-template__body app-easy-read' in html, "easy read is not switched on"
    assert EASY_READ_MARKER.search(_main(html)), (
        f"{name} has no easy-read form for the {persona}: give the template an easy-read "
        "branch built from er_page_intro and er_row (components/easy_read.jinja)"
    )


# Pages a person meets only after sending a form: someone else saved first.


def _profile_part_conflict(p: Personas) -> tuple[str, dict[str, object]]:
    from coproduce.people.tests.profile_helpers import write_part

    write_part(p.kyle, p.person, "good_day", "Start.")
    write_part(p.kyle, p.worker, "good_day", "Wendy's words.", how="spoken")
    url = reverse(
        "people:profile_part_edit", kwargs={"person_id": p.kyle.pk, "section": "good_day"}
    )
    return url, {"base_version": 1, "text": "My words.", "voice_how": "typed"}


def _details_conflict(p: Personas) -> tuple[str, dict[str, object]]:
    from coproduce.people import actions

    actions.person_details_update(
        actor=p.worker, person=p.kyle, base_version=0, changes={"pronouns": "he/him"}
    )
    # In easy read the details are asked a page at a time; pronouns are on the second.
    url = reverse("people:details_edit", kwargs={"person_id": p.kyle.pk}) + "?step=2"
    return url, {"base_version": 0, "preferred_name": "Kyle", "pronouns": "they/them"}


def _plan_entry_conflict(p: Personas) -> tuple[str, dict[str, object]]:
    from coproduce.plans.actions import EntryWords, plan_entry_update
    from coproduce.plans.tests.factories import add_entry, viewer_of

    entry = add_entry(p.person, p.kyle, text="Swimming on Tuesdays")
    plan_entry_update(
        viewer=viewer_of(p.worker, p.kyle),
        entry=entry,
        base_version=1,
        words=EntryWords(text="Swimming on Mondays"),
        voice_how="spoken",
    )
    url = reverse("plans:entry_edit", kwargs={"entry_id": entry.pk})
    return url, {"base_version": 1, "text": "Swimming on Fridays"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make_conflict",
    [_profile_part_conflict, _details_conflict, _plan_entry_conflict],
    ids=["profile-part", "details", "plan-entry"],
)
def test_the_persons_conflict_pages_have_their_easy_read_form(
    personas: Personas, make_conflict: object
) -> None:
    url, answers = make_conflict(personas)  # type: ignore[operator]
    personas.person.easy_read = True
    personas.person.save(update_fields=["easy_read"])
    response = signed_in_client(personas.person).post(url, answers)
    assert response.status_code == 409, response.content.decode()[-3000:]
    main = _main(response.content.decode())
    assert "Someone else changed this" in main
    assert EASY_READ_MARKER.search(main)
