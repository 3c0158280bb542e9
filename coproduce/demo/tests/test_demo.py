"""The demo command: the small set with its personas, and a tiny copy of the large set."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from coproduce.accounts.models import Membership, Organisation, Service, User
from coproduce.accounts.viewer import viewer_for
from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry
from coproduce.demo.large import LARGE_ORGANISATION_SLUGS
from coproduce.demo.names import FIRST_NAMES, MEN_FIRST_NAMES, WOMEN_FIRST_NAMES
from coproduce.demo.personas import (
    DEMO_PASSWORD,
    PERSONAS,
    PERSONAS_BY_KEY,
    SMALL_ORGANISATION_SLUGS,
)
from coproduce.matching.models import ChangeOffer
from coproduce.matching.queries import team_cards
from coproduce.people.models import (
    IntroductionFilm,
    Person,
    StaffProfile,
    Supporter,
    WorkerPreference,
)
from coproduce.people.queries import people_for_viewer
from coproduce.people.staff.films import captions_text
from coproduce.plans.models import PlanEntry
from coproduce.plans.models.checkins import CheckIn

pytestmark = pytest.mark.django_db


def demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def fingerprint(slugs: tuple[str, ...]) -> list[object]:
    """Summarise the demo's names, emails and links, leaving out ids and password hashes."""
    in_demo = {"organisation__slug__in": slugs}
    return [
        sorted(Service.objects.filter(**in_demo).values_list("name", "kind", "postcode")),
        sorted(
            (email, role, service or "")
            for email, role, service in Membership.objects.filter(**in_demo).values_list(
                "user__email", "role", "services__name"
            )
        ),
        sorted(
            (name, service or "", email or "")
            for name, service, email in Person.objects.filter(**in_demo).values_list(
                "full_name", "services__name", "user__email"
            )
        ),
        sorted(
            Supporter.objects.filter(person__organisation__slug__in=slugs).values_list(
                "user__name", "user__email", "person__full_name", "relationship", "scopes"
            )
        ),
        sorted(
            IntroductionFilm.objects.filter(
                staff__organisation__slug__in=slugs, is_current=True
            ).values_list("staff__user__email", "transcript", "size_bytes")
        ),
    ]


def user(email: str) -> User:
    return User.objects.get(email=email)


