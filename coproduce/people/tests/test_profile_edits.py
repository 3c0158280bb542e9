"""Editing a profile: versions kept, concurrent edits never overwrite, bad input refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.core.models import VoiceHow
from coproduce.people import actions
from coproduce.people.actions import EditConflict
from coproduce.people.models import (
    DecisionMakingProfile,
    ImportantPerson,
    PersonDetails,
    ProfileEntry,
    ProfileEntryRevision,
    WorkerPreference,
)
from coproduce.people.presenters import word_diff
from coproduce.people.tests.profile_helpers import media_root, write_part  # noqa: F401

pytestmark = pytest.mark.django_db


def part_url(personas, section="good_day") -> str:  # type: ignore[no-untyped-def]
    return reverse(
        "people:profile_part_edit", kwargs={"person_id": personas.kyle.pk, "section": section}
    )


# --- versions -------------------------------------------------------------------------


def test_every_change_to_a_part_keeps_a_revision_with_who_and_how(personas):
    write_part(personas.kyle, personas.person, "good_day", "Swimming.")
    write_part(
        personas.kyle,
        personas.worker,
        "good_day",
        "Swimming, then chips.",
        how=VoiceHow.SUPPORTED,
        helper=personas.worker,
    )
    entry = ProfileEntry.objects.get(person=personas.kyle, section="good_day")
    assert entry.version == 2
    revisions = list(ProfileEntryRevision.objects.filter(entry=entry).order_by("version"))
    assert [(r.version, r.text, r.voice_how, r.voice_recorded_by) for r in revisions] == [
        (1, "Swimming.", VoiceHow.TYPED, personas.person),
        (2, "Swimming, then chips.", VoiceHow.SUPPORTED, personas.worker),
    ]


def test_history_page_lists_versions_newest_first(
    personas, client_for, django_assert_max_num_queries
):
    for n in range(1, 6):
        write_part(personas.kyle, personas.person, "good_day", f"Version text {n}")
    url = reverse(
        "people:profile_history", kwargs={"person_id": personas.kyle.pk, "section": "good_day"}
    )
    client = client_for(personas.worker)
    with django_assert_max_num_queries(25):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Version text 5") < html.index("Version text 1")


def test_history_refused_to_commissioner_and_outsider(personas, client_for):
    write_part(personas.kyle, personas.person, "good_day", "x")
    url = reverse(
        "people:profile_history", kwargs={"person_id": personas.kyle.pk, "section": "good_day"}
    )
    assert client_for(personas.commissioner).get(url).status_code == 404
    assert client_for(personas.outsider).get(url).status_code == 404


def test_unknown_part_is_404(personas, client_for):
    url = reverse(
        "people:profile_history", kwargs={"person_id": personas.kyle.pk, "section": "secrets"}
    )
    assert client_for(personas.person).get(url).status_code == 404


def test_compare_shows_added_and_removed_words_with_labels(personas, client_for):
    write_part(personas.kyle, personas.person, "good_day", "I like swimming on Monday.")
    write_part(personas.kyle, personas.person, "good_day", "I like walking on Monday.")
    url = reverse(
        "people:profile_compare", kwargs={"person_id": personas.kyle.pk, "section": "good_day"}
    )
    html = client_for(personas.person).get(url + "?from=1&to=2").content.decode()
    assert "<del>" in html and "<ins>" in html
    assert "[removed:" in html and "[added:" in html
    assert "swimming" in html and "walking" in html


def test_compare_with_a_missing_version_is_404(personas, client_for):
    write_part(personas.kyle, personas.person, "good_day", "One.")
    url = reverse(
        "people:profile_compare", kwargs={"person_id": personas.kyle.pk, "section": "good_day"}
    )
    assert client_for(personas.person).get(url + "?from=1&to=9").status_code == 404


def test_word_diff_marks_only_changed_words():
    parts = word_diff("a good day", "a great day")
    assert [(p.kind, p.text) for p in parts] == [
        ("same", "a "),
        ("removed", "good"),
        ("added", "great"),
        ("same", " day"),
    ]


# --- concurrency ----------------------------------------------------------------------


def test_second_save_from_the_same_version_gets_the_conflict_page_and_first_text_survives(
    personas, client_for
):
    write_part(personas.kyle, personas.person, "good_day", "Start.")
    url = part_url(personas)
    kyle = client_for(personas.person)
    wendy = client_for(personas.worker)
    assert 'name="base_version" value="1"' in kyle.get(url).content.decode()
    assert 'name="base_version" value="1"' in wendy.get(url).content.decode()

    first = kyle.post(url, {"base_version": 1, "text": "Kyle's words.", "voice_how": "typed"})
    assert first.status_code == 302
    second = wendy.post(
        url,
        {
            "base_version": 1,
            "text": "Wendy's words.",
            "voice_how": "supported",
            "voice_helper": personas.worker.pk,
        },
    )
    assert second.status_code == 409
    html = second.content.decode()
    assert "Someone else changed this while you were editing" in html
    assert "Kyle&#39;s words." in html  # theirs
    assert "Wendy&#39;s words." in html  # yours, still in the form
    assert 'name="base_version" value="2"' in html  # saving again is deliberate

    entry = ProfileEntry.objects.get(person=personas.kyle, section="good_day")
    assert entry.text == "Kyle's words."
    assert entry.version == 2


def test_saving_again_from_the_conflict_page_keeps_both_versions(personas, client_for):
    write_part(personas.kyle, personas.person, "good_day", "Start.")
    write_part(personas.kyle, personas.person, "good_day", "Theirs.")
    response = client_for(personas.worker).post(
        part_url(personas),
        {
            "base_version": 2,
            "text": "Mine.",
            "voice_how": "supported",
            "voice_helper": personas.worker.pk,
        },
    )
    assert response.status_code == 302
    texts = list(
        ProfileEntryRevision.objects.filter(entry__person=personas.kyle)
        .order_by("version")
        .values_list("text", flat=True)
    )
    assert texts == ["Start.", "Theirs.", "Mine."]


def test_the_same_form_sent_twice_saves_one_version(personas, client_for):
    client = client_for(personas.person)
    data = {"base_version": 0, "text": "Hello.", "voice_how": "typed"}
    assert client.post(part_url(personas), data).status_code == 302
    assert client.post(part_url(personas), data).status_code == 302
    assert ProfileEntryRevision.objects.filter(entry__person=personas.kyle).count() == 1


def test_action_raises_conflict_for_a_stale_version(personas):
    write_part(personas.kyle, personas.person, "bad_day", "One.")
    write_part(personas.kyle, personas.person, "bad_day", "Two.")
    with pytest.raises(EditConflict) as caught:
        actions.profile_entry_update(
            actor=personas.worker,
            person=personas.kyle,
            section="bad_day",
            base_version=1,
            text="Old base.",
            voice_how=VoiceHow.SUPPORTED,
            voice_helper=personas.worker,
        )
    assert caught.value.current.text == "Two."


def test_details_conflict_shows_what_is_saved_and_keeps_the_editors_answers(personas, client_for):
    url = reverse("people:details_edit", kwargs={"person_id": personas.kyle.pk})
    actions.person_details_update(
        actor=personas.person, person=personas.kyle, base_version=0, changes={"pronouns": "he/him"}
    )
    response = client_for(personas.worker).post(
        url, {"base_version": 0, "preferred_name": "Kyle", "pronouns": "they/them"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "he/him" in html and "they/them" in html
    assert PersonDetails.objects.get(person=personas.kyle).pronouns == "he/him"


# --- the edit pages ---------------------------------------------------------------------


def test_person_changes_their_details(personas, client_for):
    url = reverse("people:details_edit", kwargs={"person_id": personas.kyle.pk})
    response = client_for(personas.person).post(
        url,
        {
            "base_version": 0,
            "preferred_name": "Kyle B",
            "pronouns": "he/him",
            "date_of_birth_0": "4",
            "date_of_birth_1": "5",
            "date_of_birth_2": "2007",
        },
    )
    assert response.status_code == 302
    personas.kyle.refresh_from_db()
    details = PersonDetails.objects.get(person=personas.kyle)
    assert personas.kyle.preferred_name == "Kyle B"
    assert details.date_of_birth == dt.date(2007, 5, 4)
    assert details.version == 1


def _second_value(key: str):  # type: ignore[no-untyped-def]
    """A value for each details field, different from what the first save wrote."""
    from coproduce.people.models import CommunicationFormat, Interest

    if key == "interests":
        interest, _created = Interest.objects.get_or_create(
            slug="gardening", defaults={"name": "Gardening", "category": "Outdoors"}
        )
        return [interest]
    return {
        "preferred_name": "Kyle B",
        "pronouns": "they/them",
        "date_of_birth": dt.date(2007, 5, 4),
        "photo_consent": True,
        "communication_formats": [next(iter(CommunicationFormat)).value],
        "communication_language": "Welsh",
        "how_to_communicate": "Short sentences, one at a time",
        "other_interests": "Trains",
    }[key]


@pytest.mark.parametrize("key", sorted(actions.DetailsChanges.__annotations__))
def test_every_details_field_can_be_changed_after_the_first_save(personas, key):  # type: ignore[no-untyped-def]
    first = actions.person_details_update(
        actor=personas.person, person=personas.kyle, base_version=0, changes={"pronouns": "he"}
    )

    saved = actions.person_details_update(
        actor=personas.person,
        person=personas.kyle,
        base_version=first.version,
        changes={key: _second_value(key)},  # type: ignore[misc]
    )

    assert saved.version == 2
    personas.kyle.refresh_from_db()
    if key == "preferred_name":
        assert personas.kyle.preferred_name == "Kyle B"
    elif key == "interests":
        assert [i.slug for i in saved.interests.all()] == ["gardening"]
    else:
        assert getattr(PersonDetails.objects.get(pk=saved.pk), key) == _second_value(key)


def test_please_call_me_changes_on_the_details_page_a_second_time(personas, client_for):  # type: ignore[no-untyped-def]
    url = reverse("people:details_edit", kwargs={"person_id": personas.kyle.pk})
    client = client_for(personas.person)
    client.post(url, {"base_version": 0, "preferred_name": "Kyle", "pronouns": "he/him"})

    response = client.post(
        url, {"base_version": 1, "preferred_name": "Kyle Brown", "pronouns": "he/him"}
    )

    assert response.status_code == 302
    personas.kyle.refresh_from_db()
    assert personas.kyle.preferred_name == "Kyle Brown"


def test_date_of_birth_in_the_future_is_refused(personas, client_for):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    url = reverse("people:details_edit", kwargs={"person_id": personas.kyle.pk})
    response = client_for(personas.person).post(
        url,
        {
            "base_version": 0,
            "preferred_name": "Kyle",
            "date_of_birth_0": str(tomorrow.day),
            "date_of_birth_1": str(tomorrow.month),
            "date_of_birth_2": str(tomorrow.year),
        },
    )
    assert response.status_code == 200
    assert "Date of birth must be in the past" in response.content.decode()
    assert not PersonDetails.objects.filter(person=personas.kyle).exists()


def test_easy_read_details_ask_one_question_per_page(personas, client_for):
    client = client_for(personas.person)
    session = client.session
    session["easy_read"] = True
    session.save()
    url = reverse("people:details_edit", kwargs={"person_id": personas.kyle.pk})
    page = client.get(url).content.decode()
    assert "Question 1 of 4" in page
    assert 'name="preferred_name"' in page and 'name="pronouns"' not in page
    response = client.post(url, {"base_version": 0, "step": 1, "preferred_name": "Kyle"})
    assert response.status_code == 302 and response["Location"].endswith("?step=2")
    page = client.get(response["Location"]).content.decode()
    assert 'name="pronouns"' in page and 'name="preferred_name"' not in page
    response = client.post(url + "?step=2", {"base_version": 1, "step": 2, "pronouns": "he/him"})
    assert response["Location"].endswith("?step=3")
    assert PersonDetails.objects.get(person=personas.kyle).pronouns == "he/him"


def test_communication_needs_saved_with_review_date(personas, client_for):
    url = reverse("people:communication_edit", kwargs={"person_id": personas.kyle.pk})
    response = client_for(personas.worker).post(
        url,
        {
            "base_version": 0,
            "communication_formats": ["easy_read", "read_aloud"],
            "communication_language": "English",
            "how_to_communicate": "Slowly.",
        },
    )
    assert response.status_code == 302
    details = PersonDetails.objects.get(person=personas.kyle)
    assert details.communication_formats == ["easy_read", "read_aloud"]
    assert details.communication_reviewed_on == timezone.localdate()


def test_interests_grouped_by_category_are_saved(personas, client_for):
    from coproduce.people.models import Interest

    swimming = Interest.objects.get(slug="swimming")
    cooking = Interest.objects.get(slug="cooking")
    url = reverse("people:interests_edit", kwargs={"person_id": personas.kyle.pk})
    client = client_for(personas.person)
    page = client.get(url).content.decode()
    assert "Sport" in page and "Home" in page
    response = client.post(
        url,
        {
            "base_version": 0,
            "interests_sport": [str(swimming.pk)],
            "interests_home": [str(cooking.pk)],
            "other_interests": "Buses",
        },
    )
    assert response.status_code == 302
    details = PersonDetails.objects.get(person=personas.kyle)
    assert set(details.interests.values_list("slug", flat=True)) == {"swimming", "cooking"}
    assert details.other_interests == "Buses"


def test_worker_preferences_must_and_nice(personas, client_for):
    url = reverse("people:worker_preferences_edit", kwargs={"person_id": personas.kyle.pk})
    client = client_for(personas.person)
    response = client.post(
        url,
        {
            "base_version": 0,
            "gender_strength": "must",
            "gender_value": "Man",
            "drives_strength": "nice",
        },
    )
    assert response.status_code == 302
    rows = {
        p.characteristic: (p.strength, p.value)
        for p in WorkerPreference.objects.filter(person=personas.kyle)
    }
    assert rows == {"gender": ("must", "Man"), "drives": ("nice", "")}
    html = client.get(
        reverse("people:profile", kwargs={"person_id": personas.kyle.pk})
    ).content.decode()
    assert "Must" in html and "Would be nice" in html and "Man" in html


def test_worker_preference_needing_a_word_asks_for_it(personas, client_for):
    url = reverse("people:worker_preferences_edit", kwargs={"person_id": personas.kyle.pk})
    response = client_for(personas.person).post(
        url, {"base_version": 0, "language_strength": "must"}
    )
    assert response.status_code == 200
    assert not WorkerPreference.objects.exists()


def test_decision_making_profile_saved_with_provenance(personas, client_for):
    url = reverse("people:decision_making_edit", kwargs={"person_id": personas.kyle.pk})
    response = client_for(personas.worker).post(
        url,
        {
            "base_version": 0,
            "how_i_like_information": "Pictures.",
            "voice_how": "supported",
            "voice_helper": personas.worker.pk,
        },
    )
    assert response.status_code == 302
    profile = DecisionMakingProfile.objects.get(person=personas.kyle)
    assert profile.how_i_like_information == "Pictures."
    assert profile.voice_how == VoiceHow.SUPPORTED and profile.voice_helper == personas.worker


def test_circle_add_twice_adds_once_and_remove_works(personas, client_for):
    url = reverse("people:circle", kwargs={"person_id": personas.kyle.pk})
    client = client_for(personas.person)
    data = {"name": "Mary", "relationship": "Mum", "closeness": "closest"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert ImportantPerson.objects.filter(person=personas.kyle).count() == 1
    important = ImportantPerson.objects.get()
    remove = reverse(
        "people:circle_remove", kwargs={"person_id": personas.kyle.pk, "important_id": important.pk}
    )
    assert client.post(remove).status_code == 302
    assert not ImportantPerson.objects.exists()


def test_outsider_cannot_change_the_circle(personas, client_for):
    important = actions.important_person_add(
        actor=personas.person,
        person=personas.kyle,
        name="Mary",
        relationship="Mum",
        closeness="closest",
    )
    remove = reverse(
        "people:circle_remove", kwargs={"person_id": personas.kyle.pk, "important_id": important.pk}
    )
    assert client_for(personas.outsider).post(remove).status_code == 404
    assert client_for(personas.supporter).post(remove).status_code == 404
    assert ImportantPerson.objects.exists()


def test_voice_rules_enforced_by_the_action(personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.profile_entry_update(
            actor=personas.worker,
            person=personas.kyle,
            section="good_day",
            base_version=0,
            text="x",
            voice_how=VoiceHow.SUPPORTED,
            voice_helper=None,
        )


def test_easy_read_decision_making_asks_one_question_then_who_wrote_it(personas, client_for):
    client = client_for(personas.worker)
    session = client.session
    session["easy_read"] = True
    session.save()
    url = reverse("people:decision_making_edit", kwargs={"person_id": personas.kyle.pk})
    page = client.get(url).content.decode()
    assert "Question 1 of 6" in page and 'name="how_to_offer_choices"' not in page
    response = client.post(
        url, {"base_version": 0, "step": 1, "how_i_like_information": "Pictures."}
    )
    assert response["Location"].endswith("?step=2")
    profile = DecisionMakingProfile.objects.get(person=personas.kyle)
    assert profile.voice_how == VoiceHow.SUPPORTED and profile.voice_helper == personas.worker
    response = client.post(
        url + "?step=6",
        {"base_version": 1, "step": 6, "voice_how": "observed"},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.how_i_like_information == "Pictures."
    assert profile.voice_how == VoiceHow.OBSERVED and profile.voice_helper is None


def test_easy_read_interests_step_keeps_choices_from_other_categories(personas, client_for):
    from coproduce.people.models import Interest

    cooking = Interest.objects.get(slug="cooking")
    actions.person_details_update(
        actor=personas.person,
        person=personas.kyle,
        base_version=0,
        changes={"interests": [cooking]},
    )
    client = client_for(personas.person)
    session = client.session
    session["easy_read"] = True
    session.save()
    url = reverse("people:interests_edit", kwargs={"person_id": personas.kyle.pk})
    categories = list(Interest.objects.values_list("category", flat=True).distinct())
    step = sorted(set(categories), key=categories.index).index("Sport") + 1
    swimming = Interest.objects.get(slug="swimming")
    response = client.post(
        url, {"base_version": 1, "step": step, "interests_sport": [str(swimming.pk)]}
    )
    assert response.status_code == 302
    chosen = set(
        PersonDetails.objects.get(person=personas.kyle).interests.values_list("slug", flat=True)
    )
    assert chosen == {"cooking", "swimming"}


def test_a_wish_can_be_set_back_to_does_not_matter(personas, client_for):
    url = reverse("people:worker_preferences_edit", kwargs={"person_id": personas.kyle.pk})
    client = client_for(personas.person)
    client.post(url, {"base_version": 0, "drives_strength": "must"})
    assert 'value="any"' in client.get(url).content.decode()
    response = client.post(url, {"base_version": 1, "drives_strength": "any"})
    assert response.status_code == 302
    assert not WorkerPreference.objects.filter(person=personas.kyle).exists()
