"""Home pages link each role to what it may use, and no further."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_person_home_links_to_their_own_plan_and_profile(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    html = client_for(personas.person).get("/").content.decode()
    assert reverse("plans:plan", kwargs={"person_id": personas.kyle.pk}) in html
    assert reverse("people:mine") in html


def test_supporter_home_links_only_to_shared_parts(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    link = personas.kyle.supporters.get(user=personas.supporter)
    link.scopes = ["plan"]
    link.save(update_fields=["scopes"])
    html = client_for(personas.supporter).get("/").content.decode()
    assert reverse("plans:plan", kwargs={"person_id": personas.kyle.pk}) in html
    assert f'href="{reverse("people:profile", kwargs={"person_id": personas.kyle.pk})}"' not in html


def test_staff_menu_has_plan_reviews_for_managers_only(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    review_url = reverse("plans:overdue_reviews")
    assert review_url in client_for(personas.manager).get("/").content.decode()
    assert review_url not in client_for(personas.worker).get("/").content.decode()


def test_person_menu_reaches_check_in_and_team(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    html = client_for(personas.person).get("/").content.decode()
    assert reverse("plans:checkin_new", kwargs={"person_id": personas.kyle.pk}) in html
    assert reverse("matching:choose", kwargs={"person_id": personas.kyle.pk}) in html


def test_plan_page_links_to_choosing_workers_and_flagging(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("plans:plan", kwargs={"person_id": personas.kyle.pk})
    html = client_for(personas.person).get(url).content.decode()
    assert reverse("matching:choose", kwargs={"person_id": personas.kyle.pk}) in html
    assert reverse("plans:not_working_new", kwargs={"person_id": personas.kyle.pk}) in html
    lead_html = client_for(personas.quality_lead).get(url).content.decode()
    assert reverse("plans:not_working_new", kwargs={"person_id": personas.kyle.pk}) not in lead_html


PROMISES = (
    "You can have your say about your support.",
    "Ask your support worker if you need help.",
    "Your quality checks will appear here.",
)


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
@pytest.mark.parametrize("persona", ["person", "quality_checker"])
def test_home_makes_no_promise_without_a_page_behind_it(
    personas, client_for, persona, easy_read
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.user(persona))
    if easy_read:
        session = client.session
        session["easy_read"] = True
        session.save()

    page = client.get(reverse("home")).content.decode()

    for words in PROMISES:
        assert words not in page


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_person_home_links_to_every_part_of_their_own_support(
    personas, client_for, easy_read
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.person)
    if easy_read:
        session = client.session
        session["easy_read"] = True
        session.save()

    page = client.get(reverse("home")).content.decode()

    kyle = {"person_id": personas.kyle.pk}
    for name in ("plans:plan", "plans:checkin_new", "matching:choose", "plans:not_working_new"):
        assert f'href="{reverse(name, kwargs=kyle)}"' in page, name


def test_a_supporters_menu_and_pages_say_whose_decisions_they_are(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    mary = client_for(personas.supporter)

    home = mary.get(reverse("home")).content.decode()
    page = mary.get(reverse("decisions:mine"), {"person": personas.kyle.pk}).content.decode()

    assert "Decisions shared with me" in home
    assert "Decisions about me" not in home
    assert "Kyle&#39;s decisions" in page or "Kyle's decisions" in page
    assert "Decisions about me" not in page


def test_a_persons_menu_keeps_decisions_about_me(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    home = client_for(personas.person).get(reverse("home")).content.decode()

    assert "Decisions about me" in home
    assert "Decisions shared with me" not in home