def organisation(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


# --- the small set --------------------------------------------------------------------------


def test_small_demo_loaded_twice_with_if_empty_is_not_duplicated() -> None:
    demo()
    before = fingerprint(SMALL_ORGANISATION_SLUGS)
    users = User.objects.count()

    output = demo("--if-empty")

    assert "already loaded" in output
    assert User.objects.count() == users
    assert fingerprint(SMALL_ORGANISATION_SLUGS) == before


def test_loading_the_small_demo_again_without_a_flag_is_refused() -> None:
    demo()
    with pytest.raises(CommandError, match="already exist"):
        demo()


def test_same_seed_gives_the_same_demo_and_another_seed_differs() -> None:
    demo("--seed", "7")
    first = fingerprint(SMALL_ORGANISATION_SLUGS)

    demo("--reset", "--seed", "7")
    again = fingerprint(SMALL_ORGANISATION_SLUGS)
    demo("--reset", "--seed", "8")
    other = fingerprint(SMALL_ORGANISATION_SLUGS)

    assert again == first
    assert other != first


def test_named_and_shortlisted_workers_have_a_portrait_and_a_captioned_film() -> None:
    demo()
    riverside = organisation("riverside")
    named = {PERSONAS_BY_KEY[key].email for key in ("wendy", "omar", "maya")}
    shortlisted = {
        card.profile.user.email
        for key in ("ruth", "kyle", "josie")
        for card in team_cards(Person.objects.get(user__email=PERSONAS_BY_KEY[key].email))
    }
    assert len(shortlisted) >= 4

    for email in named | shortlisted:
        film = IntroductionFilm.objects.get(
            staff__organisation=riverside, staff__user__email=email, is_current=True
        )
        assert film.content_type == "video/mp4"
        assert 0 < film.duration_seconds <= 60
        assert film.size_bytes < 1024 * 1024
        captions = film.captions.read().decode()
        first_name = film.staff.user.name.split(" ")[0]
        assert captions.startswith("WEBVTT")
        assert f"Hello, I am {first_name}." in captions_text(captions.encode())
        assert captions_text(captions.encode()).count("\n") == 3  # hello and three things
        assert film.poster.read()[:3] == b"\xff\xd8\xff"
        assert film.staff.photo.name.startswith("staff/photos/")
        assert film.staff.photo.read()[:8] == b"\x89PNG\r\n\x1a\n"


def test_reset_replaces_the_demo_without_leaving_old_users() -> None:
    demo()
    users = User.objects.count()

    demo("--reset", "--seed", "2")

    assert User.objects.count() == users
    assert Organisation.objects.filter(slug__in=SMALL_ORGANISATION_SLUGS).count() == 2


def test_reset_is_refused_once_the_audit_log_mentions_the_demo() -> None:
    demo()
    ruth = user("ruth@riverside.example")
    audit_record(
        actor=ruth,
        organisation=organisation("riverside"),
        action=AuditEntry.Action.SIGN_IN,
        obj=ruth,
    )

    with pytest.raises(CommandError, match="audit log"):
        demo("--reset")

    assert User.objects.filter(email="ruth@riverside.example").exists()


def test_every_persona_holds_exactly_the_roles_described() -> None:
    demo()
    for persona in PERSONAS:
        roles = set(
            Membership.objects.current()
            .filter(user__email=persona.email, organisation__slug=persona.organisation_slug)
            .values_list("role", flat=True)
        )
        assert roles == set(persona.roles), persona.key


def test_every_persona_signs_in_with_the_demo_password() -> None:
    demo()
    persona = PERSONAS[0]
    assert authenticate(username=persona.email, password=DEMO_PASSWORD) is not None
    hashes = set(
        User.objects.filter(email__in=[p.email for p in PERSONAS]).values_list(
            "password", flat=True
        )
    )
    assert len(hashes) == 1  # one hash, shared


def test_personas_are_placed_in_the_services_their_stories_describe() -> None:
    demo()
    ruth = Person.objects.get(user__email="ruth@riverside.example")
    kyle = Person.objects.get(user__email="kyle@riverside.example")
    josie = Person.objects.get(user__email="josie@riverside.example")
    mary = Supporter.objects.get(user__email="mary@riverside.example")

    assert [s.name for s in ruth.services.all()] == ["North Leeds Home Care"]
    assert "Willow House" in {s.name for s in kyle.services.all()}
    assert "Beech House" in {s.name for s in josie.services.all()}
    assert mary.person == kyle
    assert mary.relationship == Supporter.Relationship.FAMILY
    assert sorted(mary.scopes) == ["plan", "profile"]

    def services_of(email: str, role: str) -> set[str]:
        membership = Membership.objects.get(user__email=email, role=role)
        return {s.name for s in membership.services.all()}

    assert services_of("wendy@riverside.example", "support_worker") == {"Willow House"}
    assert services_of("omar@riverside.example", "support_worker") == {"North Leeds Home Care"}
    assert services_of("maya@riverside.example", "service_manager") == {
        "Willow House",
        "Beech House",
    }
    willow = Service.objects.get(name="Willow House")
    assert (willow.postcode, willow.area) == ("LS6 3AG", "Headingley")
    assert willow.latitude is not None


def test_riverside_manager_never_sees_the_hillside_person() -> None:
    demo()
    riverside, hillside = organisation("riverside"), organisation("hillside")
    maya = viewer_for(user("maya@riverside.example"), riverside)
    ada = viewer_for(user("ada@riverside.example"), riverside)
    olu = viewer_for(user("olu@hillside.example"), hillside)

    maya_sees = set(people_for_viewer(maya).values_list("full_name", flat=True))
    ada_sees = set(people_for_viewer(ada).values_list("full_name", flat=True))
    olu_sees = set(people_for_viewer(olu).values_list("full_name", flat=True))

    assert {"Kyle Brown", "Josie Patel"} <= maya_sees
    assert "Ruth Ellis" not in maya_sees  # Maya does not manage home care
    assert "Sam Taylor" not in maya_sees
    assert "Sam Taylor" not in ada_sees
    assert "Ruth Ellis" in ada_sees
    assert olu_sees == {"Sam Taylor"}


def test_print_sign_ins_lists_every_persona_and_loads_nothing() -> None:
    output = demo("--print-sign-ins")

    for persona in PERSONAS:
        assert persona.email in output
    assert DEMO_PASSWORD in output
    assert not Organisation.objects.exists()


def test_scale_is_refused_for_the_small_demo() -> None:
    with pytest.raises(CommandError, match="--scale"):
        demo("--scale", "0.5")


def test_demo_guide_lists_every_persona() -> None:
    guide = (Path(settings.BASE_DIR) / "docs" / "demo.md").read_text()
    for persona in PERSONAS:
        assert persona.email in guide
        assert persona.name in guide


# --- a tiny copy of the large set -------------------------------------------------------------


def test_tiny_large_demo_builds_with_the_same_code_as_the_full_one() -> None:
    output = demo("--size", "large", "--scale", "0.01")

    assert "Loaded the large demo" in output
    northern = organisation("northern-care")
    assert Service.objects.filter(organisation=northern).count() == 15
    assert Person.objects.filter(organisation=northern).count() == 100
    assert Supporter.objects.filter(person__organisation=northern).count() == 60
    staff_roles = ["support_worker", "service_manager", "quality_lead", "senior_leader",
                   "org_admin", "commissioner"]  # fmt: skip
    assert Membership.objects.filter(organisation=northern, role__in=staff_roles).count() == 150
    assert Organisation.objects.filter(slug__in=LARGE_ORGANISATION_SLUGS).count() == 3
    # Everyone supported has a service; every worker and manager works somewhere.
    assert not Person.objects.filter(services__isnull=True).exists()
    assert not Membership.objects.filter(
        role__in=["support_worker", "service_manager"], services__isnull=True
    ).exists()
    # Each supporter can sign in as a supporter of the same organisation.
    for supporter in Supporter.objects.select_related("person"):
        assert Membership.objects.filter(
            user=supporter.user_id, role="supporter", organisation=supporter.person.organisation_id
        ).exists()
    # Every worker has a drawn portrait, from a dozen files shared by reference.
    staff = StaffProfile.objects.filter(organisation=northern)
    assert staff.exists() and not staff.filter(photo="").exists()
    assert staff.values("photo").distinct().count() <= 12


def test_tiny_large_demo_is_the_same_for_the_same_seed() -> None:
    demo("--size", "large", "--scale", "0.02", "--seed", "5")
    first = fingerprint(LARGE_ORGANISATION_SLUGS)

    demo("--size", "large", "--scale", "0.02", "--seed", "5", "--reset")

    assert fingerprint(LARGE_ORGANISATION_SLUGS) == first


def _records(slugs: tuple[str, ...]) -> list[object]:
    """The large demo's plans, decisions, one-to-ones, flags, requests and notifications."""
    from coproduce.accounts.models import Notification
    from coproduce.decisions.models import Decision
    from coproduce.matching.models import ChangeRequest
    from coproduce.plans.models import NotWorkingFlag
    from coproduce.plans.models.checkins import OneToOne, OneToOneAction

    in_demo = {"organisation__slug__in": slugs}
    return [
        sorted(
            PlanEntry.objects.filter(plan__organisation__slug__in=slugs).values_list(
                "plan__person__full_name", "section", "text", "agreement", "weekday"
            )
        ),
        sorted(
            Decision.objects.filter(**in_demo).values_list(
                "person__full_name", "what", "rung", "decided_on"
            )
        ),
        sorted(
            OneToOne.objects.filter(**in_demo).values_list(
                "person__full_name", "keyworker__email", "date", "agenda"
            )
        ),
        sorted(
            OneToOneAction.objects.filter(one_to_one__organisation__slug__in=slugs).values_list(
                "one_to_one__person__full_name", "what", "owner"
            )
        ),
        sorted(NotWorkingFlag.objects.filter(**in_demo).values_list("person__full_name", "what")),
        sorted(
            ChangeRequest.objects.filter(**in_demo).values_list(
                "person__full_name", "worker__email", "status"
            )
        ),
        sorted(
            ChangeOffer.objects.filter(**in_demo).values_list(
                "request__person__full_name", "worker__email"
            )
        ),
        sorted(Notification.objects.filter(**in_demo).values_list("recipient__email", "kind")),
    ]


def test_tiny_large_demo_holds_the_records_its_pages_are_about() -> None:
    from coproduce.accounts.models import Notification
    from coproduce.decisions.models import Decision
    from coproduce.demo.targets import choose_targets, url_arguments
    from coproduce.plans.models.plan import PlanEntryRevision

    demo("--size", "large", "--scale", "0.01")
    first = _records(LARGE_ORGANISATION_SLUGS)
    kinds = ["entries", "decisions", "one-to-ones", "actions", "flags", "requests", "offers",
             "notifications"]  # fmt: skip
    for kind, rows in zip(kinds, first, strict=True):
        assert rows, f"the tiny large demo has no {kind}"
    northern = organisation("northern-care")
    people = Person.objects.filter(organisation=northern).count()
    # Every person has a plan of three to eight entries, each with its revision and its
    # ledger entry pointing back at it.
    entries = PlanEntry.objects.filter(plan__organisation=northern)
    assert entries.values("plan").distinct().count() == people
    assert people * 3 <= entries.count() <= people * 8
    assert PlanEntryRevision.objects.filter(entry__in=entries).count() == entries.count()
    for entry in entries.select_related("decision")[:50]:
        assert entry.decision is not None and entry.decision.subject_id == entry.pk
    # The person the page benchmark signs in as has one of each, and their manager hears.
    chosen = choose_targets(northern)
    arguments = url_arguments()
    for url_name in ["plans:entry_edit", "decisions:detail", "plans:one_to_one",
                     "plans:not_working", "matching:change_request",
                     "matching:change_request_offer", "notification_open"]:  # fmt: skip
        assert chosen.kwargs_for(url_name, arguments[url_name]) is not None, url_name
    assert Notification.objects.filter(recipient=chosen.users["manager"], read_at=None).exists()
    assert Decision.objects.filter(person=chosen.person, subject_id=None).exists()

    # The same seed gives the same records.
    demo("--size", "large", "--scale", "0.01", "--reset")
    assert _records(LARGE_ORGANISATION_SLUGS) == first


def test_large_demo_keeps_apart_from_the_small_one() -> None:
    demo()
    demo("--size", "large", "--scale", "0.01")

    demo("--size", "large", "--scale", "0.01", "--reset")

    assert Organisation.objects.filter(slug__in=SMALL_ORGANISATION_SLUGS).count() == 2
    assert User.objects.filter(email="ruth@riverside.example").exists()


# --- the small set agrees with itself -------------------------------------------------------


def _wanted_gender(value: str) -> str:
    """Return the gender a wish names: "Woman, for personal care" wants a woman."""
    return value.split(",")[0].strip().lower()


def _people_of(slug: str) -> list[Person]:
    return list(Person.objects.filter(organisation__slug=slug).order_by("pk"))


def test_every_shortlisted_worker_is_the_gender_a_person_must_have() -> None:
    demo()
    ruth = Person.objects.get(user__email=PERSONAS_BY_KEY["ruth"].email)
    musts = WorkerPreference.objects.filter(
        person__organisation__slug="riverside", characteristic="gender", strength="must"
    )
    assert musts.filter(person=ruth).exists()  # "a woman, for personal care"
    for wish in musts.select_related("person"):
        cards = team_cards(wish.person)
        assert cards, wish.person
        for card in cards:
            assert card.profile.gender == _wanted_gender(wish.value), (wish.person, card.name)
            first = card.first_name
            if card.profile.gender == "woman":
                assert first not in MEN_FIRST_NAMES, (wish.person, card.name)
        # Workers a manager offers instead of one the person asked to change, too.
        for offer in ChangeOffer.objects.filter(request__person=wish.person):
            offered = StaffProfile.objects.get(user=offer.worker_id)
            assert offered.gender == _wanted_gender(wish.value), (wish.person, offer.worker)


def test_the_gender_you_asked_for_is_said_only_of_a_worker_of_that_gender() -> None:
    demo()
    wishes = WorkerPreference.objects.filter(
        person__organisation__slug="riverside", characteristic="gender"
    ).select_related("person")
    assert {w.person.preferred_name for w in wishes} >= {"Ruth", "Kyle", "Josie"}
    for wish in wishes:
        for easy_read in (False, True):
            for card in team_cards(wish.person, easy_read=easy_read):
                said = " ".join(reason.text for reason in card.reasons)
                if "gender you asked for" in said:
                    assert card.profile.gender == _wanted_gender(wish.value), card.name


def _assert_names_agree_with_genders(slug: str) -> int:
    profiles = StaffProfile.objects.filter(organisation__slug=slug).select_related("user")
    for profile in profiles:
        first = profile.user.name.split(" ")[0]
        assert profile.gender, profile.user.name
        if profile.gender == StaffProfile.Gender.WOMAN:
            assert first not in MEN_FIRST_NAMES, profile.user.name
        elif profile.gender == StaffProfile.Gender.MAN:
            assert first not in WOMEN_FIRST_NAMES, profile.user.name
        else:
            assert first not in MEN_FIRST_NAMES + WOMEN_FIRST_NAMES, profile.user.name
    return profiles.count()


def test_no_worker_has_a_first_name_of_the_other_gender() -> None:
    demo()
    assert _assert_names_agree_with_genders("riverside") >= 15
    maya = StaffProfile.objects.get(user__email=PERSONAS_BY_KEY["maya"].email)
    assert maya.gender == StaffProfile.Gender.WOMAN


def test_no_worker_of_the_tiny_large_demo_has_a_first_name_of_the_other_gender() -> None:
    demo("--size", "large", "--scale", "0.01")
    assert _assert_names_agree_with_genders("northern-care") >= 50


def test_ruth_checks_in_as_a_91_year_old_at_home_would() -> None:
    demo()
    ruth = Person.objects.get(user__email=PERSONAS_BY_KEY["ruth"].email)
    check_ins = CheckIn.objects.filter(person=ruth)
    assert check_ins.count() >= 10
    for check_in in check_ins:
        words = f"{check_in.wishes} {check_in.support_today}"
        assert not re.search(r"\b(college|school|work|job|class)\b", words, re.I), words


def test_every_name_in_a_plans_who_is_on_the_persons_team_or_in_their_circle() -> None:
    demo()
    riverside = organisation("riverside")
    staff_first_names = {
        name.split(" ")[0]
        for name in User.objects.filter(
            memberships__organisation=riverside,
            memberships__role__in=["support_worker", "service_manager"],
        ).values_list("name", flat=True)
    }
    for key in ("ruth", "kyle", "josie"):
        person = Person.objects.get(user__email=PERSONAS_BY_KEY[key].email)
        team = {
            name.split(" ")[0]
            for name in User.objects.filter(
                memberships__organisation=riverside,
                memberships__role__in=["support_worker", "service_manager"],
                memberships__ended_at__isnull=True,
                memberships__services__in=person.services.all(),
            ).values_list("name", flat=True)
        }
        family_and_friends = set(
            person.important_people.exclude(closeness="paid").values_list("name", flat=True)
        )
        who = " ".join(
            PlanEntry.objects.filter(plan__person=person, section="who").values_list(
                "text", flat=True
            )
        )
        names = {
            word
            for word in re.findall(r"\b[A-Z][a-z]+\b", who)
            if word in staff_first_names or word in FIRST_NAMES or word in family_and_friends
        }
        assert names & team, (key, who)  # the plan names someone on the team
        for name in names:
            assert name in team or name in family_and_friends, (key, name, who)


def test_loading_a_demo_leaves_the_query_planner_its_statistics() -> None:
    """A fresh bulk load has no planner statistics until ``ANALYZE``; the command runs it."""
    from django.db import connection

    demo("--size", "large", "--scale", "0.01")

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # reltuples is -1 until the table has been analysed (or vacuumed).
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = %s", ["accounts_service"]
            )
            assert cursor.fetchone()[0] >= 15
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", ["accounts_service"])
            rows = cursor.fetchall()
            assert rows, "no statistics for accounts_service"
            assert int(rows[0][0].split()[0]) >= 15


