"""Organisation admin pages: who may use them, what they show, what they refuse."""

from __future__ import annotations

import html

import pytest
from django.core import mail
from django.urls import reverse

from coproduce.accounts import actions
from coproduce.accounts.models import Membership, Role, Service, User
from coproduce.accounts.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ServiceFactory,
    UserFactory,
)
from coproduce.people.models import Person


def text(response) -> str:  # type: ignore[no-untyped-def]
    """Return the page as text, with HTML entities such as ' turned back into characters."""
    return html.unescape(response.content.decode())


REFUSED = ["manager", "worker", "senior_leader", "quality_lead", "person", "supporter"]


def worker_membership(personas) -> Membership:  # type: ignore[no-untyped-def]
    return personas.worker.memberships.get()


def service_data(**overrides) -> dict[str, str]:  # type: ignore[no-untyped-def]
    data = {
        "name": "Oak Lodge",
        "kind": "supported_living",
        "address": "2 Oak Lane",
        "postcode": "ls14ap",
        "latitude": "",
        "longitude": "",
        "area": "Leeds",
    }
    data.update(overrides)
    return data


def invite_data(**overrides) -> dict[str, object]:  # type: ignore[no-untyped-def]
    data: dict[str, object] = {
        "name": "Nia New",
        "email": "nia@example.test",
        "role": "support_worker",
    }
    data.update(overrides)
    return data


# Who may use each page


def object_urls(personas) -> list[str]:  # type: ignore[no-untyped-def]
    membership = worker_membership(personas)
    return [
        reverse("accounts:service_edit", kwargs={"service_id": personas.house.pk}),
        reverse("accounts:service_deactivate", kwargs={"service_id": personas.house.pk}),
        reverse("accounts:membership_edit", kwargs={"membership_id": membership.pk}),
        reverse("accounts:membership_end", kwargs={"membership_id": membership.pk}),
    ]


PAGE_NAMES = [
    "accounts:service_list",
    "accounts:service_add",
    "accounts:membership_list",
    "accounts:invite",
]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_org_admin_sees_each_admin_page(personas, client_for, name) -> None:
    response = client_for(personas.org_admin).get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("persona", REFUSED)
def test_other_roles_get_not_found_from_every_admin_page(personas, client_for, persona) -> None:
    client = client_for(personas.user(persona))
    for url in [reverse(name) for name in PAGE_NAMES] + object_urls(personas):
        assert client.get(url).status_code == 404, url


def test_org_admin_sees_each_page_about_one_of_their_objects(personas, client_for) -> None:
    client = client_for(personas.org_admin)
    for url in object_urls(personas):
        assert client.get(url).status_code == 200, url


def test_admin_of_another_organisation_gets_not_found_for_these_objects(
    personas, client_for
) -> None:
    client = client_for(personas.outsider)
    for url in object_urls(personas):
        assert client.get(url).status_code == 404, url


