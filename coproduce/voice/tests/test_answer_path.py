"""The answer's hot path stays short: a person's answer sent without naming a helper is
checked without reading who may have helped (their supporters and the staff of their
services), and the form shown again after a problem still lists them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.voice.models import Response

from .voice_helpers import quick_vote

pytestmark = pytest.mark.django_db


def test_an_answer_naming_no_helper_does_not_read_who_may_have_helped(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    question = vote.questions.get()
    zoo = question.options.get(position=1)
    client = client_for(personas.person)
    url = reverse("voice:answer", kwargs={"survey_id": vote.pk})

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {f"q{question.pk}": str(zoo.pk), "voice_how": "typed"})

    assert response.status_code == 302
    assert Response.objects.filter(survey=vote, person=personas.kyle).exists()
    # Finding who may have helped reads the person's supporters.
    assert not [q["sql"] for q in queries.captured_queries if '"people_supporter"' in q["sql"]]


def test_the_form_shown_again_still_lists_who_may_have_helped(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    client = client_for(personas.person)
    url = reverse("voice:answer", kwargs={"survey_id": vote.pk})

    # No answer chosen: the form comes back with its problem and the helpers to choose.
    response = client.post(url, {"voice_how": "supported"})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="voice_helper"' in page
    assert f'value="{personas.supporter.pk}"' in page and f'value="{personas.worker.pk}"' in page
    assert not Response.objects.filter(survey=vote).exists()
