"""Votes through the real stack: answers a second, none lost or counted twice, and the
results page of the large demo's biggest survey.

    .venv/bin/python bench/voice.py [--seconds 40] [--sessions 5000] [--threads 16]
                                    [--workers 2] [--close-before-end 5] [--json FILE]

On the large demo in PostgreSQL (``coproduce_bench``, loaded by ``bench/demo_load.py``
when it is missing or has no survey answers), with gunicorn started as
``bench/pages.py`` starts it (DEBUG off, ``gunicorn.conf.py``, production settings):

1. A leader writes and opens a quick vote asking the whole organisation (people
   supported, supporters and staff), through ``voice.actions``.
2. ``--sessions`` members it asks are signed in, each with a real session in the
   database (as a sign-in with a second factor leaves it), and each fetches the answer
   page for its CSRF cookie and token, from ``--threads`` threads (timed apart).
3. From the same threads, on keep-alive connections, every session POSTs its vote for
   ``--seconds`` seconds. About one session in fifty submits twice: half press the button
   again once the first answer is back, half twice at the same moment (two connections).
   ``--close-before-end`` seconds before the end (or sooner, once fewer than a tenth of
   the members are left to answer), the vote is closed (``actions.survey_close``, in a
   connection of its own) while answers keep arriving. The CPU time the gunicorn workers,
   the database's server processes and this load generator use meanwhile is measured,
   so the ceiling of the machine is known.
4. Each POST's outcome is read from the message it leaves (a 302 to the vote's page
   with "Your answers are counted", "You have answered this already" or "this closed"),
   then compared with the database: every answer accepted is stored once, none refused
   is stored, no response is later than the close, and the totals shown on the results
   page and in the running totals equal ``COUNT(*)`` over the responses and answers.
5. The results page of the large demo's open organisation-wide survey (the one with
   the most answers) is measured as a senior leader: ``--requests`` requests in turn at
   1 user, ``--concurrent`` from 10 threads; its live region (``results_live``) too.

Targets (issue 5): at least 1,000 answers a second while the vote is open, 0 lost, 0
counted twice, a double submit is one answer, closing loses none, and the results page
p95 <= 100 ms at 1 user. It exits with 1 when one is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import queue
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import (
    HOST,
    database_url,
    ensure_large_demo,
    ensure_statistics,
    gunicorn,
    measure,
    percentile,
    server_environment,
    set_up_django,
    signed_in_cookies,
)

ANSWERS_PER_SECOND_TARGET = 1000.0
RESULTS_P95_TARGET_MS = 100.0
DOUBLE_SHARE = 0.02
MIN_SURVEY_ANSWERS = 500_000
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COUNT_SHOWN = re.compile(r'id="responses-count" data-count="(\d+)"')
OPTION_SHOWN = re.compile(r'data-option-id="(\d+)" data-count="(\d+)"')


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="coproduce_bench")
    parser.add_argument("--seconds", type=float, default=40.0, help="how long answers arrive")
    parser.add_argument("--sessions", type=int, default=5000, help="members signed in")
    parser.add_argument("--threads", type=int, default=16, help="threads posting answers")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (make serve: 2)")
    parser.add_argument(
        "--close-before-end",
        type=float,
        default=5.0,
        help="close the vote this long before the end",
    )
    parser.add_argument("--requests", type=int, default=40, help="results page: requests, 1 user")
    parser.add_argument("--concurrent", type=int, default=100, help="results page: at 10 users")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser.parse_args()


# --- The data ------------------------------------------------------------------------------


def ensure_voice_demo(database: str) -> None:
    """The large demo with its survey answers (a database loaded before them is reloaded)."""
    ensure_large_demo(database)
    with psycopg.connect(database_url(database), autocommit=True) as conn:
        try:
            row = conn.execute(
                "SELECT count(*) FROM voice_answer a JOIN voice_response r ON r.id = a.response_id"
                " JOIN voice_survey s ON s.id = r.survey_id WHERE s.whole_organisation"
            ).fetchone()
        except psycopg.Error:
            row = None
    if row and row[0] >= MIN_SURVEY_ANSWERS:
        return
    print("The large demo has no survey answers yet: loading it again...", flush=True)
    import subprocess

    root = Path(__file__).resolve().parent.parent
    subprocess.run(  # noqa: S603
        [sys.executable, str(root / "bench" / "demo_load.py"), "--database", database], check=True
    )


@dataclass
class Vote:
    survey_id: int
    question_field: str
    option_ids: list[int]
    leader_id: int
    organisation_id: int


def write_the_vote(chosen: Any) -> Vote:
    """A leader writes a quick vote asking the whole organisation, open now."""
    from django.utils import timezone

    from coproduce.accounts.viewer import viewer_for
    from coproduce.voice.actions import OptionSpec, QuestionSpec, survey_create
    from coproduce.voice.models import QuestionKind, SurveyKind

    leader = chosen.users["senior_leader"]
    now = timezone.now()
    survey = survey_create(
        viewer=viewer_for(leader, chosen.organisation),
        kind=SurveyKind.VOTE,
        title=f"When shall we hold the summer party? ({now:%H:%M:%S})",
        closes_at=now + dt.timedelta(days=7),
        opens_at=now - dt.timedelta(seconds=1),
        whole_organisation=True,
        ask_people=True,
        ask_supporters=True,
        ask_staff=True,
        questions=[
            QuestionSpec(
                QuestionKind.CHOICE,
                "When shall we hold the summer party?",
                easy_read_text="When is the party?",
                options=[
                    OptionSpec("In June", symbol="calendar"),
                    OptionSpec("In July", symbol="calendar"),
                    OptionSpec("In August", symbol="calendar"),
                ],
            )
        ],
    )
    question = survey.questions.get()
    return Vote(
        survey_id=survey.pk,
        question_field=f"q{question.pk}",
        option_ids=list(question.options.order_by("position").values_list("pk", flat=True)),
        leader_id=leader.pk,
        organisation_id=chosen.organisation.pk,
    )


def members_asked(organisation: Any, limit: int) -> list[int]:
    """Users the vote asks (people supported who sign in, supporters, staff): a sample of
    ``limit`` drawn with a fixed seed, so each role is there in its share."""
    import random

    from coproduce.accounts.models import Membership

    roles = ["person", "supporter", "support_worker", "service_manager", "quality_lead",
             "senior_leader", "org_admin"]  # fmt: skip
    ids = sorted(
        set(
            Membership.objects.current()
            .filter(organisation=organisation, role__in=roles, user__is_active=True)
            .values_list("user_id", flat=True)
        )
    )
    random.Random(1).shuffle(ids)
    return ids[:limit]


def signed_in_sessions(user_ids: list[int]) -> dict[int, str]:
    """A real session in the database for each user, as ``sign_in_for_tests`` writes one
    (signed in, second factor given, in the session list), written in bulk; return each
    user's session cookie."""
    from allauth.usersessions.models import UserSession
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.test import Client
    from django.utils import timezone

    from coproduce.accounts.models import User
    from coproduce.accounts.testing import sign_in_for_tests

    users = User.objects.in_bulk(user_ids)
    # One real sign-in shows what the session holds; the rest are written like it.
    client = Client()
    model_user = users[user_ids[0]]
    sign_in_for_tests(client, model_user)
    template = dict(client.session.items())
    text_id = str(model_user.pk)
    store = SessionStore()
    expires = timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    sessions, tracked, cookies = [], [], {}
    for user_id in user_ids:
        user = users[user_id]
        key = secrets.token_hex(16)
        data = json.loads(json.dumps(template).replace(f'"{text_id}"', f'"{user.pk}"'))
        data["_auth_user_id"] = str(user.pk)
        data["_auth_user_hash"] = user.get_session_auth_hash()
        for name, value in data.items():
            if isinstance(value, dict) and "key" in value and "at" in value:
                data[name] = {"key": key, "at": time.time()}
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expires)
        )
        tracked.append(
            UserSession(user=user, session_key=key, ip="127.0.0.1", user_agent="bench/voice.py")
        )
        cookies[user_id] = f"{settings.SESSION_COOKIE_NAME}={key}"
    Session.objects.bulk_create(sessions, batch_size=2000)
    UserSession.objects.bulk_create(tracked, batch_size=2000)
    return cookies


