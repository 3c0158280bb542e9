"""Review meetings of a support plan: the person leads where they choose, in their words."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.follow_ups import follow_ups_for
from coproduce.core.tenancy import Viewer
from coproduce.people.queries import voice_helpers_for_person
from coproduce.people.rules import is_the_person
from coproduce.plans import actions
from coproduce.plans.access import access_plan
from coproduce.plans.forms import ReviewForm
from coproduce.plans.rules import plan_rules


def _viewer(request: HttpRequest) -> Viewer:
    return request.viewer  # type: ignore[attr-defined,no-any-return]


@login_required
def review_new(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = _viewer(request)
    person, _plan = access_plan(viewer, person_id, "record_review")
    is_self = is_the_person(viewer, person)
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        organisation=person.organisation,
        person_user=person.user,
        helper_queryset=voice_helpers_for_person(person),
        is_self=is_self,
        person_name=person.preferred_name,
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.plan_review_record(
                viewer=viewer,
                person=person,
                held_on=data["held_on"],
                led_by=data["led_by"],
                who_took_part=data.get("who_took_part") or "",
                what_is_working=data.get("what_is_working") or "",
                what_is_not_working=data.get("what_is_not_working") or "",
                what_will_change=data.get("what_will_change") or "",
                next_review_on=data.get("next_review_on"),
                voice_how=data.get("voice_how") or "",
                voice_helper=data.get("voice_helper"),
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("The review is saved"))
            return redirect(reverse("plans:reviews", kwargs={"person_id": person.pk}))
    return render(
        request,
        "plans/review_form.jinja",
        {"person": person, "form": form, "is_self": is_self},
    )


@login_required
def reviews(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = _viewer(request)
    person, plan = access_plan(viewer, person_id, "view")
    past = (
        list(plan.reviews.select_related("voice_helper", "voice_recorded_by"))
        if plan is not None
        else []
    )
    return render(
        request,
        "plans/reviews.jinja",
        {
            "person": person,
            "plan": plan,
            "reviews": past,
            "is_self": is_the_person(viewer, person),
            "may_record": plan_rules.test_rule("record_review", viewer, person),
            # What each review can lead to in the apps above (a "you said, we did" change).
            "follow_ups": follow_ups_for(viewer, "plan_review", [review.pk for review in past]),
        },
    )
