"""Background work for accounts: invitation emails."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from coproduce.accounts.models import Membership


def invitation_text(membership: Membership) -> tuple[str, str]:
    """Return the subject and plain-words body of an invitation email."""
    organisation = membership.organisation
    inviter = membership.invited_by
    sign_in_url = settings.SITE_URL.rstrip("/") + reverse("account_login")
    subject = _("You are invited to Coproduce by %(organisation)s") % {
        "organisation": organisation.name
    }
    greeting = _("Hello %(name)s,") % {"name": membership.user.name or membership.user.email}
    who = (
        _("%(inviter)s at %(organisation)s has invited you to use Coproduce.")
        % {"inviter": inviter.name or inviter.email, "organisation": organisation.name}
        if inviter
        else _("%(organisation)s has invited you to use Coproduce.")
        % {"organisation": organisation.name}
    )
    role = _("Your role is: %(role)s.") % {"role": membership.get_role_display()}
    how = _(
        "To sign in, open this link and enter your email address, %(email)s. "
        "We will email you a code. Type the code in to sign in. You do not need a password."
    ) % {"email": membership.user.email}
    ignore = _("If you did not expect this email, you can ignore it.")
    body = "\n\n".join([greeting, who, role, how, sign_in_url, ignore]) + "\n"
    return subject, body


@task()
def send_invitation_email(membership_id: int) -> None:
    """Email the invited user how to sign in. Skip memberships ended since the invitation."""
    membership = (
        Membership.objects.select_related("user", "organisation", "invited_by")
        .filter(pk=membership_id, ended_at__isnull=True)
        .first()
    )
    if membership is None:
        return
    with translation.override(membership.user.language or settings.LANGUAGE_CODE):
        subject, body = invitation_text(membership)
    send_mail(subject, body, None, [membership.user.email])
