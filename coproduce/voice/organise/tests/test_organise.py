"""Organising votes and surveys: writing one, its questions (locked once answered),
opening, closing, the outcome told to everyone who answered, the meeting invitation,
reminders before closing, running it again, and who may do each."""

from __future__ import annotations

import datetime as dt
import uuid

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import signed_in_client
from coproduce.accounts.models import Notification
from coproduce.accounts.viewer import viewer_for
from coproduce.voice.actions import survey_close
from coproduce.voice.models import Participation, Question, QuestionKind, Survey, SurveyStatus
from coproduce.voice.notifications import SURVEY_CLOSING, SURVEY_OUTCOME
from coproduce.voice.organise.actions import reminders_queue
from coproduce.voice.ready_made import BY_CODE
from coproduce.voice.tests.voice_helpers import answer_as, choose, meeting_poll, quick_vote

pytestmark = pytest.mark.django_db


def _url(name: str, survey: Survey) -> str:
    return reverse(f"voice:{name}", kwargs={"survey_id": survey.pk})


def _details(personas, **extra) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    closes = timezone.localdate() + dt.timedelta(days=14)
    data = {
        "title": "How is Willow House doing?",
        "who": "services",
        "services": str(personas.house.pk),
        "ask": "people",
        "anonymous": "no",
        "results_shown": "after_answer",
        "closes_on-0": str(closes.day),
        "closes_on-1": str(closes.month),
        "closes_on-2": str(closes.year),
        "closes_time": "5pm",
        "idempotency_key": str(uuid.uuid4()),
    }
    data.update(extra)
    # A box left unticked sends nothing.
    return {key: value for key, value in data.items() if value is not None}


def test_maya_starts_evaluating_my_service_once_however_often_she_clicks(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.manager)
    choose_page = client.get(reverse("voice:new")).content.decode()
    assert "Evaluating my service" in choose_page
    url = reverse("voice:new") + "?template=evaluating_my_service"
    form = client.get(url).content.decode()
    assert "How is my service doing?" in form
    data = _details(personas, template="evaluating_my_service")
    first = client.post(url, data)
    second = client.post(url, data)
    survey = Survey.objects.get(organisation=personas.organisation)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == _url("organise", survey)
    assert survey.template == "evaluating_my_service"
    assert survey.status == SurveyStatus.DRAFT
    texts = list(survey.questions.values_list("text", flat=True))
    assert texts[:3] == [
        "I choose who supports me",
        "I choose when and how I am supported",
        "I feel listened to",
    ]
    assert len(texts) == len(BY_CODE["evaluating_my_service"].questions)


