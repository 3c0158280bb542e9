"""The About me page and its edit pages: who may see and change them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.people import actions
from coproduce.people.models import PersonDetails, ProfileEntry, Supporter
from coproduce.people.tests.profile_helpers import media_root, write_part  # noqa: F401

pytestmark = pytest.mark.django_db


def profile_url(personas) -> str:  # type: ignore[no-untyped-def]
    return reverse("people:profile", kwargs={"person_id": personas.kyle.pk})


def test_person_sees_their_own_profile_with_edit_links(personas, client_for):
    write_part(personas.kyle, personas.person, "good_day", "Swimming and then chips.")
    response = client_for(personas.person).get(profile_url(personas))
    assert response.status_code == 200
    html = response.content.decode()
    assert "About me" in html
    assert "Swimming and then chips." in html
    assert "In Kyle&#39;s own words, typed" in html or "In Kyle's own words, typed" in html
    assert (
        reverse(
            "people:profile_part_edit",
            kwargs={"person_id": personas.kyle.pk, "section": "good_day"},
        )
        in html
    )


def test_worker_in_their_service_sees_the_communication_flag(personas, client_for):
    actions.person_details_update(
        actor=personas.worker,
        person=personas.kyle,
        base_version=0,
        changes={
            "communication_formats": ["easy_read", "pictures"],
            "how_to_communicate": "Use short sentences and show me pictures.",
        },
    )
    response = client_for(personas.worker).get(profile_url(personas))
    html = response.content.decode()
    assert response.status_code == 200
    assert "app-communication-flag" in html
    assert "Easy read" in html and "Pictures and symbols" in html
    assert "Use short sentences and show me pictures." in html


def test_supporter_with_profile_scope_reads_but_cannot_edit(personas, client_for):
    client = client_for(personas.supporter)
    response = client.get(profile_url(personas))
    assert response.status_code == 200
    assert f'people/{personas.kyle.pk}/profile/good_day/"' not in response.content.decode()
    edit = reverse(
        "people:profile_part_edit", kwargs={"person_id": personas.kyle.pk, "section": "good_day"}
    )
    assert client.get(edit).status_code == 404
    assert (
        client.post(edit, {"base_version": 0, "text": "x", "voice_how": "typed"}).status_code == 404
    )


def test_supporter_without_profile_scope_gets_404(personas, client_for):
    Supporter.objects.filter(user=personas.supporter).update(scopes=["plan"])
    assert client_for(personas.supporter).get(profile_url(personas)).status_code == 404


@pytest.mark.parametrize("persona", ["commissioner", "quality_checker", "other_worker", "outsider"])
def test_people_outside_the_circle_get_404(personas, client_for, persona):
    assert client_for(personas.user(persona)).get(profile_url(personas)).status_code == 404


@pytest.mark.parametrize("persona", ["quality_lead", "senior_leader", "org_admin", "manager"])
def test_leads_and_managers_read_the_profile(personas, client_for, persona):
    assert client_for(personas.user(persona)).get(profile_url(personas)).status_code == 200


@pytest.mark.parametrize("persona", ["quality_lead", "senior_leader", "org_admin"])
def test_leads_cannot_edit(personas, client_for, persona):
    url = reverse("people:details_edit", kwargs={"person_id": personas.kyle.pk})
    assert client_for(personas.user(persona)).get(url).status_code == 404


def test_every_read_of_a_profile_is_audited(personas, client_for):
    before = AuditEntry.objects.filter(action=AuditEntry.Action.READ).count()
    client_for(personas.quality_lead).get(profile_url(personas))
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.READ).first()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.READ).count() == before + 1
    assert entry.actor == personas.quality_lead
    assert entry.object_id == str(personas.kyle.pk)


def test_profile_page_query_count_does_not_grow_with_content(
    personas, client_for, django_assert_max_num_queries
):
    for section in ("good_day", "bad_day", "important", "like_admire"):
        write_part(personas.kyle, personas.person, section, f"Text for {section}")
    client = client_for(personas.worker)
    with django_assert_max_num_queries(30):
        assert client.get(profile_url(personas)).status_code == 200


def test_worker_edit_records_the_view_as_given_with_support(personas, client_for):
    url = reverse(
        "people:profile_part_edit", kwargs={"person_id": personas.kyle.pk, "section": "important"}
    )
    client = client_for(personas.worker)
    page = client.get(url).content.decode()
    assert 'value="supported" checked' in page
    response = client.post(
        url,
        {
            "base_version": 0,
            "text": "My mum and my dog.",
            "voice_how": "supported",
            "voice_helper": personas.worker.pk,
        },
    )
    assert response.status_code == 302
    entry = ProfileEntry.objects.get(person=personas.kyle, section="important")
    assert entry.voice_how == VoiceHow.SUPPORTED
    assert entry.voice_helper == personas.worker
    assert entry.voice_recorded_by == personas.worker


def test_script_in_any_text_field_is_shown_as_text(personas, client_for):
    script = "<script>alert('x')</script>"
    write_part(personas.kyle, personas.person, "good_day", script)
    actions.person_details_update(
        actor=personas.person,
        person=personas.kyle,
        base_version=0,
        changes={
            "pronouns": script,
            "how_to_communicate": script,
            "other_interests": script,
            "communication_formats": ["easy_read"],
        },
    )
    actions.important_person_add(
        actor=personas.person,
        person=personas.kyle,
        name=script,
        relationship=script,
        closeness="close",
    )
    html = client_for(personas.worker).get(profile_url(personas)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_staff_list_shows_people_with_their_flag_in_few_queries(
    personas, client_for, django_assert_max_num_queries
):
    actions.person_details_update(
        actor=personas.worker,
        person=personas.kyle,
        base_version=0,
        changes={"communication_formats": ["large_print"]},
    )
    client = client_for(personas.worker)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("people:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kyle" in html and "Large print" in html
    assert "Sam" not in html  # another organisation's person


def test_person_and_commissioner_cannot_open_the_staff_list(personas, client_for):
    assert client_for(personas.person).get(reverse("people:list")).status_code == 404
    assert client_for(personas.commissioner).get(reverse("people:list")).status_code == 404


def test_easy_read_profile_shows_one_idea_per_row(personas, client_for):
    client = client_for(personas.person)
    session = client.session
    session["easy_read"] = True
    session.save()
    write_part(personas.kyle, personas.person, "good_day", "Swimming.")
    html = client.get(profile_url(personas)).content.decode()
    assert "app-er-row" in html
    assert "Please call me Kyle." in html
    assert "Swimming." in html


def test_details_with_no_row_yet_render(personas, client_for):
    assert not PersonDetails.objects.filter(person=personas.kyle).exists()
    response = client_for(personas.person).get(
        reverse("people:details_edit", kwargs={"person_id": personas.kyle.pk})
    )
    assert response.status_code == 200