def test_small_demo_votes_wait_for_kyle_and_their_totals_equal_the_answers() -> None:
    from coproduce.voice.models import Answer, Participation, Response, Survey
    from coproduce.voice.tally import RESPONSES, totals

    demo()
    riverside = organisation("riverside")
    kyle = Person.objects.get(organisation=riverside, user=user(PERSONAS_BY_KEY["kyle"].email))
    surveys = list(Survey.objects.filter(organisation=riverside))
    assert len(surveys) == 4
    for survey in surveys:
        shown = totals(survey.pk)
        assert shown[RESPONSES].count == Response.objects.filter(survey=survey).count() > 0
        for question in survey.questions.prefetch_related("options"):
            for option in question.options.all():
                stored = Answer.objects.filter(question=question, option=option).count()
                if question.kind != "meeting":
                    found = shown.get((question.pk, option.pk, 0))
                    assert (found.count if found else 0) == stored
    trip = Survey.objects.get(organisation=riverside, title__startswith="Where shall we go")
    assert trip.is_open
    assert not Participation.objects.filter(
        survey=trip, respondent_key=f"person:{kyle.pk}"
    ).exists()
    closed = Survey.objects.get(organisation=riverside, title__startswith="Should The Hub")
    assert closed.is_closed and closed.outcome
    for anonymous in Survey.objects.filter(organisation=riverside, anonymous=True):
        assert not Response.objects.filter(survey=anonymous, person__isnull=False).exists()
    # "How is your support going?" was asked three months ago too: change over time.
    from coproduce.voice.queries import earlier_runs
    from coproduce.voice.results import change_over_time

    current = Survey.objects.get(
        organisation=riverside, title="How is your support going?", closed_at__isnull=True
    )
    over_time = change_over_time(current, earlier_runs(current))
    assert [row.text for row in over_time] == ["I choose who supports me", "I feel listened to"]
    assert all(average is not None for _run, average, _n in over_time[0].runs)


