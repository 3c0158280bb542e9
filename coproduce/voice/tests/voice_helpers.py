"""Surveys for tests: a quick vote at Kyle's house, a survey with a follow-up question,
and answering them as a persona."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.accounts.viewer import viewer_for
from coproduce.voice.actions import OptionSpec, QuestionSpec, answer_submit, survey_create
from coproduce.voice.answering import GivenAnswer
from coproduce.voice.models import QuestionKind, Response, Survey, SurveyKind
from coproduce.voice.queries import audience_for, survey_service_ids
from coproduce.voice.rules import respondent_for


def quick_vote(personas: Any, *, by: User | None = None, **overrides: Any) -> Survey:
    """Maya asks Willow House where to go on the summer trip, open now for a week."""
    by = by or personas.manager
    arguments: dict[str, Any] = {
        "kind": SurveyKind.VOTE,
        "title": "Where shall we go on the summer trip?",
        "closes_at": timezone.now() + dt.timedelta(days=7),
        "opens_at": timezone.now() - dt.timedelta(minutes=1),
        "services": [personas.house],
        "ask_people": True,
        "ask_supporters": True,
        "questions": [
            QuestionSpec(
                QuestionKind.CHOICE,
                "Where shall we go on the summer trip?",
                easy_read_text="Where shall we go?",
                options=[
                    OptionSpec("The seaside", "The beach", symbol="swimming"),
                    OptionSpec("The zoo", "The zoo", symbol="animals"),
                    OptionSpec("A football match", "Football", symbol="football"),
                ],
            )
        ],
    }
    arguments.update(overrides)
    return survey_create(viewer=viewer_for(by, personas.organisation), **arguments)


def house_survey(personas: Any, *, by: User | None = None, **overrides: Any) -> Survey:
    """A survey of three questions: the third is asked only of those who said "No"."""
    by = by or personas.manager
    arguments: dict[str, Any] = {
        "kind": SurveyKind.SURVEY,
        "title": "Our house meetings",
        "closes_at": timezone.now() + dt.timedelta(days=14),
        "opens_at": timezone.now() - dt.timedelta(minutes=1),
        "services": [personas.house],
        "ask_people": True,
        "ask_staff": True,
        "questions": [
            QuestionSpec(QuestionKind.SCORE, "How do you feel about our house meetings?"),
            QuestionSpec(
                QuestionKind.CHOICE,
                "Do you feel listened to at house meetings?",
                options=[
                    OptionSpec("Yes", symbol="yes"),
                    OptionSpec("No", symbol="no"),
                ],
            ),
            QuestionSpec(
                QuestionKind.OPEN,
                "What would help you feel listened to?",
                required=False,
                show_if=(1, 1),
            ),
        ],
    }
    arguments.update(overrides)
    return survey_create(viewer=viewer_for(by, personas.organisation), **arguments)


def answer_as(
    user: User, personas: Any, survey: Survey, answers: dict[int, GivenAnswer]
) -> Response:
    """Answer as the user, through the action (the forms are tested on their own)."""
    viewer = viewer_for(user, personas.organisation)
    answerer = respondent_for(viewer, audience_for(viewer), survey, survey_service_ids(survey))
    assert answerer is not None, f"{user} is not asked by {survey}"
    return answer_submit(viewer=viewer, survey=survey, answerer=answerer, answers=answers)


def choose(
    survey: Survey, option_position: int, question_position: int = 0
) -> dict[int, GivenAnswer]:
    """The answers choosing one option of one question, by positions."""
    question = survey.questions.get(position=question_position)
    option = question.options.get(position=option_position)
    return {question.pk: GivenAnswer(question.pk, [option.pk])}


# For the URL-by-role policy test (tests/test_url_policy.py).


def vote_kwargs(p: Any) -> dict[str, int]:
    """Maya's open quick vote at Willow House, asking Kyle and Mary."""
    return {"survey_id": quick_vote(p).pk}


def house_meeting_kwargs(p: Any) -> dict[str, int]:
    return {"survey_id": quick_vote(p).pk, "service_id": p.house.pk}


