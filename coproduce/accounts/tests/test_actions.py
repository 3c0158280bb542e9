"""Actions for services and memberships: what they write, audit and refuse."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from coproduce.accounts import actions
from coproduce.accounts.access import access_membership, access_service
from coproduce.accounts.models import Membership, MembershipQuerySet, Role, User
from coproduce.accounts.rules import organisation_keeps_an_admin
from coproduce.accounts.tests.factories import MembershipFactory, UserFactory
from coproduce.accounts.viewer import viewer_for
from coproduce.core.access import NotFound
from coproduce.core.models import AuditEntry
from coproduce.people.models import Person


def entries_for(obj) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    return list(AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)))


def invite(personas, **overrides):  # type: ignore[no-untyped-def]
    values = {
        "actor": personas.org_admin,
        "organisation": personas.organisation,
        "email": "new.person@example.test",
        "name": "Nia New",
        "role": Role.SUPPORT_WORKER,
        "services": [personas.house],
    }
    values.update(overrides)
    return actions.membership_invite(**values)


# Services


def test_service_create_adds_the_service_and_an_audit_entry(personas) -> None:
    service = actions.service_create(
        actor=personas.org_admin,
        organisation=personas.organisation,
        name="  Oak Lodge ",
        kind="supported_living",
        postcode="LS1 4AP",
        latitude=Decimal("53.79648"),
        longitude=Decimal("-1.54785"),
        area="Leeds",
    )
    assert service.organisation == personas.organisation
    assert service.name == "Oak Lodge"
    [entry] = entries_for(service)
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == personas.org_admin
    assert entry.organisation == personas.organisation


def test_service_create_refuses_a_name_already_used_in_the_organisation(personas) -> None:
    with pytest.raises(actions.ServiceNameTaken, match="already a service called willow house"):
        actions.service_create(
            actor=personas.org_admin,
            organisation=personas.organisation,
            name="willow house",
            kind="supported_living",
        )


def test_service_name_may_repeat_in_another_organisation(personas) -> None:
    service = actions.service_create(
        actor=personas.outsider,
        organisation=personas.other_organisation,
        name="Willow House",
        kind="supported_living",
    )
    assert service.pk


def test_service_update_saves_and_audits_only_what_changed(personas) -> None:
    house = personas.house
    actions.service_update(
        actor=personas.org_admin,
        service=house,
        name=house.name,
        kind=house.kind,
        address="1 Willow Road",
        postcode=house.postcode,
        area="North",
    )
    house.refresh_from_db()
    assert house.address == "1 Willow Road"
    [entry] = entries_for(house)
    assert entry.action == AuditEntry.Action.UPDATE
    assert "address" in entry.summary and "area" in entry.summary
    assert "name" not in entry.summary


def test_service_update_without_changes_writes_nothing(personas) -> None:
    house = personas.house
    actions.service_update(
        actor=personas.org_admin,
        service=house,
        name=house.name,
        kind=house.kind,
        address=house.address,
        postcode=house.postcode,
        area=house.area,
    )
    assert entries_for(house) == []


def test_service_update_refuses_the_name_of_another_service(personas) -> None:
    with pytest.raises(actions.ServiceNameTaken):
        actions.service_update(
            actor=personas.org_admin,
            service=personas.house,
            name="North Home Care",
            kind="supported_living",
        )


def test_service_deactivate_and_reactivate_keep_the_service_and_audit(personas) -> None:
    house = personas.house
    actions.service_deactivate(actor=personas.org_admin, service=house)
    house.refresh_from_db()
    assert house.is_active is False
    actions.service_reactivate(actor=personas.org_admin, service=house)
    house.refresh_from_db()
    assert house.is_active is True
    summaries = [entry.summary for entry in entries_for(house)]
    assert summaries == ["Reactivated service Willow House", "Deactivated service Willow House"]


def test_service_deactivate_twice_writes_one_entry(personas) -> None:
    actions.service_deactivate(actor=personas.org_admin, service=personas.house)
    actions.service_deactivate(actor=personas.org_admin, service=personas.house)
    assert len(entries_for(personas.house)) == 1


# Invitations


def test_invite_creates_a_user_without_a_usable_password(personas) -> None:
    membership = invite(personas, email="  Nia.New@Example.test ")
    user = membership.user
    assert user.email == "nia.new@example.test"
    assert user.name == "Nia New"
    assert not user.has_usable_password()
    assert membership.organisation == personas.organisation
    assert membership.role == Role.SUPPORT_WORKER
    assert membership.invited_by == personas.org_admin
    assert list(membership.services.all()) == [personas.house]


def test_invite_reuses_an_existing_user_and_keeps_their_password(personas) -> None:
    membership = invite(personas, email="WENDY@example.test", role=Role.QUALITY_CHECKER)
    assert membership.user == personas.worker
    personas.worker.refresh_from_db()
    assert personas.worker.has_usable_password()
    assert personas.worker.name == "Wendy Worker"


def test_invite_writes_audit_entries_for_the_user_and_the_membership(personas) -> None:
    membership = invite(personas)
    [user_entry] = entries_for(membership.user)
    [membership_entry] = entries_for(membership)
    assert user_entry.action == AuditEntry.Action.CREATE
    assert membership_entry.action == AuditEntry.Action.CREATE
    assert membership_entry.organisation == personas.organisation
    assert membership_entry.actor == personas.org_admin


def test_invite_emails_how_to_sign_in_after_commit(
    personas, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invite(personas)
        assert mail.outbox == []
    assert len(callbacks) == 1
    [message] = mail.outbox
    assert message.to == ["new.person@example.test"]
    assert "Riverside Support" in message.subject
    assert "Hello Nia New," in message.body
    assert "Ada Admin at Riverside Support has invited you" in message.body
    assert "Support worker" in message.body
    assert settings.SITE_URL.rstrip("/") + reverse("account_login") in message.body
    assert "password" in message.body


def test_invite_refuses_a_second_current_membership_with_the_same_role(personas) -> None:
    with pytest.raises(actions.MembershipExists, match=r"wendy@example\.test already has the role"):
        invite(personas, email="wendy@example.test", role=Role.SUPPORT_WORKER)
    assert personas.worker.memberships.count() == 1


def test_inviting_twice_creates_one_membership_and_one_email(
    personas, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invite(personas)
    with pytest.raises(actions.MembershipExists), django_capture_on_commit_callbacks(execute=True):
        invite(personas)
    assert Membership.objects.filter(user__email="new.person@example.test").count() == 1
    assert User.objects.filter(email="new.person@example.test").count() == 1
    assert len(mail.outbox) == 1


def test_invite_turns_a_unique_constraint_clash_into_the_plain_message(
    personas, monkeypatch
) -> None:
    """The same form sent twice at once passes the check in both; the constraint decides."""
    invite(personas)
    monkeypatch.setattr(MembershipQuerySet, "current", lambda self: self.none())
    with pytest.raises(actions.MembershipExists, match="already has the role"):
        invite(personas)
    assert Membership.objects.filter(user__email="new.person@example.test").count() == 1


def test_invite_after_an_ended_membership_starts_a_new_one(personas) -> None:
    first = invite(personas)
    actions.membership_end(actor=personas.org_admin, membership=first)
    second = invite(personas)
    assert second.pk != first.pk
    assert second.user == first.user


def test_invite_as_a_person_supported_creates_their_record(personas) -> None:
    membership = invite(personas, name="Priya Patel", role=Role.PERSON, services=[personas.house])
    person = Person.objects.get(user=membership.user)
    assert person.organisation == personas.organisation
    assert person.preferred_name == "Priya"
    assert person.full_name == "Priya Patel"
    assert list(person.services.all()) == [personas.house]
    assert entries_for(person)[0].action == AuditEntry.Action.CREATE
    assert viewer_for(membership.user, personas.organisation).person_id == person.pk


def test_invite_of_a_staff_role_creates_no_person_record(personas) -> None:
    membership = invite(personas)
    assert not Person.objects.filter(user=membership.user).exists()


def test_invite_ignores_services_for_organisation_wide_roles(personas) -> None:
    membership = invite(personas, role=Role.SENIOR_LEADER, services=[personas.house])
    assert list(membership.services.all()) == []


def test_invite_refuses_a_service_of_another_organisation(personas) -> None:
    with pytest.raises(ValueError):
        invite(personas, services=[personas.other_service])
    assert not User.objects.filter(email="new.person@example.test").exists()


# Changing and ending memberships


def test_membership_update_changes_role_and_services_and_audits(personas) -> None:
    membership = personas.worker.memberships.get()
    actions.membership_update(
        actor=personas.org_admin,
        membership=membership,
        role=Role.SERVICE_MANAGER,
        services=[personas.house, personas.home_care],
    )
    membership.refresh_from_db()
    assert membership.role == Role.SERVICE_MANAGER
    assert set(membership.services.all()) == {personas.house, personas.home_care}
    [entry] = entries_for(membership)
    assert entry.action == AuditEntry.Action.UPDATE
    assert "Support worker" in entry.summary and "Service manager" in entry.summary


def test_membership_update_refuses_a_role_the_user_already_holds(personas) -> None:
    MembershipFactory(
        user=personas.worker, organisation=personas.organisation, role=Role.QUALITY_CHECKER
    )
    membership = personas.worker.memberships.get(role=Role.SUPPORT_WORKER)
    with pytest.raises(actions.MembershipExists):
        actions.membership_update(
            actor=personas.org_admin, membership=membership, role=Role.QUALITY_CHECKER
        )
    membership.refresh_from_db()
    assert membership.role == Role.SUPPORT_WORKER


def test_membership_update_refuses_to_take_the_role_of_the_last_admin(personas) -> None:
    membership = personas.org_admin.memberships.get()
    with pytest.raises(actions.LastAdminError, match="only organisation admin"):
        actions.membership_update(
            actor=personas.org_admin, membership=membership, role=Role.SENIOR_LEADER
        )
    membership.refresh_from_db()
    assert membership.role == Role.ORG_ADMIN


def test_membership_end_sets_the_end_and_keeps_the_record(personas) -> None:
    membership = personas.worker.memberships.get()
    actions.membership_end(actor=personas.org_admin, membership=membership)
    membership.refresh_from_db()
    assert membership.ended_at is not None
    assert entries_for(membership)[0].summary.startswith("Ended wendy@example.test")
    assert viewer_for(personas.worker, personas.organisation).roles == frozenset()


def test_membership_end_twice_keeps_the_first_end(personas) -> None:
    membership = personas.worker.memberships.get()
    actions.membership_end(actor=personas.org_admin, membership=membership)
    first_end = Membership.objects.get(pk=membership.pk).ended_at
    stale = Membership.objects.get(pk=membership.pk)
    stale.ended_at = None  # as a second form sent before the first finished would see it
    actions.membership_end(actor=personas.org_admin, membership=stale)
    assert Membership.objects.get(pk=membership.pk).ended_at == first_end
    assert len(entries_for(membership)) == 1


def test_the_last_admin_cannot_end_their_own_membership(personas) -> None:
    membership = personas.org_admin.memberships.get()
    with pytest.raises(actions.LastAdminError):
        actions.membership_end(actor=personas.org_admin, membership=membership)
    membership.refresh_from_db()
    assert membership.ended_at is None


def test_an_admin_may_end_their_own_admin_role_when_another_admin_remains(personas) -> None:
    MembershipFactory(organisation=personas.organisation, role=Role.ORG_ADMIN)
    membership = personas.org_admin.memberships.get()
    actions.membership_end(actor=personas.org_admin, membership=membership)
    membership.refresh_from_db()
    assert membership.ended_at is not None


# The rule: an organisation keeps at least one admin


def test_rule_refuses_ending_the_only_current_admin() -> None:
    admin = Membership(pk=1, role=Role.ORG_ADMIN)
    assert organisation_keeps_an_admin(admin, [1]) is False


def test_rule_allows_ending_an_admin_when_another_remains() -> None:
    admin = Membership(pk=1, role=Role.ORG_ADMIN)
    assert organisation_keeps_an_admin(admin, [1, 2]) is True


def test_rule_does_not_apply_to_other_roles() -> None:
    worker = Membership(pk=3, role=Role.SUPPORT_WORKER)
    assert organisation_keeps_an_admin(worker, [1]) is True


def test_rule_does_not_apply_to_an_ended_admin_membership() -> None:
    from django.utils import timezone

    ended = Membership(pk=1, role=Role.ORG_ADMIN, ended_at=timezone.now())
    assert organisation_keeps_an_admin(ended, []) is True


def test_rule_docstring_states_the_rule() -> None:
    assert organisation_keeps_an_admin.__doc__
    assert "at least one organisation admin" in organisation_keeps_an_admin.__doc__


# Access functions


def test_access_service_returns_a_service_of_the_admins_organisation(personas) -> None:
    viewer = viewer_for(personas.org_admin, personas.organisation)
    assert access_service(viewer, personas.house.pk, "change") == personas.house


@pytest.mark.parametrize("persona", ["manager", "worker", "senior_leader", "person"])
def test_access_service_is_not_found_for_other_roles(personas, persona) -> None:
    viewer = viewer_for(personas.user(persona), personas.organisation)
    with pytest.raises(NotFound):
        access_service(viewer, personas.house.pk, "change")


def test_access_service_is_not_found_for_another_organisations_service(personas) -> None:
    viewer = viewer_for(personas.org_admin, personas.organisation)
    with pytest.raises(NotFound):
        access_service(viewer, personas.other_service.pk, "view")
    with pytest.raises(NotFound):
        access_service(viewer, 999_999, "view")


def test_access_service_is_not_found_without_an_organisation(personas) -> None:
    with pytest.raises(NotFound):
        access_service(viewer_for(UserFactory(), None), personas.house.pk)


def test_access_membership_audits_the_read(personas) -> None:
    viewer = viewer_for(personas.org_admin, personas.organisation)
    membership = personas.worker.memberships.get()
    assert access_membership(viewer, membership.pk, "change") == membership
    [entry] = entries_for(membership)
    assert entry.action == AuditEntry.Action.READ
    assert entry.actor == personas.org_admin


def test_access_membership_is_not_found_across_organisations_and_roles(personas) -> None:
    outsider = viewer_for(personas.outsider, personas.other_organisation)
    manager = viewer_for(personas.manager, personas.organisation)
    membership = personas.worker.memberships.get()
    for viewer in (outsider, manager):
        with pytest.raises(NotFound):
            access_membership(viewer, membership.pk, "view")
    # Nothing was read; each refusal is recorded, under the asker's organisation.
    entries = entries_for(membership)
    assert [e.action for e in entries] == [AuditEntry.Action.REFUSED] * 2
    assert {e.organisation for e in entries} == {
        personas.other_organisation,
        personas.organisation,
    }


def test_an_ended_membership_can_be_viewed_but_not_changed_or_ended(personas) -> None:
    viewer = viewer_for(personas.org_admin, personas.organisation)
    membership = personas.worker.memberships.get()
    actions.membership_end(actor=personas.org_admin, membership=membership)
    assert access_membership(viewer, membership.pk, "view") == membership
    for action in ("change", "end"):
        with pytest.raises(NotFound):
            access_membership(viewer, membership.pk, action)
