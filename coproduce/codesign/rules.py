"""Who writes, edits and reads documents.

- **Editing** (writing versions, moving the status, answering suggestions): the document's
  owner, the organisation-wide leads, and the managers of a service it applies to (a
  document for the whole organisation: its owner and the leads).
- **Starting a document**: managers and the organisation-wide leads.
- **Reading** a published document: every member of the organisation; a draft only those
  who edit it.
- **Commenting** while it is open: its editors and the people it is for (see
  ``may_comment``).
- **Signing off** the easy-read version: a person supported in the paid policy editor role
  (held today, as ``coproduce.involvement`` records it).
"""

from __future__ import annotations

import datetime as dt

from coproduce.codesign.models import Document
from coproduce.core.roles import MANAGERS_AND_LEADS, ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.involvement.models import StandardRole
from coproduce.involvement.queries import holds_role
from coproduce.people.models import Person

WRITERS = MANAGERS_AND_LEADS


def may_start(viewer: Viewer) -> bool:
    return viewer.has_role(*WRITERS)


def may_edit(viewer: Viewer, document: Document, service_ids: list[int]) -> bool:
    """``service_ids``: the services the document applies to (read once by the caller)."""
    if document.organisation_id != viewer.organisation_id:
        return False
    if document.owner_id is not None and document.owner_id == viewer.user.pk:
        return True
    if viewer.has_role(*ORGANISATION_WIDE):
        return True
    return any(viewer.covers_service("service_manager", pk) for pk in service_ids)


COMMENTS_OPEN = ("open_for_comments", "easy_read")


def may_comment(
    viewer: Viewer, document: Document, service_ids: list[int], my_service_ids: list[int]
) -> bool:
    """While a document is open for comments (or its easy read is being written): its
    editors, and the people it is for: people supported at its services and their
    supporters (``my_service_ids``), and the workers of those services. A document for the
    whole organisation is open to every person supported, supporter and worker."""
    if document.organisation_id != viewer.organisation_id:
        return False
    if document.status not in COMMENTS_OPEN:
        return False
    if may_edit(viewer, document, service_ids):
        return True
    if document.whole_organisation:
        return viewer.has_role("person", "supporter", "support_worker", "service_manager")
    if viewer.has_role("person", "supporter") and set(service_ids) & set(my_service_ids):
        return True
    return any(viewer.covers_service("support_worker", pk) for pk in service_ids)


def may_sign_off_easy_read(viewer: Viewer, *, today: dt.date) -> bool:
    """A person supported, signed in as themself, who holds the paid policy editor role
    today (``coproduce.involvement``), signs off an easy-read version."""
    if not viewer.has_role("person") or viewer.person_id is None:
        return False
    person = Person.objects.filter(pk=viewer.person_id, organisation=viewer.organisation).first()
    return person is not None and holds_role(person, StandardRole.POLICY_EDITOR, today=today)