def test_org_admin_gets_not_found_for_another_organisations_objects(personas, client_for) -> None:
    client = client_for(personas.org_admin)
    outsider_membership = personas.outsider.memberships.get()
    urls = [
        reverse("accounts:service_edit", kwargs={"service_id": personas.other_service.pk}),
        reverse("accounts:service_deactivate", kwargs={"service_id": personas.other_service.pk}),
        reverse("accounts:membership_edit", kwargs={"membership_id": outsider_membership.pk}),
        reverse("accounts:membership_end", kwargs={"membership_id": outsider_membership.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"role": "org_admin", "name": "Taken"}).status_code == 404, url
    reactivate = reverse(
        "accounts:service_reactivate", kwargs={"service_id": personas.other_service.pk}
    )
    assert client.post(reactivate).status_code == 404
    outsider_membership.refresh_from_db()
    assert outsider_membership.ended_at is None
    assert Service.objects.get(pk=personas.other_service.pk).name == "Hillside House"


@pytest.mark.parametrize("persona", ["manager", "outsider"])
def test_refused_users_cannot_change_anything_by_post(personas, client_for, persona) -> None:
    client = client_for(personas.user(persona))
    house = personas.house
    membership = worker_membership(personas)
    posts = [
        (reverse("accounts:service_add"), service_data(), 404 if persona == "manager" else 200),
        (reverse("accounts:service_edit", kwargs={"service_id": house.pk}), service_data(), 404),
        (reverse("accounts:service_deactivate", kwargs={"service_id": house.pk}), {}, 404),
        (reverse("accounts:service_reactivate", kwargs={"service_id": house.pk}), {}, 404),
        (
            reverse("accounts:membership_edit", kwargs={"membership_id": membership.pk}),
            {"role": "org_admin"},
            404,
        ),
        (reverse("accounts:membership_end", kwargs={"membership_id": membership.pk}), {}, 404),
    ]
    for url, data, expected in posts:
        response = client.post(url, data)
        if expected == 404:
            assert response.status_code == 404, url
    house.refresh_from_db()
    membership.refresh_from_db()
    assert house.name == "Willow House" and house.is_active
    assert membership.role == Role.SUPPORT_WORKER and membership.ended_at is None
    assert not Service.objects.filter(organisation=personas.organisation, name="Oak Lodge").exists()


def test_manager_cannot_invite(personas, client_for) -> None:
    response = client_for(personas.manager).post(reverse("accounts:invite"), invite_data())
    assert response.status_code == 404
    assert not User.objects.filter(email="nia@example.test").exists()


def test_outsider_invites_only_into_their_own_organisation(personas, client_for) -> None:
    client = client_for(personas.outsider)
    client.post(reverse("accounts:invite"), invite_data(role="senior_leader"))
    membership = Membership.objects.get(user__email="nia@example.test")
    assert membership.organisation == personas.other_organisation


def test_outsider_cannot_invite_into_a_service_of_another_organisation(
    personas, client_for
) -> None:
    client = client_for(personas.outsider)
    response = client.post(reverse("accounts:invite"), invite_data(services=[personas.house.pk]))
    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    assert not User.objects.filter(email="nia@example.test").exists()


# Services


def test_service_list_shows_the_organisations_services_only(personas, client_for) -> None:
    page = text(client_for(personas.org_admin).get(reverse("accounts:service_list")))
    assert "Willow House" in page
    assert "North Home Care" in page
    assert "Hillside House" not in page


def test_service_list_searches_by_name_and_area(personas, client_for) -> None:
    ServiceFactory(organisation=personas.organisation, name="Birch Court", area="Kirkstall")
    client = client_for(personas.org_admin)
    url = reverse("accounts:service_list")
    by_area = text(client.get(url, {"q": "kirkstall"}))
    assert "Birch Court" in by_area and "Willow House" not in by_area
    by_name = text(client.get(url, {"q": "willow"}))
    assert "Willow House" in by_name and "Birch Court" not in by_name
    nothing = text(client.get(url, {"q": "zzz"}))
    assert "No services match your search." in nothing


def test_service_list_filters_deactivated_services(personas, client_for) -> None:
    actions.service_deactivate(actor=personas.org_admin, service=personas.house)
    client = client_for(personas.org_admin)
    page = text(client.get(reverse("accounts:service_list"), {"status": "inactive"}))
    assert "Willow House" in page and "North Home Care" not in page
    assert "Deactivated" in page


def test_service_list_shows_an_empty_state(db, client_for) -> None:
    admin = MembershipFactory(organisation=OrganisationFactory(), role="org_admin").user
    page = text(client_for(admin).get(reverse("accounts:service_list")))
    assert "There are no services yet" in page


def test_service_list_is_paginated_with_bounded_queries(
    personas, client_for, django_assert_max_num_queries
) -> None:
    for number in range(30):
        ServiceFactory(organisation=personas.organisation, name=f"House {number:02}")
    client = client_for(personas.org_admin)
    url = reverse("accounts:service_list")
    with django_assert_max_num_queries(9):
        first = text(client.get(url))
    assert "Page 1 of 2" in first
    assert "House 00" in first and "Willow House" not in first
    second = text(client.get(url, {"page": 2}))
    assert "Willow House" in second


def test_adding_a_service_saves_it_with_a_normalised_postcode(personas, client_for) -> None:
    client = client_for(personas.org_admin)
    response = client.post(
        reverse("accounts:service_add"),
        service_data(latitude="53.796481", longitude="-1.547852"),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:service_list")
    assert "Oak Lodge has been added." in text(response)
    service = Service.objects.get(organisation=personas.organisation, name="Oak Lodge")
    assert service.postcode == "LS1 4AP"
    assert str(service.latitude) == "53.79648"
    assert str(service.longitude) == "-1.54785"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter the name of the service."),
        ({"name": "willow house"}, "There is already a service called willow house."),
        ({"kind": ""}, "Choose the kind of service."),
        ({"postcode": "NOT A CODE"}, "Enter a real postcode, like LS1 4AP."),
        ({"postcode": "12345"}, "Enter a real postcode, like LS1 4AP."),
        (
            {"latitude": "91", "longitude": "0"},
            "Enter a latitude between -90 and 90, like 53.79648.",
        ),
        (
            {"latitude": "50", "longitude": "-181"},
            "Enter a longitude between -180 and 180, like -1.54785.",
        ),
        (
            {"latitude": "north", "longitude": "0"},
            "Enter a latitude between -90 and 90, like 53.79648.",
        ),
        ({"latitude": "53.8"}, "Enter the longitude too, or leave both empty."),
        ({"longitude": "-1.5"}, "Enter the latitude too, or leave both empty."),
    ],
)
def test_adding_a_service_explains_what_to_fix(personas, client_for, overrides, message) -> None:
    client = client_for(personas.org_admin)
    response = client.post(reverse("accounts:service_add"), service_data(**overrides))
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page
    assert message in page
    assert not Service.objects.filter(name="Oak Lodge").exists()


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        (" m1  1ae ", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("cr26xh", "CR2 6XH"),
        ("dn551pt", "DN55 1PT"),
        ("GIR 0AA", "GIR 0AA"),
    ],
)
def test_postcodes_are_saved_in_capitals_with_one_space(typed, saved) -> None:
    from coproduce.accounts.forms import normalise_uk_postcode

    assert normalise_uk_postcode(typed) == saved


