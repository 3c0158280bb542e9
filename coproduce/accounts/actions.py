"""Writes about services and memberships. Each one owns its transaction and audit entry."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.accounts import queries
from coproduce.accounts.models import Membership, Organisation, Role, Service, User
from coproduce.accounts.rules import ROLES_WITH_SERVICES, organisation_keeps_an_admin
from coproduce.accounts.tasks import send_invitation_email
from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry
from coproduce.people.actions import person_for_membership


class AccountsActionError(Exception):
    """A write refused for a reason the user can act on; the message is in plain words."""


class ServiceNameTaken(AccountsActionError):
    pass


class MembershipExists(AccountsActionError):
    pass


class LastAdminError(AccountsActionError):
    pass


def _name_taken(name: str) -> str:
    return _("There is already a service called %(name)s.") % {"name": name.strip()}


def _check_services(organisation: Organisation, services: Iterable[Service]) -> list[Service]:
    services = list(services)
    if any(service.organisation_id != organisation.pk for service in services):
        raise ValueError("Every service must belong to the membership's organisation.")
    return services


@transaction.atomic
def service_create(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    kind: str,
    address: str = "",
    postcode: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    area: str = "",
) -> Service:
    """Add a service to the organisation."""
    if queries.service_name_taken(organisation, name):
        raise ServiceNameTaken(_name_taken(name))
    try:
        with transaction.atomic():
            service = Service.objects.create(
                organisation=organisation,
                name=name.strip(),
                kind=kind,
                address=address,
                postcode=postcode,
                latitude=latitude,
                longitude=longitude,
                area=area,
            )
    except IntegrityError as exc:
        raise ServiceNameTaken(_name_taken(name)) from exc
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        obj=service,
        summary=f"Added service {service.name}",
    )
    return service


@transaction.atomic
def service_update(
    *,
    actor: User,
    service: Service,
    name: str,
    kind: str,
    address: str = "",
    postcode: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    area: str = "",
) -> Service:
    """Change a service's details; only the fields that changed are saved and audited."""
    name = name.strip()
    if queries.service_name_taken(service.organisation, name, exclude_id=service.pk):
        raise ServiceNameTaken(_name_taken(name))
    values = {
        "name": name,
        "kind": kind,
        "address": address,
        "postcode": postcode,
        "latitude": latitude,
        "longitude": longitude,
        "area": area,
    }
    changed = [field for field, value in values.items() if getattr(service, field) != value]
    if not changed:
        return service
    for field in changed:
        setattr(service, field, values[field])
    try:
        with transaction.atomic():
            service.save(update_fields=changed)
    except IntegrityError as exc:
        raise ServiceNameTaken(_name_taken(name)) from exc
    audit_record(
        actor=actor,
        organisation=service.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=service,
        summary=f"Changed service {service.name}: {', '.join(changed)}",
    )
    return service


@transaction.atomic
def service_deactivate(*, actor: User, service: Service) -> Service:
    """Mark a service as no longer running; its history and memberships stay."""
    if not service.is_active:
        return service
    service.is_active = False
    service.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        organisation=service.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=service,
        summary=f"Deactivated service {service.name}",
    )
    return service


@transaction.atomic
def service_reactivate(*, actor: User, service: Service) -> Service:
    """Mark a deactivated service as running again."""
    if service.is_active:
        return service
    service.is_active = True
    service.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        organisation=service.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=service,
        summary=f"Reactivated service {service.name}",
    )
    return service


def _user_for_invitation(*, actor: User, organisation: Organisation, email: str, name: str) -> User:
    """Return the user with this email address, creating one (no password) if new."""
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        if not user.name and name:
            user.name = name
            user.save(update_fields=["name"])
        return user
    try:
        with transaction.atomic():
            # No usable password: invited people sign in with a code sent by email.
            user = User.objects.create_user(email=email, name=name)
    except IntegrityError:
        # The same address was invited at the same moment by another request.
        return User.objects.get(email__iexact=email)
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        obj=user,
        summary=f"Created a sign-in for {user.email}",
    )
    return user


