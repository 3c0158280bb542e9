"""Staff profiles: the worker's own pages, edits in parts, conflicts, availability, and who
sees which part of someone's profile."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.test import TestCase
from django.urls import reverse

from conftest import Personas
from coproduce.accounts.tests.factories import MembershipFactory, PersonFactory, UserFactory
from coproduce.core.models import AuditEntry
from coproduce.people.districts import district_centre, normalise_district
from coproduce.people.models import Availability, Interest, StaffProfile
from coproduce.people.staff.actions import (
    StaffProfileConflict,
    availability_add,
    availability_problem,
    staff_photo_set,
    staff_profile_update,
)
from coproduce.people.staff.tests.staff_helpers import (
    checked_picture,
    profile_of,
    profile_with_photo,
)

pytestmark = pytest.mark.django_db

MY_PROFILE = reverse("people:my_staff_profile")
MY_AVAILABILITY = reverse("people:my_availability")


def edit_url(part: str) -> str:
    return reverse("people:my_staff_profile_edit", kwargs={"part": part})


def profile_url(profile: StaffProfile) -> str:
    return reverse("people:staff_profile", kwargs={"staff_id": profile.pk})


def write_profile(personas: Personas, **hours: object) -> StaffProfile:
    """Give the worker persona a profile with something in every part."""
    worker, org = personas.worker, personas.organisation
    profile = profile_of(personas)
    for part, changes in {
        "about": {
            "appreciate": "I am calm.",
            "matters_to_me": "My dog.",
            "how_i_like_to_work": "Slowly.",
        },
        "skills": {"skills": [], "languages": ["English", "Urdu"]},
        "hours": {"contracted_hours": Decimal("37.5"), "suggest_outside_my_services": False}
        | hours,
    }.items():
        profile = staff_profile_update(
            actor=worker,
            organisation=org,
            part=part,
            expected_version=profile.version,
            changes=changes,
        )
    availability_add(
        actor=worker,
        organisation=org,
        weekday=0,
        starts_at=dt.time(9),
        ends_at=dt.time(13),
    )
    return profile


# The worker's own profile


def test_worker_sees_an_empty_profile_without_one_being_created(personas, client_for):
    response = client_for(personas.worker).get(MY_PROFILE)
    assert response.status_code == 200
    assert "You have not written your profile yet" in response.content.decode()
    assert not StaffProfile.objects.filter(user=personas.worker).exists()


@pytest.mark.parametrize("persona", ["person", "supporter", "commissioner", "org_admin"])
def test_roles_without_a_staff_profile_get_404(personas, client_for, persona):
    assert client_for(personas.user(persona)).get(MY_PROFILE).status_code == 404
    assert client_for(personas.user(persona)).get(edit_url("about")).status_code == 404


def test_outsider_gets_404_for_own_staff_profile_pages(personas, client_for):
    client = client_for(personas.outsider)
    assert client.get(MY_PROFILE).status_code == 404
    assert client.get(MY_AVAILABILITY).status_code == 404


def test_worker_saves_one_page_profile_and_it_is_audited(personas, client_for):
    client = client_for(personas.worker)
    response = client.post(
        edit_url("about"),
        {
            "version": "1",
            "appreciate": "I listen.",
            "matters_to_me": "Family",
            "how_i_like_to_work": "Together",
        },
    )
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=personas.worker)
    assert (profile.appreciate, profile.version) == ("I listen.", 2)
    assert AuditEntry.objects.filter(
        object_type="people.staffprofile",
        object_id=str(profile.pk),
        action=AuditEntry.Action.UPDATE,
    ).exists()


def test_unknown_part_is_404(personas, client_for):
    assert client_for(personas.worker).get(edit_url("salary")).status_code == 404


def test_interests_are_chosen_by_category_with_free_text(personas, client_for):
    client = client_for(personas.worker)
    page = client.get(edit_url("interests")).content.decode()
    assert "Outdoors" in page and "Music" in page
    walking = Interest.objects.get(slug="walking")
    football = Interest.objects.get(slug="football")
    response = client.post(
        edit_url("interests"),
        {
            "version": "1",
            "interests_outdoors": [str(walking.pk)],
            "interests_sport": [str(football.pk)],
            "other_interests": "Quizzes",
        },
    )
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=personas.worker)
    assert set(profile.interests.values_list("slug", flat=True)) == {"walking", "football"}
    assert profile.other_interests == "Quizzes"


def test_skills_and_languages_are_saved(personas, client_for):
    from coproduce.people.models import Skill

    autism = Skill.objects.get(slug="autism")
    response = client_for(personas.worker).post(
        edit_url("skills"),
        {"version": "1", "skills": [str(autism.pk)], "languages": "English, urdu; English"},
    )
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=personas.worker)
    assert list(profile.skills.all()) == [autism]
    assert profile.languages == ["English", "urdu"]


def test_details_are_saved_and_a_silly_birth_year_is_refused(personas, client_for):
    client = client_for(personas.worker)
    data = {
        "version": "1",
        "drives": "yes",
        "gender": "woman",
        "birth_year": "1850",
        "happy_with_pets": "no",
        "smoker": "no",
    }
    refused = client.post(edit_url("details"), data)
    assert refused.status_code == 200
    assert "Enter a year between" in refused.content.decode()
    data["birth_year"] = "1990"
    assert client.post(edit_url("details"), data).status_code == 302
    profile = StaffProfile.objects.get(user=personas.worker)
    assert (profile.drives, profile.gender, profile.birth_year) == (True, "woman", 1990)
    assert (profile.happy_with_pets, profile.smoker) == (False, False)


def test_home_area_keeps_only_the_district_and_a_coarse_point(personas, client_for):
    response = client_for(personas.worker).post(
        edit_url("area"), {"version": "1", "home_area": "ls6 3ag"}
    )
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=personas.worker)
    assert profile.home_area == "LS6"
    assert (profile.home_latitude, profile.home_longitude) == district_centre("LS6")
    assert profile.home_latitude == Decimal("53.82")


def test_unknown_district_needs_a_point_which_is_rounded(personas, client_for):
    client = client_for(personas.worker)
    refused = client.post(edit_url("area"), {"version": "1", "home_area": "ZE2"})
    assert "is not on the list of known areas" in refused.content.decode()
    response = client.post(
        edit_url("area"),
        {"version": "1", "home_area": "ZE2", "latitude": "60.15432", "longitude": "-1.14567"},
    )
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=personas.worker)
    assert (profile.home_latitude, profile.home_longitude) == (Decimal("60.15"), Decimal("-1.15"))


def test_not_a_postcode_district_is_refused_plainly(personas, client_for):
    response = client_for(personas.worker).post(
        edit_url("area"), {"version": "1", "home_area": "Leeds"}
    )
    assert "Enter the first half of a postcode" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "district"),
    [("ls6", "LS6"), ("LS6 3AG", "LS6"), ("ls63ag", "LS6"), ("bd18", "BD18"), ("", "")],
)
def test_postcode_is_cut_to_its_district(typed, district):
    assert normalise_district(typed) == district


def test_contracted_hours_and_outside_choice_are_saved(personas, client_for):
    response = client_for(personas.worker).post(
        edit_url("hours"),
        {"version": "1", "contracted_hours": "37.5", "suggest_outside_my_services": "yes"},
    )
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=personas.worker)
    assert profile.contracted_hours == Decimal("37.5")
    assert profile.suggest_outside_my_services is True


def test_second_saver_sees_a_conflict_page_and_loses_nothing(personas, client_for):
    first, second = client_for(personas.worker), client_for(personas.worker)
    form = {"version": "1", "appreciate": "", "matters_to_me": "", "how_i_like_to_work": ""}
    assert first.post(edit_url("about"), form | {"appreciate": "First words"}).status_code == 302
    response = second.post(edit_url("about"), form | {"appreciate": "Second words"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Your profile was changed somewhere else" in page
    assert "First words" in page  # what is saved now
    assert "Second words" in page  # what they typed, still in the form
    assert 'name="version" value="2"' in page
    profile = StaffProfile.objects.get(user=personas.worker)
    assert profile.appreciate == "First words"
    # Saving again from the conflict page keeps the second saver's words.
    again = second.post(edit_url("about"), form | {"version": "2", "appreciate": "Second words"})
    assert again.status_code == 302
    profile.refresh_from_db()
    assert (profile.appreciate, profile.version) == ("Second words", 3)


def test_same_form_sent_twice_is_not_a_conflict(personas, client_for):
    client = client_for(personas.worker)
    form = {"version": "1", "appreciate": "Same", "matters_to_me": "", "how_i_like_to_work": ""}
    assert client.post(edit_url("about"), form).status_code == 302
    assert client.post(edit_url("about"), form).status_code == 302
    assert StaffProfile.objects.get(user=personas.worker).version == 2


def test_update_with_an_old_version_raises_a_conflict(personas):
    profile = profile_of(personas)
    staff_profile_update(
        actor=personas.worker,
        organisation=personas.organisation,
        part="about",
        expected_version=1,
        changes={"appreciate": "A"},
    )
    with pytest.raises(StaffProfileConflict) as raised:
        staff_profile_update(
            actor=personas.worker,
            organisation=personas.organisation,
            part="about",
            expected_version=1,
            changes={"appreciate": "B"},
        )
    assert raised.value.current.appreciate == "A"
    profile.refresh_from_db()
    assert profile.version == 2


def test_update_refuses_fields_of_another_part(personas):
    with pytest.raises(ValueError, match="outside"):
        staff_profile_update(
            actor=personas.worker,
            organisation=personas.organisation,
            part="about",
            expected_version=1,
            changes={"contracted_hours": Decimal("1")},
        )


# Availability


def test_worker_adds_and_removes_a_weekly_slot(personas, client_for):
    client = client_for(personas.worker)
    response = client.post(
        MY_AVAILABILITY, {"weekday": "2", "starts_at": "9am", "ends_at": "13:30"}
    )
    assert response.status_code == 302
    slot = Availability.objects.get(staff__user=personas.worker)
    assert (slot.weekday, slot.starts_at, slot.ends_at) == (2, dt.time(9), dt.time(13, 30))
    assert "09:00 to 13:30" in client.get(MY_AVAILABILITY).content.decode()
    remove = reverse("people:my_availability_remove", kwargs={"slot_id": slot.pk})
    assert client.post(remove).status_code == 302
    assert not Availability.objects.filter(pk=slot.pk).exists()
    # Removing it again changes nothing and does not fail.
    assert client.post(remove).status_code == 302


def test_slot_that_ends_before_it_starts_is_refused_plainly(personas, client_for):
    response = client_for(personas.worker).post(
        MY_AVAILABILITY, {"weekday": "0", "starts_at": "17:00", "ends_at": "09:00"}
    )
    assert response.status_code == 200
    assert "The end time must be after the start time" in response.content.decode()
    assert not Availability.objects.exists()


def test_overlapping_slot_is_refused_plainly(personas, client_for):
    client = client_for(personas.worker)
    client.post(MY_AVAILABILITY, {"weekday": "0", "starts_at": "09:00", "ends_at": "13:00"})
    response = client.post(
        MY_AVAILABILITY, {"weekday": "0", "starts_at": "12:00", "ends_at": "15:00"}
    )
    assert "overlaps a time you already gave: Monday 09:00 to 13:00" in response.content.decode()
    assert Availability.objects.count() == 1


def test_slots_that_touch_do_not_overlap(personas):
    slot = Availability(weekday=0, starts_at=dt.time(9), ends_at=dt.time(13))
    assert (
        availability_problem(slots=[slot], weekday=0, starts_at=dt.time(13), ends_at=dt.time(17))
        is None
    )
    assert (
        availability_problem(slots=[slot], weekday=1, starts_at=dt.time(10), ends_at=dt.time(11))
        is None
    )


def test_unreadable_time_is_refused_plainly(personas, client_for):
    response = client_for(personas.worker).post(
        MY_AVAILABILITY, {"weekday": "0", "starts_at": "soon", "ends_at": "25:00"}
    )
    page = response.content.decode()
    assert "Enter a time like 09:00 or 9am" in page
    assert "Enter a time like 17:00 or 5pm" in page


def test_same_slot_sent_twice_is_added_once(personas, client_for):
    client = client_for(personas.worker)
    data = {"weekday": "4", "starts_at": "10:00", "ends_at": "12:00"}
    client.post(MY_AVAILABILITY, data)
    client.post(MY_AVAILABILITY, data)
    assert Availability.objects.filter(staff__user=personas.worker).count() == 1


def test_action_refuses_an_overlap_even_without_the_form(personas):
    kwargs = {"actor": personas.worker, "organisation": personas.organisation, "weekday": 3}
    availability_add(**kwargs, starts_at=dt.time(9), ends_at=dt.time(12))
    with pytest.raises(ValidationError):
        availability_add(**kwargs, starts_at=dt.time(11), ends_at=dt.time(14))


def test_worker_cannot_remove_someone_elses_slot(personas, client_for):
    write_profile(personas)
    slot = Availability.objects.get(staff__user=personas.worker)
    remove = reverse("people:my_availability_remove", kwargs={"slot_id": slot.pk})
    assert client_for(personas.other_worker).post(remove).status_code == 302
    assert Availability.objects.filter(pk=slot.pk).exists()


# Who sees which part of a worker's profile


def test_person_in_the_same_service_sees_the_public_part_but_not_hours(personas, client_for):
    profile = write_profile(personas)
    response = client_for(personas.person).get(profile_url(profile))
    assert response.status_code == 200
    page = response.content.decode()
    assert "I am calm." in page and "Urdu" in page
    assert "Contracted hours" not in page
    assert "09:00 to 13:00" not in page
    assert "For managers only" not in page


def test_their_supporter_sees_the_public_part(personas, client_for):
    profile = write_profile(personas)
    response = client_for(personas.supporter).get(profile_url(profile))
    assert response.status_code == 200
    assert "Contracted hours" not in response.content.decode()


def _person_in_home_care(personas: Personas):  # type: ignore[no-untyped-def]
    user = UserFactory(name="Rita Home", email="rita@example.test")
    MembershipFactory(user=user, organisation=personas.organisation, role="person")
    PersonFactory(
        organisation=personas.organisation,
        user=user,
        preferred_name="Rita",
        services=[personas.home_care],
    )
    return user


def test_person_in_another_service_sees_it_only_if_the_worker_agreed(personas, client_for):
    rita = _person_in_home_care(personas)
    profile = write_profile(personas)
    assert client_for(rita).get(profile_url(profile)).status_code == 404
    staff_profile_update(
        actor=personas.worker,
        organisation=personas.organisation,
        part="hours",
        expected_version=profile.version,
        changes={"suggest_outside_my_services": True},
    )
    response = client_for(rita).get(profile_url(profile))
    assert response.status_code == 200
    assert "Contracted hours" not in response.content.decode()


def test_manager_of_their_service_sees_everything(personas, client_for):
    profile = write_profile(personas)
    response = client_for(personas.manager).get(profile_url(profile))
    assert response.status_code == 200
    page = response.content.decode()
    assert "For managers only" in page
    assert "37.5 hours a week" in page
    assert "09:00 to 13:00" in page
    assert "Willow House" in page


@pytest.mark.parametrize("persona", ["quality_lead", "senior_leader", "org_admin"])
def test_organisation_wide_leads_see_everything(personas, client_for, persona):
    profile = write_profile(personas)
    response = client_for(personas.user(persona)).get(profile_url(profile))
    assert response.status_code == 200
    assert "37.5 hours a week" in response.content.decode()


def test_manager_of_another_service_gets_404(personas, client_for):
    other_manager = UserFactory(name="Hal Manager", email="hal@example.test")
    MembershipFactory(
        user=other_manager,
        organisation=personas.organisation,
        role="service_manager",
        services=[personas.home_care],
    )
    profile = write_profile(personas)
    assert client_for(other_manager).get(profile_url(profile)).status_code == 404


@pytest.mark.parametrize("persona", ["commissioner", "other_worker", "quality_checker", "outsider"])
def test_commissioners_colleagues_and_outsiders_get_404(personas, client_for, persona):
    profile = write_profile(personas, suggest_outside_my_services=True)
    assert client_for(personas.user(persona)).get(profile_url(profile)).status_code == 404


def test_missing_profile_is_404(personas, client_for):
    url = reverse("people:staff_profile", kwargs={"staff_id": 99999})
    assert client_for(personas.org_admin).get(url).status_code == 404


def test_reading_someone_elses_profile_is_audited(personas, client_for):
    profile = write_profile(personas)
    client_for(personas.manager).get(profile_url(profile))
    assert AuditEntry.objects.filter(
        actor=personas.manager,
        action=AuditEntry.Action.READ,
        object_type="people.staffprofile",
        object_id=str(profile.pk),
    ).exists()


def test_profile_page_in_easy_read_speaks_plainly(personas, client_for):
    profile = write_profile(personas)
    client = client_for(personas.person)
    session = client.session
    session["easy_read"] = True
    session.save()
    page = client.get(profile_url(profile)).content.decode()
    assert "This is Wendy" in page
    assert "Wendy speaks: English, Urdu." in page


def test_profile_page_costs_the_same_with_more_interests(
    personas, client_for, django_assert_max_num_queries
):
    profile = write_profile(personas)
    profile.interests.set(Interest.objects.all())
    client = client_for(personas.person)
    with django_assert_max_num_queries(16):
        assert client.get(profile_url(profile)).status_code == 200


# The photo


def photo_url(profile: StaffProfile) -> str:
    return reverse("people:staff_photo", kwargs={"staff_id": profile.pk})


def test_profile_page_shows_the_workers_picture_in_both_page_modes(personas, client_for):
    profile = profile_with_photo(personas)
    client = client_for(personas.person)
    for easy_read in (False, True):
        personas.person.easy_read = easy_read
        personas.person.save(update_fields=["easy_read"])
        page = client.get(profile_url(profile)).text
        assert f'src="{photo_url(profile)}"' in page
        assert f'alt="Picture of {personas.worker.get_short_name()}"' in page


def test_the_photo_is_served_privately_to_those_who_see_the_profile(personas, client_for):
    profile = profile_with_photo(personas)
    response = client_for(personas.person).get(photo_url(profile))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    for persona in ("commissioner", "outsider"):
        assert client_for(personas.user(persona)).get(photo_url(profile)).status_code == 404


def test_a_profile_without_a_photo_has_no_photo_to_serve(personas, client_for):
    profile = write_profile(personas)
    assert client_for(personas.manager).get(photo_url(profile)).status_code == 404
    assert "/photo/" not in client_for(personas.manager).get(profile_url(profile)).text


def test_a_new_photo_replaces_the_old_and_the_change_is_audited(personas):
    first = profile_with_photo(personas).photo.name
    with TestCase.captureOnCommitCallbacks(execute=True):
        second = staff_photo_set(
            actor=personas.worker,
            organisation=personas.organisation,
            photo=checked_picture("#00703c"),
        ).photo.name
    assert second != first
    assert not default_storage.exists(first)
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.UPDATE, summary="Changed the staff profile photo"
    ).exists()


def test_a_photo_whose_file_is_gone_answers_404_not_a_server_error(personas, client_for):
    """The record still names the file but storage lost it (the large demo wrote its
    portraits to a temporary folder): a 404, like a missing record, for GET and HEAD."""
    profile = profile_with_photo(personas)
    default_storage.delete(profile.photo.name)
    client = client_for(personas.person)
    client.raise_request_exception = False
    assert client.get(photo_url(profile)).status_code == 404
    assert client.head(photo_url(profile)).status_code == 404
