"""Background work for support plans: review reminders to the managers."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from coproduce.accounts.queries import service_managers_of
from coproduce.core.jinja2 import date_uk
from coproduce.plans.models import SupportPlan


def review_reminder_text(plan: SupportPlan) -> tuple[str, str]:
    """Return the subject and plain-words body of a review reminder."""
    name = plan.person.preferred_name
    url = settings.SITE_URL.rstrip("/") + reverse(
        "plans:plan", kwargs={"person_id": plan.person_id}
    )
    if plan.review_overdue:
        subject = _("%(name)s's support plan review is overdue") % {"name": name}
        when = _("The review was due on %(date)s.") % {"date": date_uk(plan.review_due_on)}
    else:
        subject = _("%(name)s's support plan review is coming up") % {"name": name}
        when = _("The review is due on %(date)s.") % {"date": date_uk(plan.review_due_on)}
    ask = _("Please arrange the review with %(name)s, in the way %(name)s likes best.") % {
        "name": name
    }
    body = "\n\n".join([when, ask, url]) + "\n"
    return subject, body


@task()
def send_review_reminder(plan_id: int) -> None:
    """Email the managers of the person's services that the plan's review is due."""
    plan = SupportPlan.objects.select_related("person").filter(pk=plan_id).first()
    if plan is None:
        return
    managers = service_managers_of(
        organisation_id=plan.organisation_id,
        service_ids=list(plan.person.services.values_list("pk", flat=True)),
    )
    for user in managers:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject, body = review_reminder_text(plan)
        send_mail(subject, body, None, [user.email])