def test_editing_a_service_saves_the_changes(personas, client_for) -> None:
    client = client_for(personas.org_admin)
    url = reverse("accounts:service_edit", kwargs={"service_id": personas.house.pk})
    page = text(client.get(url))
    assert 'value="Willow House"' in page
    response = client.post(
        url, service_data(name="Willow House", postcode="sw1a 1aa", area="Central"), follow=True
    )
    assert "Willow House has been saved." in text(response)
    personas.house.refresh_from_db()
    assert personas.house.area == "Central"
    assert personas.house.postcode == "SW1A 1AA"


def test_editing_a_service_refuses_the_name_of_another(personas, client_for) -> None:
    client = client_for(personas.org_admin)
    url = reverse("accounts:service_edit", kwargs={"service_id": personas.house.pk})
    response = client.post(url, service_data(name="North Home Care"))
    assert "There is already a service called North Home Care." in text(response)
    personas.house.refresh_from_db()
    assert personas.house.name == "Willow House"


def test_deactivating_a_service_asks_first_then_keeps_it(personas, client_for) -> None:
    client = client_for(personas.org_admin)
    url = reverse("accounts:service_deactivate", kwargs={"service_id": personas.house.pk})
    page = text(client.get(url))
    assert "Deactivate Willow House?" in page
    personas.house.refresh_from_db()
    assert personas.house.is_active
    response = client.post(url, follow=True)
    assert "Willow House has been deactivated." in text(response)
    personas.house.refresh_from_db()
    assert personas.house.is_active is False