def test_small_demo_ideas_at_willow_house_are_answered_thought_about_and_waiting() -> None:
    from django.utils import timezone

    from coproduce.accounts.models import Notification
    from coproduce.voice.ideas.queries import ideas_to_answer
    from coproduce.voice.models import Idea, IdeaStatus, MeToo

    demo()
    riverside = organisation("riverside")
    ideas = {idea.title: idea for idea in Idea.objects.filter(organisation=riverside)}
    assert len(ideas) == 3
    film = ideas["A film night every Friday"]
    kyle = user(PERSONAS_BY_KEY["kyle"].email)
    assert film.author == kyle and film.person is not None and film.person.user == kyle
    assert film.status == IdeaStatus.YES and film.answer
    assert film.service is not None and film.service.name == "Willow House"
    assert {idea.status for idea in ideas.values()} == {
        IdeaStatus.YES,
        IdeaStatus.THINKING,
        IdeaStatus.NEW,
    }
    for idea in ideas.values():
        assert idea.me_too_count == MeToo.objects.filter(idea=idea).count()
        assert not MeToo.objects.filter(idea=idea, user=idea.author).exists()
    assert Notification.objects.filter(recipient=kyle, kind="idea_answered").count() == 1
    maya = viewer_for(user(PERSONAS_BY_KEY["maya"].email), riverside)
    waiting = ideas_to_answer(maya, today=timezone.localdate(), limit=5)
    assert waiting is not None and waiting.count == 1
    assert waiting.items[0].person_name == "Wendy Clarke"