def house_meeting_person_kwargs(p: Any) -> dict[str, int]:
    return {**house_meeting_kwargs(p), "person_id": p.kyle.pk}


def meeting_poll(personas: Any, *, by: User | None = None, **overrides: Any) -> Survey:
    """Maya asks Willow House when to hold the next house meeting: two times to choose."""
    start = (timezone.now() + dt.timedelta(days=10)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    arguments: dict[str, Any] = {
        "kind": SurveyKind.VOTE,
        "title": "When shall we have our house meeting?",
        "closes_at": timezone.now() + dt.timedelta(days=3),
        "opens_at": timezone.now() - dt.timedelta(minutes=1),
        "services": [personas.house],
        "ask_people": True,
        "questions": [
            QuestionSpec(
                QuestionKind.MEETING,
                "When can you come to the house meeting?",
                options=[
                    OptionSpec(
                        "Tuesday at 2pm", starts_at=start, ends_at=start + dt.timedelta(hours=1)
                    ),
                    OptionSpec(
                        "Wednesday at 2pm",
                        starts_at=start + dt.timedelta(days=1),
                        ends_at=start + dt.timedelta(days=1, hours=1),
                    ),
                ],
            )
        ],
    }
    arguments.update(overrides)
    return survey_create(
        viewer=viewer_for(by or personas.manager, personas.organisation), **arguments
    )


def meeting_chosen(personas: Any) -> Survey:
    """The meeting poll, closed, with Tuesday chosen and the outcome written."""
    from coproduce.voice.actions import survey_close
    from coproduce.voice.organise.actions import meeting_slots, outcome_write

    poll = meeting_poll(personas)
    viewer = viewer_for(personas.manager, personas.organisation)
    poll = survey_close(viewer=viewer, survey=poll)
    return outcome_write(
        viewer=viewer,
        survey=poll,
        outcome="Most people can come on Tuesday.",
        outcome_easy_read="We meet on Tuesday.",
        chosen_slot=meeting_slots(poll)[0],
    )


def meeting_chosen_kwargs(p: Any) -> dict[str, int]:
    return {"survey_id": meeting_chosen(p).pk}


def closed_vote_kwargs(p: Any) -> dict[str, int]:
    """Maya's quick vote, closed (its outcome waits to be written)."""
    from coproduce.voice.actions import survey_close

    vote = quick_vote(p)
    survey_close(viewer=viewer_for(p.manager, p.organisation), survey=vote)
    return {"survey_id": vote.pk}


# Ideas: Kyle's idea for Willow House, put forward through the action.


def kyles_idea(personas: Any, **overrides: Any) -> Any:
    """Kyle puts forward an idea for Willow House, in his own words."""
    from coproduce.voice.ideas.actions import idea_post

    arguments: dict[str, Any] = {
        "title": "A film night every Friday",
        "text": "We watch a film together on Friday nights, with popcorn.",
        "service": personas.house,
    }
    arguments.update(overrides)
    return idea_post(viewer=viewer_for(personas.person, personas.organisation), **arguments)


def picture_upload(name: str = "idea.png", content: bytes | None = None) -> Any:
    """A small PNG picture as an upload (or ``content`` under that name)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    if content is None:
        out = io.BytesIO()
        Image.new("RGB", (8, 8), (200, 120, 30)).save(out, "PNG")
        content = out.getvalue()
    return SimpleUploadedFile(name, content, "image/png")


def kyles_idea_with_picture(personas: Any) -> Any:
    from coproduce.people.images import check_image

    return kyles_idea(
        personas,
        title="A bird table in the garden",
        picture=check_image(picture_upload()),
        picture_description="A drawing of a bird table",
    )


def idea_kwargs(p: Any) -> dict[str, int]:
    """Kyle's idea for Willow House: its staff, his supporter and leaders see it."""
    return {"idea_id": kyles_idea(p).pk}


def idea_picture_kwargs(p: Any) -> dict[str, int]:
    return {"idea_id": kyles_idea_with_picture(p).pk}
