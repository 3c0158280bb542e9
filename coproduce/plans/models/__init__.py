"""Every model of the plans app, importable from ``coproduce.plans.models``.

- ``plan``: the support plan, its entries and their versions, progress notes, reviews;
- ``checkins``: daily check-ins, one-to-ones and "this is not working" (ADR 0013).
"""

from coproduce.plans.models.checkins import (
    CheckIn,
    CheckInRevision,
    Mood,
    NotWorkingFlag,
    OneToOne,
    OneToOneAction,
)
from coproduce.plans.models.plan import (
    REVIEW_EVERY_MONTHS,
    SECTION_QUESTIONS,
    SECTION_SYMBOLS,
    Agreement,
    PlanEntry,
    PlanEntryRevision,
    PlanReview,
    PlanSection,
    ProgressNote,
    ReviewLedBy,
    SupportPlan,
    Weekday,
    a_year_from,
    default_review_due_on,
)

__all__ = [
    "REVIEW_EVERY_MONTHS",
    "SECTION_QUESTIONS",
    "SECTION_SYMBOLS",
    "Agreement",
    "CheckIn",
    "CheckInRevision",
    "Mood",
    "NotWorkingFlag",
    "OneToOne",
    "OneToOneAction",
    "PlanEntry",
    "PlanEntryRevision",
    "PlanReview",
    "PlanSection",
    "ProgressNote",
    "ReviewLedBy",
    "SupportPlan",
    "Weekday",
    "a_year_from",
    "default_review_due_on",
]
