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
    if persona in rule.allowed
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