def test_small_demo_complaints_in_every_state_with_one_late_first_for_lee() -> None:
    from django.utils import timezone

    from coproduce.accounts.viewer import viewer_for
    from coproduce.feedback.models import Concern
    from coproduce.feedback.queries import complaints_to_answer

    demo()
    riverside = organisation("riverside")
    complaints = Concern.objects.filter(organisation=riverside, kind="complaint")
    assert set(complaints.values_list("status", flat=True)) == {
        "received",
        "acknowledged",
        "investigating",
        "responded",
        "closed",
    }
    assert Concern.objects.filter(organisation=riverside, kind="compliment").count() == 2
    lee = user(PERSONAS_BY_KEY["lee"].email)
    waiting = complaints_to_answer(viewer_for(lee, riverside), today=timezone.localdate(), limit=5)
    assert waiting is not None and waiting.overdue >= 1
    first = Concern.objects.get(pk=waiting.items[0].pk)
    assert first.status == "received" and first.acknowledge_by < timezone.localdate()


def test_small_demo_concerns_handled_so_far_have_their_themes() -> None:
    from coproduce.feedback.models import Concern, themes_in_order

    demo()
    concerns = Concern.objects.filter(organisation=organisation("riverside"))
    handled = concerns.exclude(status="received")
    assert handled.exists()
    for concern in handled:
        assert concern.themes and concern.themes == themes_in_order(concern.themes)
    assert all(not c.themes for c in concerns.filter(status="received"))