def test_details_in_plain_words_when_something_is_missing_or_wrong(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.manager)
    url = reverse("voice:new") + "?kind=survey"
    past = timezone.localdate() - dt.timedelta(days=3)
    response = client.post(
        url,
        _details(
            personas,
            kind="survey",
            services="99999999999999999999999",
            ask=None,
            **{"closes_on-0": str(past.day), "closes_on-1": str(past.month)},
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose who answers" in page
    assert "The date must be today or later" in page
    assert not Survey.objects.exists()


def test_a_manager_cannot_ask_a_service_she_does_not_manage(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.accounts.tests.factories import ServiceFactory

    elsewhere = ServiceFactory(organisation=personas.organisation, name="Elm House")
    client = signed_in_client(personas.manager)
    response = client.post(
        reverse("voice:new") + "?kind=vote",
        _details(personas, kind="vote", services=str(elsewhere.pk)),
    )
    assert response.status_code == 200
    assert not Survey.objects.exists()


def _question_post(survey: Survey, rows: list[dict[str, str]], action: str = "save") -> dict:  # type: ignore[type-arg]
    data: dict[str, str] = {"questions": str(len(rows)), "action": action}
    for i, row in enumerate(rows):
        options = row.pop("options", [])  # type: ignore[misc]
        for key, value in row.items():
            data[f"q-{i}-{key}"] = value
        data[f"q-{i}-options"] = str(len(options))
        for j, option in enumerate(options):
            for key, value in option.items():  # type: ignore[attr-defined]
                data[f"q-{i}-o-{j}-{key}"] = value
    return data


def _blank_vote(client, personas) -> Survey:  # type: ignore[no-untyped-def]
    response = client.post(reverse("voice:new") + "?kind=vote", _details(personas, kind="vote"))
    survey = Survey.objects.get()
    assert response["Location"] == _url("questions", survey)
    return survey


def test_maya_writes_a_quick_vote_question_by_question_and_opens_it(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.manager)
    survey = _blank_vote(client, personas)
    # Opening with no question is refused in plain words.
    client.post(_url("open", survey))
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT
    editor = client.get(_url("questions", survey)).content.decode()
    assert "Question 1" in editor and "Answer 4" in editor
    one_answer = _question_post(
        survey,
        [{"kind": "choice", "text": "Where shall we eat?", "options": [{"label": "Pizza"}]}],
    )
    refused = client.post(_url("questions", survey), one_answer)
    assert refused.status_code == 200
    assert "A quick vote has between 2 and 6 answers" in refused.content.decode()
    # "Add another answer" keeps what was typed and gives one more row.
    more = client.post(
        _url("questions", survey),
        _question_post(
            survey,
            [
                {
                    "kind": "choice",
                    "text": "Where shall we eat?",
                    "options": [{"label": "Pizza"}, {"label": ""}],
                }
            ],
            action="more-0",
        ),
    ).content.decode()
    assert 'value="Where shall we eat?"' in more and "Answer 4" in more
    saved = client.post(
        _url("questions", survey),
        _question_post(
            survey,
            [
                {
                    "kind": "choice",
                    "text": "Where shall we eat?",
                    "easy": "Where do you want to eat?",
                    "required": "1",
                    "options": [
                        {"label": "Pizza", "symbol": "cafe"},
                        {"label": "Fish and chips", "symbol": "fishing"},
                        {"label": "", "symbol": ""},
                    ],
                }
            ],
        ),
    )
    assert saved.status_code == 302
    question = survey.questions.get()
    assert [o.label for o in question.options.all()] == ["Pizza", "Fish and chips"]
    assert question.options.first().symbol == "cafe"  # type: ignore[union-attr]
    client.post(_url("open", survey))
    survey.refresh_from_db()
    assert survey.is_open
    # Kyle, at Willow House, is asked now.
    mine = signed_in_client(personas.person).get(reverse("voice:mine")).content.decode()
    assert "Where shall we eat?" in mine or survey.title in mine


def test_a_survey_question_asked_only_after_an_earlier_answer(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.manager)
    client.post(reverse("voice:new") + "?kind=survey", _details(personas, kind="survey"))
    survey = Survey.objects.get()
    rows = [
        {
            "kind": "choice",
            "text": "Do you like the garden?",
            "options": [{"label": "Yes"}, {"label": "No"}],
        },
        {"kind": "open", "text": "What would make it better?", "show_if": "0-1"},
        {
            "kind": "meeting",
            "text": "When can you help plant it?",
            "options": [
                {"date": "2027-03-27", "start": "2pm", "end": "3pm"},
                {"date": "28/3/2027", "start": "10am"},
            ],
        },
        {
            "kind": "dots",
            "text": "Share your dots",
            "dots": "3",
            "options": [{"label": "Roses"}, {"label": "Beans"}],
        },
    ]
    response = client.post(_url("questions", survey), _question_post(survey, rows))
    assert response.status_code == 302, response.content.decode()[:2000]
    questions = list(survey.questions.order_by("position"))
    assert questions[1].show_if_option == questions[0].options.get(position=1)
    slots = list(questions[2].options.order_by("position"))
    assert timezone.localtime(slots[0].starts_at).hour == 14
    assert timezone.localtime(slots[0].ends_at).hour == 15
    assert timezone.localtime(slots[1].starts_at).date() == dt.date(2027, 3, 28)
    assert questions[3].dots == 3


def test_a_meeting_time_that_cannot_be_read_gets_a_message(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.manager)
    client.post(reverse("voice:new") + "?kind=survey", _details(personas, kind="survey"))
    survey = Survey.objects.get()
    rows = [
        {
            "kind": "meeting",
            "text": "When?",
            "options": [
                {"date": "the 40th", "start": "2pm"},
                {"date": "2027-03-28", "start": "25pm"},
            ],
        }
    ]
    response = client.post(_url("questions", survey), _question_post(survey, rows))
    assert response.status_code == 200
    page = response.content.decode()
    assert "enter the meeting date" in page and "enter a start time" in page
    assert not survey.questions.exists()


def test_questions_lock_once_anyone_has_answered(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    answer_as(personas.person, personas, vote, choose(vote, 0))
    client = signed_in_client(personas.manager)
    page = client.get(_url("questions", vote)).content.decode()
    assert "the questions cannot change" in page
    before = list(Question.objects.filter(survey=vote).values_list("pk", flat=True))
    client.post(
        _url("questions", vote),
        _question_post(
            vote,
            [{"kind": "choice", "text": "Changed", "options": [{"label": "A"}, {"label": "B"}]}],
        ),
    )
    assert list(Question.objects.filter(survey=vote).values_list("pk", flat=True)) == before
    # Anonymity cannot change after answers either.
    response = client.post(
        _url("edit", vote),
        _details(personas, title=vote.title, anonymous="yes", ask="people"),
    )
    assert response.status_code == 200
    assert "whether answers are anonymous cannot change" in response.content.decode()
    vote.refresh_from_db()
    assert not vote.anonymous


def test_closing_then_the_outcome_reaches_everyone_who_answered(
    personas, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    answer_as(personas.person, personas, vote, choose(vote, 1))
    answer_as(personas.supporter, personas, vote, choose(vote, 1))
    client = signed_in_client(personas.manager)
    # Not before it closes.
    early = client.post(_url("outcome", vote), {"outcome": "Zoo", "outcome_easy_read": "Zoo"})
    assert early.status_code == 200 and not Notification.objects.filter(kind=SURVEY_OUTCOME.code)
    closed = client.post(_url("close", vote))
    assert closed["Location"] == _url("outcome", vote)
    vote.refresh_from_db()
    assert vote.is_closed
    missing = client.post(_url("outcome", vote), {"outcome": "We are going to the zoo."})
    assert "Write what happens next in easy read too" in missing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            _url("outcome", vote),
            {
                "outcome": "Most people chose the zoo. We go on 12 July.",
                "outcome_easy_read": "We are going to the zoo.",
            },
        )
    assert done.status_code == 302
    told = Notification.objects.filter(kind=SURVEY_OUTCOME.code)
    assert {n.recipient for n in told} == {personas.person, personas.supporter}
    assert told.first().target == _url("detail", vote)  # type: ignore[union-attr]
    # Changing the words later tells nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url("outcome", vote),
            {"outcome": "We go on 19 July.", "outcome_easy_read": "We are going to the zoo."},
        )
    assert Notification.objects.filter(kind=SURVEY_OUTCOME.code).count() == 2
    # Kyle reads it in easy read.
    kyle = signed_in_client(personas.person)
    session = kyle.session
    session["easy_read"] = True
    session.save()
    detail = kyle.get(_url("detail", vote)).content.decode()
    assert "We are going to the zoo." in detail


def test_an_anonymous_survey_still_tells_everyone_who_answered(
    personas, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas, anonymous=True)
    answer_as(personas.person, personas, vote, choose(vote, 0))
    manager = viewer_for(personas.manager, personas.organisation)
    survey_close(viewer=manager, survey=vote)
    from coproduce.voice.organise.actions import outcome_write

    with django_capture_on_commit_callbacks(execute=True):
        outcome_write(viewer=manager, survey=vote, outcome="Seaside.", outcome_easy_read="Seaside.")
    assert Notification.objects.filter(kind=SURVEY_OUTCOME.code, recipient=personas.person).exists()


def test_the_chosen_meeting_time_is_an_ics_invitation(personas) -> None:  # type: ignore[no-untyped-def]
    poll = meeting_poll(personas)
    client = signed_in_client(personas.manager)
    assert client.get(_url("invitation", poll)).status_code == 404  # nothing chosen yet
    client.post(_url("close", poll))
    page = client.get(_url("outcome", poll)).content.decode()
    assert "The meeting time chosen" in page
    slot = poll.questions.get().options.get(position=0)
    client.post(
        _url("outcome", poll),
        {
            "outcome": "Tuesday suits most.",
            "outcome_easy_read": "We meet on Tuesday.",
            "chosen_slot": str(slot.pk),
        },
    )
    response = signed_in_client(personas.person).get(_url("invitation", poll))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == poll.title
    assert event.decoded("DTSTART") == slot.starts_at
    assert "Kyle" not in response.content.decode()
    detail = signed_in_client(personas.person).get(_url("detail", poll)).content.decode()
    assert _url("invitation", poll) in detail


def test_a_slot_from_another_poll_is_refused(personas) -> None:  # type: ignore[no-untyped-def]
    poll = meeting_poll(personas)
    other = meeting_poll(personas, title="Another")
    client = signed_in_client(personas.manager)
    client.post(_url("close", poll))
    foreign = other.questions.get().options.first()
    response = client.post(
        _url("outcome", poll),
        {"outcome": "x", "outcome_easy_read": "x", "chosen_slot": str(foreign.pk)},  # type: ignore[union-attr]
    )
    assert response.status_code == 200
    poll.refresh_from_db()
    assert poll.chosen_slot is None and not poll.outcome


def test_a_reminder_a_day_before_closing_to_those_who_have_not_answered(
    personas, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas, closes_at=timezone.now() + dt.timedelta(hours=20))
    later = quick_vote(personas, title="Later", closes_at=timezone.now() + dt.timedelta(days=5))
    answer_as(personas.supporter, personas, vote, choose(vote, 0))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue() == 1
    reminded = Notification.objects.filter(kind=SURVEY_CLOSING.code)
    assert {n.recipient for n in reminded} == {personas.person}
    assert reminded.get().target == _url("answer", vote)
    # Run again within the hour: nobody is reminded twice; the later vote waits.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue() == 0
    assert Notification.objects.filter(kind=SURVEY_CLOSING.code).count() == 1
    later.refresh_from_db()
    assert later.reminder_sent_at is None


def test_running_it_again_asks_the_same_questions_in_a_new_copy(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas, template="activities")
    client = signed_in_client(personas.manager)
    client.post(_url("close", vote))
    key = str(uuid.uuid4())
    first = client.post(_url("run_again", vote), {"idempotency_key": key})
    client.post(_url("run_again", vote), {"idempotency_key": key})
    copies = Survey.objects.exclude(pk=vote.pk)
    assert copies.count() == 1
    copy = copies.get()
    assert first["Location"] == _url("organise", copy)
    assert copy.status == SurveyStatus.DRAFT
    assert list(copy.questions.values_list("text", flat=True)) == list(
        vote.questions.values_list("text", flat=True)
    )
    assert list(copy.services.all()) == [personas.house]
    hub = client.get(_url("organise", copy)).content.decode()
    assert "Earlier times it was asked" in hub
    assert not Participation.objects.filter(survey=copy).exists()


def test_who_may_organise(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    for user in (personas.quality_lead, personas.senior_leader):
        assert signed_in_client(user).get(_url("organise", vote)).status_code == 200
    for user in (personas.worker, personas.person, personas.outsider):
        client = signed_in_client(user)
        assert client.get(_url("organise", vote)).status_code == 404
        assert client.post(_url("close", vote)).status_code == 404
        assert client.post(_url("run_again", vote)).status_code == 404
        assert client.post(_url("open", vote)).status_code == 404
    vote.refresh_from_db()
    assert vote.is_open
    assert signed_in_client(personas.worker).get(reverse("voice:manage")).status_code == 404
    # The outsider runs surveys in her own organisation only: the list shows none of ours.
    page = signed_in_client(personas.outsider).get(reverse("voice:manage")).content.decode()
    assert vote.title not in page


def test_the_list_shows_answers_by_status_and_pages(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    answer_as(personas.person, personas, vote, choose(vote, 0))
    draft = quick_vote(personas, title="Not yet", opens_at=None)
    client = signed_in_client(personas.manager)
    page = client.get(reverse("voice:manage")).content.decode()
    assert vote.title in page and draft.title in page
    only_open = client.get(reverse("voice:manage") + "?status=open").content.decode()
    assert vote.title in only_open and draft.title not in only_open
    assert client.get(reverse("voice:manage") + "?status=nonsense&page=999").status_code == 200


def test_the_ready_made_sets_can_all_be_opened() -> None:
    from coproduce.voice.actions import question_problems

    for ready in BY_CODE.values():
        survey = Survey(kind=ready.kind)
        assert question_problems(survey, ready.question_specs()) == {}, ready.code
        assert all(q.kind in QuestionKind.values for q in ready.questions)


def test_the_easy_read_check_advises_on_hard_words_and_missing_easy_read(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(
        personas,
        opens_at=None,
        easy_read_intro="We want to understand your accommodation preferences.",
    )
    question = vote.questions.get()
    question.easy_read_text = ""
    question.save()
    page = signed_in_client(personas.manager).get(_url("organise", vote)).content.decode()
    assert "Easy read check" in page
    assert "It has no easy-read words" in page
    assert (
        "&#34;accommodation&#34; is a long word" in page or '"accommodation" is a long word' in page
    )


def test_evaluating_my_service_again_shows_change_over_time(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.voice.answering import GivenAnswer
    from coproduce.voice.organise.actions import has_answers, survey_run_again

    ready = BY_CODE["evaluating_my_service"]
    manager = viewer_for(personas.manager, personas.organisation)
    first = quick_vote(
        personas,
        kind=ready.kind,
        title=str(ready.title),
        template=ready.code,
        questions=ready.question_specs(),
    )

    def score(survey: Survey, face: str) -> dict[int, GivenAnswer]:
        """The same face for every score question ("I feel listened to" among them)."""
        answers = {}
        for question in survey.questions.filter(kind=QuestionKind.SCORE):
            option = question.options.get(code=face)
            answers[question.pk] = GivenAnswer(question.pk, [option.pk])
        return answers

    answer_as(personas.person, personas, first, score(first, "2"))
    survey_close(viewer=manager, survey=first)
    second = survey_run_again(viewer=manager, survey=first)
    from coproduce.voice.actions import survey_open

    survey_open(viewer=manager, survey=second)
    assert not has_answers(second)
    answer_as(personas.person, personas, second, score(second, "4"))
    page = signed_in_client(personas.manager).get(_url("results", second)).content.decode()
    assert "Change over time" in page
    row = page[page.index("I feel listened to</th>") :][:600]
    assert "2.0" in row and "4.0" in row


def test_sana_opens_a_consultation_on_the_strategy_that_kyle_reads_in_easy_read(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.senior_leader)
    response = client.post(
        reverse("voice:new") + "?kind=consultation",
        _details(
            personas,
            kind="consultation",
            title="Our plan for the next three years",
            document="We will build ten new homes.\n\nEveryone will choose their own team.",
            document_easy_read="We will build 10 new homes.\n\nYou choose who helps you.",
            who="everyone",
            services=None,
        ),
    )
    survey = Survey.objects.get()
    assert response["Location"] == _url("questions", survey)
    assert survey.whole_organisation and survey.kind == "consultation"
    client.post(
        _url("questions", survey),
        _question_post(
            survey,
            [{"kind": "proposal", "text": "Do you agree with the plan?", "easy": "Do you agree?"}],
        ),
    )
    client.post(_url("open", survey))
    survey.refresh_from_db()
    assert survey.is_open
    kyle = signed_in_client(personas.person)
    session = kyle.session
    session["easy_read"] = True
    session.save()
    page = kyle.get(_url("answer", survey)).content.decode()
    assert "We will build 10 new homes." in page and "Do you agree?" in page
    # A manager may not ask the whole organisation.
    refused = signed_in_client(personas.manager).post(
        reverse("voice:new") + "?kind=consultation",
        _details(personas, kind="consultation", title="Another", who="everyone", services=None),
    )
    assert refused.status_code == 200 and Survey.objects.count() == 1
