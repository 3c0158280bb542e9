"""Documents for tests, made through the real actions: Willow House's service information
and the organisation's charter (published, signed off by Kyle), and a draft policy."""

from __future__ import annotations

from typing import Any

from coproduce.accounts.viewer import viewer_for
from coproduce.codesign.actions import Words, document_create, document_move, document_sign_off
from coproduce.codesign.models import Document, DocumentKind, DocumentStatus, Topic

HOUSE_WORDS = [
    Words(
        text="Willow House is a supported living service for six adults in Headingley.",
        easy_text="Willow House is a home for 6 people.",
        symbol="home",
    ),
    Words(
        text="Staff are there day and night, and you choose who supports you.",
        easy_text="Staff are there day and night. You choose who helps you.",
        symbol="people",
    ),
]
CHARTER_WORDS = [
    Words(
        text="You have the right to be treated with dignity and respect.",
        easy_text="We treat you with respect.",
        symbol="good",
    ),
    Words(
        text="You can say what you think about your support at any time.",
        easy_text="You can tell us what you think.",
        symbol="say",
    ),
]


def draft(p: Any, *, by: Any = None, **overrides: Any) -> Document:
    arguments: dict[str, Any] = {
        "kind": DocumentKind.POLICY,
        "topic": Topic.SAFE,
        "title": "Keeping safe in hot weather",
        "title_easy_read": "Stay safe when it is hot",
        "paragraphs": [
            Words(
                text="In hot weather staff make sure everyone drinks enough water.",
                easy_text="Drink lots of water when it is hot.",
                symbol="health",
            )
        ],
        "services": [p.house],
    }
    arguments.update(overrides)
    return document_create(viewer=viewer_for(by or p.manager, p.organisation), **arguments)


def kyle_as_policy_editor(p: Any) -> None:
    """Kyle holds the paid policy editor role: he said he was interested and Maya agreed."""
    from django.utils import timezone

    from coproduce.involvement.actions import interest_agree
    from coproduce.involvement.models import StandardRole
    from coproduce.involvement.queries import holds_role
    from coproduce.involvement.tests.involvement_helpers import kyles_interest

    if not holds_role(p.kyle, StandardRole.POLICY_EDITOR, today=timezone.localdate()):
        interest_agree(viewer=viewer_for(p.manager, p.organisation), interest=kyles_interest(p))


def publish(p: Any, document: Document, *, by: Any = None) -> Document:
    """Put the easy read to Kyle, the policy editor, who signs it off, and publish it."""
    editor = viewer_for(by or p.manager, p.organisation)
    document_move(viewer=editor, document=document, to_status=DocumentStatus.EASY_READ)
    kyle_as_policy_editor(p)
    document_sign_off(
        viewer=viewer_for(p.person, p.organisation), document=document, understood=True, minutes=30
    )
    return document_move(viewer=editor, document=document, to_status=DocumentStatus.PUBLISHED)


def house_information(p: Any) -> Document:
    return publish(
        p,
        draft(
            p,
            kind=DocumentKind.SERVICE_INFORMATION,
            topic=Topic.SERVICES,
            title="About Willow House",
            title_easy_read="About Willow House",
            paragraphs=HOUSE_WORDS,
        ),
    )


def charter(p: Any) -> Document:
    return publish(
        p,
        draft(
            p,
            by=p.quality_lead,
            kind=DocumentKind.CHARTER,
            topic=Topic.RIGHTS,
            title="Your rights and responsibilities",
            title_easy_read="Your rights",
            paragraphs=CHARTER_WORDS,
            services=[],
            whole_organisation=True,
        ),
        by=p.quality_lead,
    )


def published_kwargs(p: Any) -> dict[str, int]:
    return {"document_id": house_information(p).pk}


def draft_kwargs(p: Any) -> dict[str, int]:
    return {"document_id": draft(p).pk}


def open_policy(p: Any) -> Document:
    """Maya's hot-weather policy for Willow House, open for comments."""
    document = draft(p)
    return document_move(
        viewer=viewer_for(p.manager, p.organisation),
        document=document,
        to_status=DocumentStatus.OPEN_FOR_COMMENTS,
    )


def kyles_suggestion(p: Any) -> Any:
    from coproduce.codesign.actions import suggestion_make
    from coproduce.codesign.models import SuggestionKind

    return suggestion_make(
        viewer=viewer_for(p.person, p.organisation),
        document=open_policy(p),
        position=1,
        easy_read=True,
        kind=SuggestionKind.WORDING,
        text="Drink a glass of water every hour when it is hot.",
    )


def open_kwargs(p: Any) -> dict[str, int]:
    return {"document_id": open_policy(p).pk}


def suggestion_kwargs(p: Any) -> dict[str, int]:
    suggestion = kyles_suggestion(p)
    return {"document_id": suggestion.document_id, "suggestion_id": suggestion.pk}


def easy_read_for_kyle(p: Any) -> Document:
    """The hot-weather policy's easy read waits for Kyle, the policy editor, to sign off."""
    document = document_move(
        viewer=viewer_for(p.manager, p.organisation),
        document=draft(p),
        to_status=DocumentStatus.EASY_READ,
    )
    kyle_as_policy_editor(p)
    return document


def sign_off_kwargs(p: Any) -> dict[str, int]:
    return {"document_id": easy_read_for_kyle(p).pk}
