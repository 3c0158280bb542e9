"""The voice rules applied to a person supported: who gives their view, and how the
helper relates to them.

The rules themselves, the form base and the badge are in ``coproduce.core.voice``; this
module adds what needs the person, their supporters and the helper's roles.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from coproduce.accounts.models import Membership, Role, User
from coproduce.core.models import VoiceHow
from coproduce.core.tenancy import Viewer
from coproduce.core.voice import voice_problems
from coproduce.people.models import Person, Supporter
from coproduce.people.rules import is_the_person


def voice_check(
    *, person: Person, voice_how: str, voice_helper: User | None, view_given: bool
) -> None:
    """Raise ``ValidationError`` ({field: message}) when a view about the person breaks a
    voice rule."""
    problems = voice_problems(
        how=voice_how,
        helper=voice_helper,
        person_user=person.user,
        organisation=person.organisation,
        view_given=view_given,
    )
    if problems:
        raise ValidationError(problems)


def voice_resolve(
    *,
    viewer: Viewer,
    person: Person,
    voice_how: str,
    voice_helper: User | None,
    view_given: bool = True,
    how_optional: bool = False,
) -> tuple[str, User | None]:
    """Return how the person's view was given and who helped, once the voice rules pass.

    The person's own sign-in gives their own words, typed. Anyone else says how the person
    gave the view; with ``how_optional`` they may leave it unsaid. No helper is kept
    without a way of giving the view. ``view_given`` is False when there is no view.
    """
    if is_the_person(viewer, person):
        return (VoiceHow.TYPED.value if view_given else ""), None
    voice_check(
        person=person,
        voice_how=voice_how,
        voice_helper=voice_helper,
        view_given=view_given and (bool(voice_how) or not how_optional),
    )
    return voice_how, voice_helper if voice_how else None


def voice_helper_note(*, helper: User | None, person: Person | None) -> str:
    """Return how the helper relates to the person, for the badge: "family member",
    "support worker". Snapshot it when the view is recorded: relationships change."""
    if helper is None:
        return ""
    if person is not None:
        link = (
            Supporter.objects.filter(person=person, user=helper, ended_at__isnull=True)
            .only("relationship")
            .first()
        )
        if link is not None:
            return str(link.get_relationship_display()).lower()
        organisation_id = person.organisation_id
    else:
        organisation_id = None
    memberships = Membership.objects.current().filter(user=helper)
    if organisation_id is not None:
        memberships = memberships.filter(organisation_id=organisation_id)
    staff_order = [
        Role.SUPPORT_WORKER,
        Role.SERVICE_MANAGER,
        Role.QUALITY_LEAD,
        Role.SENIOR_LEADER,
        Role.ORG_ADMIN,
        Role.QUALITY_CHECKER,
        Role.SUPPORTER,
    ]
    held = set(memberships.values_list("role", flat=True))
    for role in staff_order:
        if role in held:
            return str(Role(role).label).lower()
    return ""