def test_reactivating_a_service_starts_it_again(personas, client_for) -> None:
    actions.service_deactivate(actor=personas.org_admin, service=personas.house)
    client = client_for(personas.org_admin)
    url = reverse("accounts:service_reactivate", kwargs={"service_id": personas.house.pk})
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "Willow House is running again." in text(response)
    personas.house.refresh_from_db()
    assert personas.house.is_active


# People and roles


def test_membership_list_shows_current_and_ended_roles(personas, client_for) -> None:
    actions.membership_end(actor=personas.org_admin, membership=worker_membership(personas))
    page = text(client_for(personas.org_admin).get(reverse("accounts:membership_list")))
    assert "Wendy Worker" in page and "Ended" in page
    assert "Maya Manager" in page and "Current" in page
    assert "Olu Other" not in page


def test_membership_list_filters_by_role_service_search_and_status(personas, client_for) -> None:
    actions.membership_end(actor=personas.org_admin, membership=worker_membership(personas))
    client = client_for(personas.org_admin)
    url = reverse("accounts:membership_list")

    by_role = text(client.get(url, {"role": "service_manager"}))
    assert "Maya Manager" in by_role and "Ada Admin" not in by_role

    by_service = text(client.get(url, {"service": "home CARE"}))
    assert "Omar Other" in by_service and "Maya Manager" not in by_service

    by_email = text(client.get(url, {"q": "QUINN@"}))
    assert "Quinn Checker" in by_email and "Lee Lead" not in by_email

    by_name = text(client.get(url, {"q": "lee"}))
    assert "Lee Lead" in by_name and "Quinn Checker" not in by_name

    ended = text(client.get(url, {"status": "ended"}))
    assert "Wendy Worker" in ended and "Maya Manager" not in ended

    current = text(client.get(url, {"status": "current"}))
    assert "Wendy Worker" not in current and "Maya Manager" in current

    nobody = text(client.get(url, {"q": "nobody-at-all"}))
    assert "Nobody matches your search." in nobody


def test_membership_list_finds_nothing_by_a_service_of_another_organisation(
    personas, client_for
) -> None:
    client = client_for(personas.org_admin)
    page = text(client.get(reverse("accounts:membership_list"), {"service": "Hillside"}))
    assert "No service has a name containing 'Hillside'." in page
    assert "Olu Other" not in page and "Sam" not in page


def test_membership_list_service_search_matches_several_services_and_pages(
    personas, client_for
) -> None:
    # Both "Willow House" and a second house match; each person is listed once.
    other_house = ServiceFactory(organisation=personas.organisation, name="Beech House")
    for number in range(30):
        MembershipFactory(
            user=UserFactory(name=f"Zed {number:02}"),
            organisation=personas.organisation,
            role="support_worker",
            services=[personas.house, other_house],
        )
    client = client_for(personas.org_admin)
    url = reverse("accounts:membership_list")
    first = text(client.get(url, {"service": "house"}))
    # 30 new people, plus Wendy and Maya in Willow House.
    assert "32 roles" in first and "Page 1 of 2" in first
    assert "Omar Other" not in first
    assert "service=house" in first  # the next page keeps the search
    second = text(client.get(url, {"service": "house", "page": 2}))
    assert "Zed 29" in second and "Omar Other" not in second


def test_membership_list_service_search_with_no_people_is_not_a_missing_service(
    personas, client_for
) -> None:
    ServiceFactory(organisation=personas.organisation, name="Empty Lodge")
    client = client_for(personas.org_admin)
    page = text(client.get(reverse("accounts:membership_list"), {"service": "lodge"}))
    assert "Nobody matches your search." in page
    assert "No service has a name containing" not in page


