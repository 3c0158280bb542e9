"""Reach a document: scoped to the viewer's organisation and checked against the rules.

``access_document(viewer, id, action)`` returns the document with whether the viewer may
edit it, or raises the same 404 for "missing" and "not yours". ``read``: a published
document, for every member of the organisation, and a draft for those who edit it;
``edit``: only those who edit it; ``comment``: while it is open for comments, its editors
and the people it is for; ``sign_off``: its easy read, for a person in the paid policy
editor role. Opening a document that is not yet published (words
people have not agreed yet) is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from coproduce.codesign.models import Document, DocumentStatus
from coproduce.codesign.queries import READABLE, my_service_ids, service_ids_of
from coproduce.codesign.rules import may_comment, may_edit, may_sign_off_easy_read
from coproduce.core.access import missing, not_found, refused
from coproduce.core.audit import audit_read
from coproduce.core.tenancy import Viewer


@dataclass(frozen=True)
class ReachedDocument:
    document: Document
    edits: bool
    comments: bool
    service_ids: list[int]


def access_document(viewer: Viewer, document_id: int, action: str = "read") -> ReachedDocument:
    if viewer.organisation is None:
        raise not_found()
    document = (
        Document.objects.filter(organisation=viewer.organisation, pk=document_id)
        .select_related("current_version", "published_version", "owner")
        .first()
    )
    if document is None:
        raise missing(viewer, Document, document_id)
    service_ids = service_ids_of(document)
    edits = may_edit(viewer, document, service_ids)
    readable = document.status in READABLE and document.published_version_id is not None
    comments = may_comment(viewer, document, service_ids, my_service_ids(viewer))
    if action == "edit" and not edits:
        raise refused(viewer, document, "edit the document")
    if action == "comment" and not comments:
        raise refused(viewer, document, "comment on the document")
    if action == "sign_off" and not (
        document.status == DocumentStatus.EASY_READ
        and may_sign_off_easy_read(viewer, today=timezone.localdate())
    ):
        raise refused(viewer, document, "sign off the document")
    if action == "read" and not (readable or edits):
        raise refused(viewer, document, "read the document")
    if (edits or comments or action == "sign_off") and not readable:
        audit_read(viewer, document, f"Opened the draft document {document.pk}")
    return ReachedDocument(
        document=document, edits=edits, comments=comments, service_ids=service_ids
    )
