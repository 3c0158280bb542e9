"""Background work for supporters: the email asking someone to be a person's supporter."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from coproduce.people.models import Supporter


def invitation_text(link: Supporter) -> tuple[str, str]:
    """Return the subject and plain-words body of the email to an invited supporter."""
    person = link.person.preferred_name
    url = settings.SITE_URL.rstrip("/") + reverse(
        "people:supporter_invitation", kwargs={"link_id": link.pk}
    )
    subject = _("%(person)s would like you to be their supporter") % {"person": person}
    body = "\n\n".join(
        [
            _("Hello %(name)s,") % {"name": link.user.name or link.user.email},
            _(
                "%(person)s would like you to be one of their supporters on Coproduce, "
                "with %(organisation)s."
            )
            % {"person": person, "organisation": link.person.organisation.name},
            _("Open this link to say yes or no. You sign in with a code sent to %(email)s.")
            % {"email": link.user.email},
            url,
            _("If you say no, or do nothing, you see nothing of theirs."),
        ]
    )
    return subject, body + "\n"


@task()
def send_supporter_invitation(link_id: int) -> None:
    """Email the invited supporter. Skip an invitation answered or withdrawn since."""
    link = (
        Supporter.objects.select_related("user", "person", "person__organisation")
        .filter(pk=link_id, ended_at__isnull=True, accepted_at__isnull=True)
        .first()
    )
    if link is None:
        return
    with translation.override(link.user.language or settings.LANGUAGE_CODE):
        subject, body = invitation_text(link)
    send_mail(subject, body, None, [link.user.email])