def test_membership_list_has_no_select_of_every_service(personas, client_for) -> None:
    ServiceFactory.create_batch(35, organisation=personas.organisation)
    page = text(client_for(personas.org_admin).get(reverse("accounts:membership_list")))
    assert "Service name contains" in page
    assert "<option" not in page.split('name="service"')[0][-200:]
    assert page.count("<option") < 35


def test_membership_list_is_paginated_with_bounded_queries(
    personas, client_for, django_assert_max_num_queries
) -> None:
    for number in range(30):
        MembershipFactory(
            user=UserFactory(name=f"Zed {number:02}"),
            organisation=personas.organisation,
            role="support_worker",
            services=[personas.house, personas.home_care],
        )
    client = client_for(personas.org_admin)
    url = reverse("accounts:membership_list")
    with django_assert_max_num_queries(11):
        first = text(client.get(url))
    assert "Page 1 of 2" in first
    with django_assert_max_num_queries(11):
        second = text(client.get(url, {"page": 2, "role": "support_worker"}))
    assert "Zed 29" in second


def test_inviting_someone_creates_their_role_and_emails_them(
    personas, client_for, django_capture_on_commit_callbacks
) -> None:
    client = client_for(personas.org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invite"),
            invite_data(services=[personas.house.pk]),
            follow=True,
        )
    page = text(response)
    assert "Nia New has been invited." in page
    membership = Membership.objects.get(user__email="nia@example.test")
    assert membership.organisation == personas.organisation
    assert list(membership.services.all()) == [personas.house]
    [message] = mail.outbox
    assert message.to == ["nia@example.test"]
    assert "/accounts/login/" in message.body


def test_inviting_a_person_supported_creates_their_record(personas, client_for) -> None:
    client = client_for(personas.org_admin)
    client.post(
        reverse("accounts:invite"),
        invite_data(name="Priya Patel", role="person", services=[personas.home_care.pk]),
    )
    person = Person.objects.get(user__email="nia@example.test")
    assert person.preferred_name == "Priya"
    assert list(person.services.all()) == [personas.home_care]


def test_inviting_twice_creates_one_membership_and_says_so(
    personas, client_for, django_capture_on_commit_callbacks
) -> None:
    client = client_for(personas.org_admin)
    url = reverse("accounts:invite")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, invite_data())
        second = client.post(url, invite_data())
    assert first.status_code == 302
    assert second.status_code == 200
    assert "nia@example.test already has the role Support worker here." in (text(second))
    assert Membership.objects.filter(user__email="nia@example.test").count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter the person's full name."),
        ({"email": ""}, "Enter an email address."),
        ({"email": "not-an-email"}, "Enter an email address like name@example.com."),
        ({"role": ""}, "Choose a role."),
        ({"role": "wizard"}, "Select a valid choice."),
        (
            {"role": "senior_leader", "services": ["__house__"]},
            "Leave services empty for this role: it covers the whole organisation.",
        ),
    ],
)
def test_invite_explains_what_to_fix(personas, client_for, overrides, message) -> None:
    if overrides.get("services") == ["__house__"]:
        overrides = {**overrides, "services": [personas.house.pk]}
    response = client_for(personas.org_admin).post(
        reverse("accounts:invite"), invite_data(**overrides)
    )
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page
    assert message in page
    assert not Membership.objects.filter(user__email="nia@example.test").exists()


def test_invite_does_not_offer_deactivated_services(personas, client_for) -> None:
    actions.service_deactivate(actor=personas.org_admin, service=personas.home_care)
    page = text(client_for(personas.org_admin).get(reverse("accounts:invite")))
    assert "Willow House" in page
    assert "North Home Care" not in page