# --- HTTP ----------------------------------------------------------------------------------


class Browser:
    """One thread's keep-alive connection (re-opened when the server closes it)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection(HOST, port, timeout=120)

    def request(
        self, method: str, path: str, cookie: str, body: str = ""
    ) -> tuple[int, http.client.HTTPResponse, bytes, float]:
        headers = {"Host": HOST, "Cookie": cookie, "Connection": "keep-alive"}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body or None, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed the kept-alive connection before this request: once more.
                self.connection.close()
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
                if attempt == 2:
                    raise
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, response, content, time.perf_counter() - started


def set_cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    found: dict[str, str] = {}
    for header in response.msg.get_all("Set-Cookie") or []:
        cookie = SimpleCookie()
        cookie.load(header)
        found.update({name: morsel.value for name, morsel in cookie.items()})
    return found


@dataclass
class Member:
    user_id: int
    cookie: str
    csrf_cookie: str = ""
    token: str = ""
    double: str = ""  # "", "again" (after the first answer) or "together" (at once)


@dataclass
class Posted:
    user_id: int
    status: int
    sent: float  # seconds since the answers began
    done: float
    messages: str  # the messages cookie, decoded after the run
    location: str


def fetch_forms(port: int, members: list[Member], path: str, threads: int) -> list[float]:
    """Each member opens the answer page: their CSRF cookie and the form's token."""
    from django.conf import settings

    work: queue.Queue[Member] = queue.Queue()
    for member in members:
        work.put(member)
    timings: list[float] = []
    problems: list[str] = []
    lock = threading.Lock()

    def run() -> None:
        browser = Browser(port)
        mine = []
        while True:
            try:
                member = work.get_nowait()
            except queue.Empty:
                break
            status, response, content, seconds = browser.request("GET", path, member.cookie)
            mine.append(seconds * 1000)
            token = CSRF_FIELD.search(content.decode())
            csrf = set_cookies(response).get(settings.CSRF_COOKIE_NAME, "")
            if status != 200 or token is None or not csrf:
                with lock:
                    problems.append(f"user {member.user_id}: {status}")
                continue
            member.token, member.csrf_cookie = token.group(1), csrf
        with lock:
            timings.extend(mine)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if problems:
        raise SystemExit(f"{len(problems)} answer pages did not open: {problems[:5]}")
    return timings


