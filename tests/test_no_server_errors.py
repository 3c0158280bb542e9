"""Awkward input never gives a server error.

For every page of the URL policy, a persona allowed to use it opens the page; hypothesis
then fills every form on it (and every query parameter its links and the views use) with
values people and attackers send: integers far past what a database column holds, negative
and zero ids, huge and empty strings, NUL bytes, dates that do not exist. Each answer must
be a page or a redirect (a form error, a 404), never a 500.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_url_policy import GET_RULES, Rule

from conftest import Personas, signed_in_client

# Personas in the order one is picked to walk a page: the one who sees the most forms first.
PREFERRED = [
    "manager",
    "org_admin",
    "person",
    "worker",
    "supporter",
    "quality_lead",
    "senior_leader",
    "other_worker",
    "quality_checker",
    "commissioner",
    "outsider",
]
# Query parameters views read that no link on the demo pages may show.
KNOWN_PARAMETERS = ["page", "from", "to", "id", "person", "service", "q", "next", "form"]

AWKWARD = st.one_of(
    st.sampled_from(
        [
            str(10**30),
            str(2**63),
            str(2**63 - 1),
            str(-(2**63) - 1),
            "-1",
            "0",
            "",
            " ",
            "1e309",
            "NaN",
            "99999999999999999999999999999999.5",
            "31",
            "2026-02-31",
            "\x00",
            "x" * 5000,
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "%00",
            "1,2,3",
        ]
    ),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.text(max_size=40),
)


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)


class _Forms(HTMLParser):
    """Collect each form's action, method and field names, and every link's query keys."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self.link_parameters: dict[str, set[str]] = {}
        self._form: Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("action") or self.page_url, (a.get("method") or "get").lower())
            self.forms.append(self._form)
        elif tag in {"input", "select", "textarea", "button"} and self._form and a.get("name"):
            self._form.fields.setdefault(a["name"], []).append(a.get("value", ""))
        elif tag == "a" and "?" in a.get("href", ""):
            parts = urlsplit(a["href"])
            if parts.path and not parts.netloc:
                keys = {k for k, _v in parse_qsl(parts.query, keep_blank_values=True)}
                self.link_parameters.setdefault(parts.path, set()).update(keys)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def _persona_for(rule: Rule) -> str:
    return next(name for name in PREFERRED if name in rule.allowed)


WALKED = [(name, rule) for name, rule in GET_RULES if rule.allowed]


def _assert_answered(response, what: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code < 500, f"{what} gave {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "rule"), WALKED, ids=[n for n, _ in WALKED])
def test_awkward_input_never_gives_a_server_error(
    personas: Personas, name: str, rule: Rule
) -> None:
    client: Client = signed_in_client(personas.user(_persona_for(rule)))
    url = reverse(name, kwargs=rule.kwargs(personas) or None)
    page = client.get(url)
    assert page.status_code == rule.allowed_status
    parser = _Forms(url)
    if "html" in page.get("Content-Type", ""):
        parser.feed(page.content.decode())
    parameters = sorted(set(KNOWN_PARAMETERS) | parser.link_parameters.get(url, set()))
    forms = [f for f in parser.forms if not f.action.startswith(("/accounts/", "/i18n/"))]

    @settings(
        max_examples=6,
        deadline=None,
        derandomize=True,
        # No shrinking: the failing request is in the message already, and shrinking a
        # page's forms costs minutes.
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.data())
    def probe(data: st.DataObject) -> None:
        query = {p: data.draw(AWKWARD, label=p) for p in parameters}
        _assert_answered(client.get(f"{url}?{urlencode(query)}"), f"GET {url} {query}")
        for form in forms:
            values = {
                field_name: data.draw(AWKWARD, label=field_name)
                for field_name in form.fields
                if field_name != "csrfmiddlewaretoken"
            }
            if form.method == "post":
                response = client.post(form.action, values)
            else:
                response = client.get(f"{form.action}?{urlencode(values)}")
            _assert_answered(response, f"{form.method.upper()} {form.action} {values}")

    probe()


# The cases found by hand, kept as named tests.

TOO_BIG = "9223372036854775808"  # one past the largest 64-bit id


@pytest.mark.django_db
def test_comparing_profile_versions_past_any_number_is_a_404(personas: Personas) -> None:
    from coproduce.people.tests.profile_helpers import kyle_part_with_two_versions

    url = reverse("people:profile_compare", kwargs=kyle_part_with_two_versions(personas))

    response = signed_in_client(personas.person).get(url, {"from": "1", "to": TOO_BIG})

    assert response.status_code == 404


@pytest.mark.django_db
def test_comparing_plan_entry_versions_past_any_number_is_a_404(personas: Personas) -> None:
    from coproduce.plans.tests.factories import kyle_entry_kwargs

    url = reverse("plans:entry_history", kwargs=kyle_entry_kwargs(personas))

    response = signed_in_client(personas.person).get(url, {"from": "1", "to": TOO_BIG})

    assert response.status_code == 404


@pytest.mark.django_db
def test_a_participant_past_any_id_is_a_form_error(personas: Personas) -> None:
    url = reverse("decisions:record_for_person", kwargs={"person_id": personas.kyle.pk})

    response = signed_in_client(personas.manager).post(
        url, {"what": "Painting the kitchen", "participants": [str(10**30)]}
    )

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


@pytest.mark.django_db
def test_a_service_past_any_id_in_an_invitation_is_a_form_error(personas: Personas) -> None:
    response = signed_in_client(personas.org_admin).post(
        reverse("accounts:invite"),
        {
            "name": "Nia",
            "email": "nia@example.test",
            "role": "support_worker",
            "services": [str(10**30)],
        },
    )

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


@pytest.mark.django_db
def test_a_date_with_a_year_past_any_calendar_is_a_form_error(personas: Personas) -> None:
    url = reverse("plans:one_to_one_new", kwargs={"person_id": personas.kyle.pk})

    response = signed_in_client(personas.manager).post(
        url, {"date_0": "1", "date_1": "1", "date_2": str(10**30)}
    )

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