def test_changing_a_role_saves_it(personas, client_for) -> None:
    membership = worker_membership(personas)
    client = client_for(personas.org_admin)
    url = reverse("accounts:membership_edit", kwargs={"membership_id": membership.pk})
    page = text(client.get(url))
    assert "Change Wendy Worker's role" in page
    response = client.post(
        url,
        {"role": "service_manager", "services": [personas.house.pk, personas.home_care.pk]},
        follow=True,
    )
    assert "Wendy Worker's role has been saved." in text(response)
    membership.refresh_from_db()
    assert membership.role == Role.SERVICE_MANAGER
    assert set(membership.services.all()) == {personas.house, personas.home_care}


def test_changing_the_last_admins_role_is_refused_in_plain_words(personas, client_for) -> None:
    membership = personas.org_admin.memberships.get()
    client = client_for(personas.org_admin)
    url = reverse("accounts:membership_edit", kwargs={"membership_id": membership.pk})
    response = client.post(url, {"role": "senior_leader"})
    assert response.status_code == 200
    assert "This is the only organisation admin." in text(response)
    membership.refresh_from_db()
    assert membership.role == Role.ORG_ADMIN


def test_ending_a_role_asks_first_then_ends_it(personas, client_for) -> None:
    membership = worker_membership(personas)
    client = client_for(personas.org_admin)
    url = reverse("accounts:membership_end", kwargs={"membership_id": membership.pk})
    page = text(client.get(url))
    assert "End Wendy Worker's role?" in page
    assert "Yes, end this role" in page
    response = client.post(url, follow=True)
    assert "Wendy Worker is no longer Support worker." in text(response)
    membership.refresh_from_db()
    assert membership.ended_at is not None
    assert Membership.objects.filter(pk=membership.pk).exists()
    # An ended role cannot be changed or ended again.
    assert client.get(url).status_code == 404
    edit = reverse("accounts:membership_edit", kwargs={"membership_id": membership.pk})
    assert client.get(edit).status_code == 404


def test_the_last_admin_cannot_end_their_own_role(personas, client_for) -> None:
    membership = personas.org_admin.memberships.get()
    client = client_for(personas.org_admin)
    url = reverse("accounts:membership_end", kwargs={"membership_id": membership.pk})
    page = text(client.get(url))
    assert "This is the only organisation admin, so this role cannot end." in page
    assert "Yes, end this role" not in page
    response = client.post(url)
    assert response.status_code == 200
    assert "There is a problem" in text(response)
    membership.refresh_from_db()
    assert membership.ended_at is None


def test_an_admin_can_end_their_own_role_when_another_admin_remains(personas, client_for) -> None:
    MembershipFactory(organisation=personas.organisation, role=Role.ORG_ADMIN)
    membership = personas.org_admin.memberships.get()
    client = client_for(personas.org_admin)
    url = reverse("accounts:membership_end", kwargs={"membership_id": membership.pk})
    assert client.post(url).status_code == 302
    membership.refresh_from_db()
    assert membership.ended_at is not None
    # Without the role, the admin pages are gone for them.
    assert client.get(reverse("accounts:membership_list")).status_code == 404


# Organisations with many services: names are typed, not ticked


def big_organisation(personas) -> list[Service]:  # type: ignore[no-untyped-def]
    """Give the organisation 35 more services: more than the form shows boxes for."""
    return [
        ServiceFactory(organisation=personas.organisation, name=f"Garden Court {n:02}")
        for n in range(35)
    ]


def test_invite_in_a_big_organisation_has_no_box_for_each_service(personas, client_for) -> None:
    services = big_organisation(personas)
    page = text(client_for(personas.org_admin).get(reverse("accounts:invite")))
    assert 'name="services"' in page and "<textarea" in page
    assert 'type="checkbox"' not in page
    assert services[0].name not in page
    assert "one on each line" in page


def test_invite_in_a_big_organisation_takes_service_names(
    personas, client_for, django_capture_on_commit_callbacks
) -> None:
    services = big_organisation(personas)
    client = client_for(personas.org_admin)
    typed = f"  willow house \n{services[3].name.upper()}, {services[7].name}\n\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:invite"), invite_data(services=typed), follow=True)
    assert "Nia New has been invited." in text(response)
    membership = Membership.objects.get(user__email="nia@example.test")
    assert set(membership.services.all()) == {personas.house, services[3], services[7]}