def post_answers(
    port: int,
    members: list[Member],
    vote: Vote,
    args: argparse.Namespace,
    before_closing: Any = None,
) -> tuple[list[Posted], float, float, dict[str, Any]]:
    """POST every member's vote from many threads until the time is up, closing the vote
    ``--close-before-end`` seconds before the end. Return what each POST got, when the
    answers began (a perf_counter value), how long they ran, and the close's details."""
    import random

    from django.conf import settings
    from django.db import connections

    path = f"/voice/{vote.survey_id}/answer/"
    work: queue.Queue[Member] = queue.Queue()
    for member in members:
        work.put(member)
    posted: list[Posted] = []
    lock = threading.Lock()
    stop = threading.Event()
    closing: dict[str, Any] = {}
    rng = random.Random(1)
    choice = {m.user_id: rng.choice(vote.option_ids) for m in members}
    began = time.perf_counter()

    def send(browser: Browser, member: Member) -> Posted:
        body = urlencode(
            {
                "csrfmiddlewaretoken": member.token,
                vote.question_field: str(choice[member.user_id]),
            }
        )
        cookie = f"{member.cookie}; {settings.CSRF_COOKIE_NAME}={member.csrf_cookie}"
        sent = time.perf_counter() - began
        status, response, _, _ = browser.request("POST", path, cookie, body)
        return Posted(
            member.user_id,
            status,
            sent,
            time.perf_counter() - began,
            set_cookies(response).get("messages", ""),
            response.getheader("Location", ""),
        )

    def send_together(first: Browser, other: Browser, member: Member) -> list[Posted]:
        """Press the button twice at once: two connections, released together."""
        both = threading.Barrier(2)
        second: list[Posted] = []

        def press() -> None:
            both.wait()
            second.append(send(other, member))

        helper = threading.Thread(target=press)
        helper.start()
        both.wait()
        mine = [send(first, member)]
        helper.join()
        return mine + second

    def run() -> None:
        browser = Browser(port)
        twin_browser: Browser | None = None
        mine: list[Posted] = []
        while not stop.is_set():
            try:
                member = work.get_nowait()
            except queue.Empty:
                break
            if member.double == "together":
                twin_browser = twin_browser or Browser(port)
                mine.extend(send_together(browser, twin_browser, member))
            else:
                mine.append(send(browser, member))
                if member.double == "again":
                    mine.append(send(browser, member))
        with lock:
            posted.extend(mine)

    def close() -> None:
        from coproduce.accounts.models import Organisation, User
        from coproduce.accounts.viewer import viewer_for
        from coproduce.voice.actions import survey_close
        from coproduce.voice.models import Survey

        try:
            leader = User.objects.get(pk=vote.leader_id)
            viewer = viewer_for(leader, Organisation.objects.get(pk=vote.organisation_id))
            survey = Survey.objects.get(pk=vote.survey_id)
            if before_closing is not None:
                before_closing()
            closing["asked"] = time.perf_counter() - began
            survey_close(viewer=viewer, survey=survey)
            closing["done"] = time.perf_counter() - began
            closing["closed_at"] = survey.closed_at
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(args.threads)]
    # Close at the time asked, or sooner if the members left to answer run low, so
    # answers are still arriving when it closes.
    reserve = max(50, len(members) // 10)

    def close_in_time() -> None:
        close_at = max(0.0, args.seconds - args.close_before_end)
        while time.perf_counter() - began < close_at and work.qsize() > reserve:
            time.sleep(0.02)
        close()

    closer = threading.Thread(target=close_in_time)
    for thread in threads:
        thread.start()
    closer.start()
    while not stop.wait(0.1):
        if time.perf_counter() - began >= args.seconds or not any(t.is_alive() for t in threads):
            stop.set()
    for thread in threads:
        thread.join()
    closer.join()
    return posted, began, time.perf_counter() - began, closing


def decoded_message(value: str) -> str:
    """The words of the messages cookie a POST set (signed with the server's key)."""
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    if not value:
        return ""
    messages = CookieStorage(HttpRequest())._decode(value) or []
    return " ".join(str(m.message) for m in messages)


def outcome_of(post: Posted, detail_path: str) -> str:
    if post.status != 302 or post.location != detail_path:
        return "error"
    words = decoded_message(post.messages)
    if "Your answers are counted" in words:
        return "accepted"
    if "answered this already" in words:
        return "duplicate"
    if "closed" in words:
        return "refused"
    return "error"


# --- Where the time goes -------------------------------------------------------------------


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """Each process's CPU time so far (user and system), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return found


def database_backends(database: str) -> list[int]:
    """The PostgreSQL server processes serving this database's connections."""
    with psycopg.connect(database_url(database), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        ).fetchall()
    return [row[0] for row in rows]


class CpuMeter:
    """CPU seconds used by the gunicorn workers, the database's server processes and this
    process (the load generator) between ``start`` and ``stop``."""

    def __init__(self, server: Any, database: str) -> None:
        self.server, self.database = server, database

    def sample(self) -> dict[str, dict[int, float]]:
        own = os.times()
        return {
            "workers": cpu_seconds(self.server.worker_pids()),
            "database": cpu_seconds(database_backends(self.database)),
            "load generator": {0: own.user + own.system},
        }

    def start(self) -> None:
        self.before = self.sample()

    def stop(self) -> dict[str, float]:
        after = self.sample()
        return {
            what: sum(seconds - self.before[what].get(pid, 0.0) for pid, seconds in now.items())
            for what, now in after.items()
        }


# --- Checking ------------------------------------------------------------------------------


@dataclass
class Check:
    what: str
    expected: Any
    found: Any

    @property
    def ok(self) -> bool:
        return bool(self.expected == self.found)


def database_counts(vote: Vote) -> dict[str, Any]:
    from django.db.models import Count, Sum

    from coproduce.voice.models import Answer, Participation, Response, Tally

    responses = Response.objects.filter(survey_id=vote.survey_id)
    everyone = Tally.objects.filter(survey_id=vote.survey_id, dimension="")
    return {
        "responses": responses.count(),
        "participations": Participation.objects.filter(survey_id=vote.survey_id).count(),
        "answers": Answer.objects.filter(response__survey_id=vote.survey_id).count(),
        "users": Counter(responses.values_list("user_id", flat=True)),
        "latest": responses.order_by("-created_at").values_list("created_at", flat=True).first(),
        "tally responses": everyone.filter(question_id=0).aggregate(n=Sum("count"))["n"] or 0,
        "tally by option": dict(
            everyone.exclude(option_id=0)
            .values_list("option_id")
            .annotate(n=Sum("count"))
            .values_list("option_id", "n")
        ),
        "answers by option": dict(
            Answer.objects.filter(response__survey_id=vote.survey_id)
            .values_list("option_id")
            .annotate(n=Count("id"))
            .values_list("option_id", "n")
        ),
        "tally dimensions": everyone.count(),
    }


def shown_on_results_page(port: int, vote: Vote, cookie: str) -> tuple[int, dict[int, int]]:
    browser = Browser(port)
    status, _, content, _ = browser.request("GET", f"/voice/{vote.survey_id}/results/", cookie)
    page = content.decode()
    found = COUNT_SHOWN.search(page)
    if status != 200 or found is None:
        raise SystemExit(f"The results page did not show a total ({status})")
    by_option: dict[int, int] = {}
    for option_id, count in OPTION_SHOWN.findall(page):
        by_option[int(option_id)] = int(count)
    return int(found.group(1)), by_option


@dataclass
class Report:
    date: str
    load_before: float
    load_after: float = 0.0
    workers: int = 2
    threads: int = 16
    sessions: int = 0
    forms_per_second: float = 0.0
    form_p50_ms: float = 0.0
    form_p95_ms: float = 0.0
    seconds: float = 0.0
    posts: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    answers_per_second: float = 0.0
    per_second: list[int] = field(default_factory=list)
    post_p50_ms: float = 0.0
    post_p95_ms: float = 0.0
    close_asked_s: float = 0.0
    close_took_ms: float = 0.0
    accepted: int = 0
    lost: int = 0
    double: int = 0
    doubles_tried: int = 0
    doubles_one_answer: int = 0
    doubles_refused_as_duplicate: int = 0
    refused_then_stored: int = 0
    checks: list[dict[str, Any]] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    cpu_ms_per_answer: dict[str, float] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def main() -> int:
    args = parse_args()
    ensure_voice_demo(args.database)
    statistics_note = ensure_statistics(args.database)
    report = Report(date=time.strftime("%Y-%m-%d %H:%M"), load_before=os.getloadavg()[0])
    report.workers, report.threads = args.workers, args.threads
    with tempfile.TemporaryDirectory(prefix="coproduce-bench-voice-") as tmp:
        folder = Path(tmp)
        env = server_environment(args.database, folder)
        set_up_django(env)
        from coproduce.demo.targets import Page, choose_targets

        chosen = choose_targets()
        big = chosen.open_survey()
        if big is None:
            raise SystemExit("The large demo has no open survey asking the whole organisation")
        leader_cookie = signed_in_cookies(chosen)["senior_leader"]
        vote = write_the_vote(chosen)
        started = time.perf_counter()
        user_ids = members_asked(chosen.organisation, args.sessions)
        cookies = signed_in_sessions(user_ids)
        print(
            f"Signed in {len(cookies):,} members in {time.perf_counter() - started:.1f} s; "
            f"the vote is survey {vote.survey_id}",
            flush=True,
        )
        members = [Member(user_id, cookie) for user_id, cookie in cookies.items()]
        import random

        rng = random.Random(5)
        for member in members:
            if rng.random() < DOUBLE_SHARE:
                member.double = rng.choice(("again", "together"))
        rng.shuffle(members)
        report.sessions = len(members)
        answer_path = f"/voice/{vote.survey_id}/answer/"
        detail_path = f"/voice/{vote.survey_id}/"
        with gunicorn(env, folder, args.workers) as server:
            # Settle the workers (first connections, first renders).
            settle = Browser(server.port)
            for _ in range(20):
                settle.request("GET", "/bench/trivial/", leader_cookie)
            print("Opening the answer page for every member...", flush=True)
            started = time.perf_counter()
            forms = fetch_forms(server.port, members, answer_path, args.threads)
            took = time.perf_counter() - started
            report.forms_per_second = len(forms) / took
            report.form_p50_ms = statistics.median(forms)
            report.form_p95_ms = percentile(forms, 0.95)
            print(
                f"  {len(forms):,} answer pages in {took:.1f} s "
                f"({report.forms_per_second:.0f} a second, p95 {report.form_p95_ms:.0f} ms)",
                flush=True,
            )
            print(
                f"Answering for {args.seconds:.0f} s from {args.threads} threads, "
                f"closing {args.close_before_end:.0f} s before the end...",
                flush=True,
            )
            # CPU while the vote is open: from the first answer to the close.
            meter = CpuMeter(server, args.database)
            meter.start()
            posted, _, ran, closing = post_answers(
                server.port,
                members,
                vote,
                args,
                before_closing=lambda: report.cpu_seconds.update(meter.stop()),
            )
            report.seconds = ran
            shown_total, shown_options = shown_on_results_page(server.port, vote, leader_cookie)

            # The results page of the survey with the most answers, as a senior leader.
            for name, path in (
                ("voice:results", f"/voice/{big.pk}/results/"),
                ("voice:results_live", f"/voice/{big.pk}/results/live/"),
            ):
                figures = measure(
                    server.port, Page(name, "senior_leader", path), leader_cookie, args
                )
                report.results.append(asdict(figures))
        report.load_after = os.getloadavg()[0]

    # --- what each POST got, against the database -----------------------------------------
    outcomes: dict[int, list[tuple[str, Posted]]] = {}
    for post in posted:
        outcomes.setdefault(post.user_id, []).append((outcome_of(post, detail_path), post))
    kinds = Counter(kind for got in outcomes.values() for kind, _ in got)
    report.posts, report.outcomes = len(posted), dict(kinds)
    accepted_users = {u for u, got in outcomes.items() if any(k == "accepted" for k, _ in got)}
    report.accepted = len(accepted_users)
    close_at = closing.get("asked", report.seconds)
    accepted_times = sorted(p.done for got in outcomes.values() for k, p in got if k == "accepted")
    open_for = max(1e-9, close_at)
    before_close = [t for t in accepted_times if t <= close_at]
    report.answers_per_second = len(before_close) / open_for
    report.per_second = [
        sum(1 for t in accepted_times if second <= t < second + 1)
        for second in range(int(report.seconds) + 1)
    ]
    report.cpu_ms_per_answer = {
        what: seconds * 1000 / max(1, len(before_close))
        for what, seconds in report.cpu_seconds.items()
    }
    post_ms = [(p.done - p.sent) * 1000 for p in posted]
    report.post_p50_ms, report.post_p95_ms = statistics.median(post_ms), percentile(post_ms, 0.95)
    report.close_asked_s = close_at
    report.close_took_ms = (closing.get("done", close_at) - close_at) * 1000
    doubles = [m for m in members if m.double and m.user_id in outcomes]
    report.doubles_tried = len(doubles)
    refused_early = [
        p for got in outcomes.values() for k, p in got if k == "refused" and p.done < close_at
    ]

    counts = database_counts(vote)
    stored_users = counts["users"]
    # A double submit is one answer: at most one accepted, and stored exactly that often.
    for member in doubles:
        got = [k for k, _ in outcomes[member.user_id]]
        if got.count("accepted") <= 1 and stored_users.get(member.user_id, 0) == got.count(
            "accepted"
        ):
            report.doubles_one_answer += 1
        report.doubles_refused_as_duplicate += got.count("duplicate")
    report.lost = len(accepted_users - set(stored_users))
    report.double = sum(n - 1 for n in stored_users.values() if n > 1) + len(
        set(stored_users) - accepted_users
    )
    refused_users = {u for u, got in outcomes.items() if all(k == "refused" for k, _ in got)}
    report.refused_then_stored = len(refused_users & set(stored_users))
    closed_at = closing.get("closed_at")
    checks = [
        Check("answers accepted = responses stored", report.accepted, counts["responses"]),
        Check("responses = participations", counts["responses"], counts["participations"]),
        Check("responses = answers (one question)", counts["responses"], counts["answers"]),
        Check("responses = total on the results page", counts["responses"], shown_total),
        Check("responses = running total", counts["responses"], counts["tally responses"]),
        Check(
            "answers per option = running totals",
            counts["answers by option"],
            {k: v for k, v in counts["tally by option"].items() if v},
        ),
        Check(
            "answers per option = results page",
            counts["answers by option"],
            {k: v for k, v in shown_options.items() if v},
        ),
        Check("lost", 0, report.lost),
        Check("counted twice", 0, report.double),
        Check("refused, yet stored", 0, report.refused_then_stored),
        Check("refused before the close was asked", 0, len(refused_early)),
        Check(
            "double submits that made one answer", report.doubles_tried, report.doubles_one_answer
        ),
        Check("POSTs with an unexpected answer", 0, kinds.get("error", 0)),
        Check("vote closed", True, closed_at is not None),
        Check(
            "no response after the close",
            True,
            closed_at is None or counts["latest"] is None or counts["latest"] <= closed_at,
        ),
        Check("some answers refused after the close", True, kinds.get("refused", 0) > 0),
    ]
    report.checks = [
        {"what": c.what, "expected": str(c.expected)[:80], "found": str(c.found)[:80], "ok": c.ok}
        for c in checks
    ]
    for check in checks:
        if not check.ok:
            report.misses.append(f"{check.what}: expected {check.expected}, found {check.found}")
    if report.answers_per_second < ANSWERS_PER_SECOND_TARGET:
        report.misses.append(
            f"{report.answers_per_second:.0f} answers a second, "
            f"target {ANSWERS_PER_SECOND_TARGET:.0f}"
        )
    one_user = report.results[0]
    if one_user["status"] != 200 or one_user["p95_ms"] > RESULTS_P95_TARGET_MS:
        report.misses.append(
            f"results page p95 {one_user['p95_ms']:.0f} ms (status {one_user['status']}), "
            f"target {RESULTS_P95_TARGET_MS:.0f} ms"
        )

    # --- the report ------------------------------------------------------------------------
    from coproduce.voice.models import Answer, Response

    big_answers = Answer.objects.filter(response__survey=big).count()
    all_answers = Answer.objects.count()
    big_responses = Response.objects.filter(survey=big).count()
    print()
    print(
        f"Votes through gunicorn ({args.workers} workers), {report.date}; "
        f"load average {report.load_before:.1f} at the start, {report.load_after:.1f} at the end"
    )
    print(f"  {statistics_note}")
    print(
        f"  {report.sessions:,} members signed in; answer page: {report.forms_per_second:.0f} "
        f"a second from {args.threads} threads, p50 {report.form_p50_ms:.0f} ms, "
        f"p95 {report.form_p95_ms:.0f} ms"
    )
    print(
        f"  {report.posts:,} POSTs in {report.seconds:.1f} s: "
        + ", ".join(f"{n:,} {k}" for k, n in sorted(kinds.items()))
    )
    print(
        f"  answers a second while open: {report.answers_per_second:.1f} "
        f"(target {ANSWERS_PER_SECOND_TARGET:.0f}); each second: "
        f"{', '.join(str(n) for n in report.per_second)}"
    )
    print(f"  POST p50 {report.post_p50_ms:.0f} ms, p95 {report.post_p95_ms:.0f} ms")
    per_answer = report.cpu_ms_per_answer
    total = sum(per_answer.values())
    cores = os.cpu_count() or 1
    print(
        "  CPU an answer while open: "
        + ", ".join(f"{what} {ms:.1f} ms" for what, ms in per_answer.items())
        + f"; {total:.1f} ms in all, so {cores} cores could serve at most "
        f"{cores * 1000 / max(total, 1e-9):.0f} a second"
    )
    print(
        f"  closed {report.close_asked_s:.1f} s in, taking {report.close_took_ms:.0f} ms; "
        f"double submits tried {report.doubles_tried}, one answer each "
        f"{report.doubles_one_answer} (second POST told it was answered already: "
        f"{report.doubles_refused_as_duplicate})"
    )
    print(
        f"  accepted {report.accepted:,}, stored {counts['responses']:,}, "
        f"lost {report.lost}, counted twice {report.double}"
    )
    for check in checks:
        print(
            f"    {'ok  ' if check.ok else 'MISS'} {check.what}: {check.found}"
            if check.ok
            else f"    MISS {check.what}: expected {check.expected}, found {check.found}"
        )
    print(
        f"Results page of “{big.title}” ({big_responses:,} responses, {big_answers:,} "
        f"answers; {all_answers:,} answers in the database), as a senior leader:"
    )
    for figures in report.results:
        print(
            f"  {figures['name']}: status {figures['status']}, p50 {figures['p50_ms']:.1f} ms, "
            f"p95 {figures['p95_ms']:.1f} ms at 1 user; p95 {figures['p95_at_10_ms']:.0f} ms "
            f"and {figures['per_second_at_10']:.0f} a second at 10 users"
        )
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=1, default=str))
    if report.misses:
        print(f"\n{len(report.misses)} targets missed:")
        for miss in report.misses:
            print(f"  {miss}")
        return 1
    print("\nEvery target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
