"""Writes owned by core."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry

if TYPE_CHECKING:
    from coproduce.accounts.models import User


@transaction.atomic
def user_preferences_update(
    *, user: User, easy_read: bool | None = None, text_only: bool | None = None
) -> User:
    """Save the user's page preferences."""
    fields = []
    if easy_read is not None and user.easy_read != easy_read:
        user.easy_read = easy_read
        fields.append("easy_read")
    if text_only is not None and user.text_only != text_only:
        user.text_only = text_only
        fields.append("text_only")
    if fields:
        user.save(update_fields=fields)
        audit_record(
            actor=user,
            organisation=None,
            action=AuditEntry.Action.UPDATE,
            obj=user,
            summary=f"Changed page preferences: {', '.join(fields)}",
        )
    return user