def test_invite_in_a_big_organisation_names_each_unknown_service(personas, client_for) -> None:
    big_organisation(personas)
    client = client_for(personas.org_admin)
    response = client.post(
        reverse("accounts:invite"),
        invite_data(services="Willow House\nWilow Huose\nHillside House"),
    )
    page = text(response)
    assert response.status_code == 200
    for name in ("Wilow Huose", "Hillside House"):
        assert (
            f"We could not find a service called '{name}'. Check the spelling on the Services page."
        ) in page
    assert "'Willow House'" not in page
    assert not Membership.objects.filter(user__email="nia@example.test").exists()


def test_invite_in_a_big_organisation_keeps_the_role_rules(personas, client_for) -> None:
    big_organisation(personas)
    response = client_for(personas.org_admin).post(
        reverse("accounts:invite"), invite_data(role="senior_leader", services="Willow House")
    )
    assert "Leave services empty for this role" in text(response)


def test_invite_in_a_big_organisation_refuses_a_deactivated_service(personas, client_for) -> None:
    big_organisation(personas)
    actions.service_deactivate(actor=personas.org_admin, service=personas.home_care)
    response = client_for(personas.org_admin).post(
        reverse("accounts:invite"), invite_data(services="North Home Care")
    )
    assert "We could not find a service called 'North Home Care'." in text(response)


def test_changing_a_role_in_a_big_organisation_shows_and_saves_service_names(
    personas, client_for
) -> None:
    services = big_organisation(personas)
    membership = worker_membership(personas)
    membership.services.add(services[0])
    client = client_for(personas.org_admin)
    url = reverse("accounts:membership_edit", kwargs={"membership_id": membership.pk})
    page = text(client.get(url))
    assert 'type="checkbox"' not in page
    assert f"{services[0].name}\nWillow House</textarea>" in page

    response = client.post(
        url, {"role": "support_worker", "services": f"{services[5].name}"}, follow=True
    )
    assert "Wendy Worker's role has been saved." in text(response)
    assert list(membership.services.all()) == [services[5]]

    response = client.post(url, {"role": "support_worker", "services": "Nowhere Hall"})
    assert "We could not find a service called 'Nowhere Hall'." in text(response)
    assert list(membership.services.all()) == [services[5]]


def test_changing_a_role_keeps_a_deactivated_service_it_already_covers(
    personas, client_for
) -> None:
    big_organisation(personas)
    membership = worker_membership(personas)
    actions.service_deactivate(actor=personas.org_admin, service=personas.house)
    client = client_for(personas.org_admin)
    url = reverse("accounts:membership_edit", kwargs={"membership_id": membership.pk})
    assert "Willow House</textarea>" in text(client.get(url))
    response = client.post(url, {"role": "support_worker", "services": "Willow House"})
    assert response.status_code == 302
    assert list(membership.services.all()) == [personas.house]


def test_people_list_pages_read_in_two_parts_keep_the_one_query_order(personas) -> None:
    from coproduce.accounts import queries

    for membership in Membership.objects.filter(user__name__in=["Wendy Worker", "Lee Lead"]):
        actions.membership_end(actor=personas.org_admin, membership=membership)
    memberships = queries.filter_memberships(queries.memberships_of(personas.organisation))
    expected = list(memberships)
    source = queries.CurrentThenEnded(memberships)
    assert source.count() == len(expected) == 10
    # 8 current then 2 ended: pages of 3 cross from one to the other inside the third.
    pages = [source[start : start + 3] for start in range(0, 12, 3)]
    assert [m for page in pages for m in page] == expected
    assert pages[2][0].ended_at is None and pages[2][-1].ended_at is not None