@transaction.atomic
def membership_invite(
    *,
    actor: User,
    organisation: Organisation,
    email: str,
    name: str,
    role: str,
    services: Iterable[Service] = (),
) -> Membership:
    """Give someone a role in the organisation and email them how to sign in.

    Reuse the user with that email address or create one without a password. Refuse a
    second current membership with the same role, also when the form is sent twice.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    name = name.strip()
    services = _check_services(organisation, services) if role in ROLES_WITH_SERVICES else []
    user = _user_for_invitation(actor=actor, organisation=organisation, email=email, name=name)
    duplicate = MembershipExists(
        _("%(email)s already has the role %(role)s here.")
        % {"email": email, "role": Role(role).label}
    )
    current = Membership.objects.current()
    if current.filter(user=user, organisation=organisation, role=role).exists():
        raise duplicate
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, organisation=organisation, role=role, invited_by=actor
            )
    except IntegrityError as exc:
        raise duplicate from exc
    membership.services.set(services)
    if role == Role.PERSON:
        person_for_membership(actor=actor, membership=membership, services=services)
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        obj=membership,
        summary=f"Invited {email} as {Role(role).label}",
    )
    transaction.on_commit(partial(send_invitation_email.enqueue, membership_id=membership.pk))
    return membership


@transaction.atomic
def supporter_membership_ensure(
    *, actor: User, organisation: Organisation, email: str, name: str
) -> User:
    """Return the user with this email as a supporter of the organisation, inviting them
    (a sign-in without a password, a supporter membership) when they are not one yet.

    Used when a person asks someone to be their supporter: the person's own invitation
    email says why, so no general invitation email is sent here.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    user = _user_for_invitation(actor=actor, organisation=organisation, email=email, name=name)
    current = Membership.objects.current().filter(
        user=user, organisation=organisation, role=Role.SUPPORTER
    )
    if not current.exists():
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    user=user, organisation=organisation, role=Role.SUPPORTER, invited_by=actor
                )
        except IntegrityError:
            return user
        audit_record(
            actor=actor,
            organisation=organisation,
            action=AuditEntry.Action.CREATE,
            obj=membership,
            summary=f"Invited {email} as {Role.SUPPORTER.label}",
        )
    return user


@transaction.atomic
def membership_update(
    *, actor: User, membership: Membership, role: str, services: Iterable[Service] = ()
) -> Membership:
    """Change the role of a current membership or the services it covers."""
    organisation = membership.organisation
    services = _check_services(organisation, services) if role in ROLES_WITH_SERVICES else []
    changes = []
    if role != membership.role:
        admin_ids = queries.current_admin_ids(organisation, lock=True)
        if not organisation_keeps_an_admin(membership, admin_ids):
            raise LastAdminError(
                _("This is the only organisation admin. Give someone else that role first.")
            )
        old_label = membership.get_role_display()
        membership.role = role
        try:
            with transaction.atomic():
                membership.save(update_fields=["role"])
        except IntegrityError as exc:
            raise MembershipExists(
                _("%(email)s already has the role %(role)s here.")
                % {"email": membership.user.email, "role": Role(role).label}
            ) from exc
        changes.append(f"role from {old_label} to {Role(role).label}")
    before = {s.pk for s in membership.services.all()}
    after = {s.pk for s in services}
    if before != after:
        membership.services.set(services)
        changes.append("services")
    if role == Role.PERSON and changes:
        person_for_membership(actor=actor, membership=membership, services=services)
    if changes:
        audit_record(
            actor=actor,
            organisation=organisation,
            action=AuditEntry.Action.UPDATE,
            obj=membership,
            summary=f"Changed {membership.user.email}'s membership: {', '.join(changes)}",
        )
    return membership


@transaction.atomic
def membership_end(*, actor: User, membership: Membership) -> Membership:
    """End a membership: the role stops now; the record stays for the history."""
    # Read the row again under a lock: the form may have been sent twice.
    locked = Membership.objects.select_for_update().values_list("ended_at", flat=True)
    membership.ended_at = locked.get(pk=membership.pk)
    if membership.ended_at is not None:
        return membership
    admin_ids = queries.current_admin_ids(membership.organisation, lock=True)
    if not organisation_keeps_an_admin(membership, admin_ids):
        raise LastAdminError(
            _(
                "This is the only organisation admin, so this role cannot end. "
                "Give someone else the organisation admin role first."
            )
        )
    membership.ended_at = timezone.now()
    membership.save(update_fields=["ended_at"])
    audit_record(
        actor=actor,
        organisation=membership.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=membership,
        summary=f"Ended {membership.user.email}'s role {membership.get_role_display()}",
    )
    return membership
