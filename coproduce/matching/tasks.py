"""Background work for change requests: reminders to managers when an answer is late."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from coproduce.accounts.queries import service_managers_of
from coproduce.core.jinja2 import date_uk
from coproduce.matching.models import ChangeRequest


def reminder_text(request: ChangeRequest) -> tuple[str, str]:
    """Return the subject and body of a late-answer reminder; the reason stays out of it."""
    name = request.person.preferred_name
    url = settings.SITE_URL.rstrip("/") + reverse(
        "matching:change_request", kwargs={"request_id": request.pk}
    )
    subject = _("%(name)s is waiting for an answer about changing a worker") % {"name": name}
    body = "\n\n".join(
        [
            _("The answer was due on %(date)s.") % {"date": date_uk(request.due_on)},
            _("Please tell %(name)s what happens next.") % {"name": name},
            url,
        ]
    )
    return subject, body + "\n"


@task()
def send_change_request_reminder(request_id: int) -> None:
    """Email the managers of the person's services that a change request is late."""
    request = ChangeRequest.objects.select_related("person").filter(pk=request_id).first()
    if request is None or request.is_closed:
        return
    managers = service_managers_of(
        organisation_id=request.organisation_id,
        service_ids=list(request.person.services.values_list("pk", flat=True)),
    )
    for user in managers:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject, body = reminder_text(request)
        send_mail(subject, body, None, [user.email])
