"""Pieces shared by the small and large demo builders."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Iterable

from django.contrib.auth.hashers import make_password
from django.db.models import Q

from coproduce.demo.names import POSTCODE_LETTERS
from coproduce.demo.personas import DEMO_PASSWORD

# Generated timestamps count back from a fixed moment, so a seed always gives the same data.
BASE_TIME = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)

# Rows per INSERT: big enough to be quick, small enough for any database's parameter limit.
BATCH_SIZE = 2000


class DemoRemovalRefused(Exception):
    """The demo organisations hold records that may never be deleted (the audit log)."""


def demo_password_hash() -> str:
    """Hash the shared demo password once: Argon2 is slow on purpose."""
    return make_password(DEMO_PASSWORD)


def days_before(days: int, minutes: int = 0) -> dt.datetime:
    return BASE_TIME - dt.timedelta(days=days, minutes=minutes)


def email_part(text: str) -> str:
    """Turn a name into the lower-case ASCII letters an email address can carry."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_text.lower())


def inward_code(rng: random.Random) -> str:
    """Return the second half of a postcode, such as 3AG."""
    return f"{rng.randint(1, 9)}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"


def demo_loaded(slugs: Iterable[str]) -> bool:
    from coproduce.accounts.models import Organisation

    return Organisation.objects.filter(slug__in=list(slugs)).exists()


def demo_remove(slugs: Iterable[str]) -> int:
    """Delete the demo organisations and the users who belong to nothing else.

    Return the number of organisations removed. Raise DemoRemovalRefused when the audit
    log refers to them: the log is append-only, so such a copy can only be replaced by
    starting from an empty database.
    """
    from django.db.models import ProtectedError, RestrictedError

    from coproduce.accounts.models import Membership, Organisation, User
    from coproduce.people.models import Person, Supporter

    organisations = list(Organisation.objects.filter(slug__in=list(slugs)))
    if not organisations:
        return 0
    user_ids = (
        set(
            Membership.objects.filter(organisation__in=organisations).values_list(
                "user_id", flat=True
            )
        )
        | set(
            Supporter.objects.filter(person__organisation__in=organisations).values_list(
                "user_id", flat=True
            )
        )
        | set(
            Person.objects.filter(organisation__in=organisations, user__isnull=False).values_list(
                "user_id", flat=True
            )
        )
    )
    try:
        for organisation in organisations:
            organisation.delete()
        ordered = sorted(user_ids)
        for start in range(0, len(ordered), 1000):
            # Someone who also belongs to a real organisation keeps their account.
            User.objects.filter(
                Q(pk__in=ordered[start : start + 1000]),
                memberships__isnull=True,
                supporting__isnull=True,
            ).delete()
    except (ProtectedError, RestrictedError) as error:
        names = ", ".join(o.name for o in organisations)
        raise DemoRemovalRefused(
            f"{names} cannot be removed: the audit log refers to them and it can never be "
            "changed. To start again, use an empty database (stop the server, delete the "
            "data folder or database, and load the demo again)."
        ) from error
    return len(organisations)
