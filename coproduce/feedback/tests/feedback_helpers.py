"""Concerns for tests: Kyle's complaint about Willow House, acknowledged by Maya."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coproduce.accounts.viewer import viewer_for
from coproduce.feedback.actions import concern_acknowledge, concern_raise
from coproduce.feedback.models import About, Concern, ConcernKind, RaisedBy


def kyles_complaint(personas: Any, **overrides: Any) -> Concern:
    """Kyle complains that his evening visit was late three times this week."""
    arguments: dict[str, Any] = {
        "kind": ConcernKind.COMPLAINT,
        "about": About.SERVICE,
        "service": personas.house,
        "person": personas.kyle,
        "raiser": RaisedBy.PERSON,
        "what_happened": "My evening visit was late three times this week. I missed football.",
        "how_i_feel": "sad",
        "what_would_help": "Come at 6pm like my plan says.",
        "happened_on": dt.date.today() - dt.timedelta(days=3),
    }
    arguments.update(overrides)
    return concern_raise(viewer=viewer_for(personas.person, personas.organisation), **arguments)


def kyles_acknowledged_complaint(personas: Any) -> Concern:
    complaint = kyles_complaint(personas, worker=personas.worker, about=About.WORKER)
    return concern_acknowledge(
        viewer=viewer_for(personas.manager, personas.organisation),
        concern=complaint,
        note="Maya offered to talk it through with Kyle on Thursday.",
    )


def concern_kwargs(p: Any) -> dict[str, int]:
    return {"concern_id": kyles_acknowledged_complaint(p).pk}


def photo_bytes(image_format: str = "JPEG", size: tuple[int, int] = (60, 40)) -> bytes:
    """A small photo as a phone would send it: with the camera and where it was taken."""
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x0110] = "Pixelphone 9"  # the camera's model
    exif[0x8825] = {1: "N", 2: (51.0, 30.1234, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPS
    out = io.BytesIO()
    Image.new("RGB", size, (120, 90, 60)).save(out, image_format, exif=exif.tobytes())
    return out.getvalue()


def kyles_complaint_with_photo(personas: Any) -> Concern:
    """Kyle complains about Wendy, with a photo of the front door left open."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from coproduce.people.images import check_image

    return kyles_complaint(
        personas,
        about=About.WORKER,
        worker=personas.worker,
        what_happened="The front door was left open all night.",
        photo=check_image(SimpleUploadedFile("door.jpg", photo_bytes())),
        photo_description="Our front door, wide open in the dark",
    )


def concern_photo_kwargs(p: Any) -> dict[str, int]:
    return {"concern_id": kyles_complaint_with_photo(p).pk}


def change_at_willow(personas: Any) -> Any:
    """Maya's change at Willow House from Kyle's complaint: visits at the time in the plan."""
    from coproduce.feedback.changes import change_start
    from coproduce.feedback.models import SourceKind
    from coproduce.feedback.sources import source_of

    complaint = kyles_complaint(personas)
    source = source_of(personas.organisation.pk, SourceKind.CONCERN, complaint.pk)
    assert source is not None
    return change_start(
        viewer=viewer_for(personas.manager, personas.organisation),
        you_said="Evening visits were often late.",
        you_said_easy_read="You said: we come late.",
        we_will="Every evening visit starts at the time in the person's plan",
        we_will_easy_read="We come at the time in your plan.",
        service=personas.house,
        sources=[source],
    )


def kyles_review(personas: Any) -> Any:
    """Kyle leads the review of his plan: he wants more time at the pool."""
    from django.utils import timezone

    from coproduce.plans.actions import plan_review_record
    from coproduce.plans.models import ReviewLedBy

    return plan_review_record(
        viewer=viewer_for(personas.person, personas.organisation),
        person=personas.kyle,
        held_on=timezone.localdate(),
        led_by=ReviewLedBy.PERSON,
        what_is_not_working="My swimming is too short",
        what_will_change="More time at the pool on Saturdays",
    )


def change_kwargs(p: Any) -> dict[str, int]:
    return {"change_id": change_at_willow(p).pk}


def change_service_kwargs(p: Any) -> dict[str, int]:
    change_at_willow(p)
    return {"service_id": p.house.pk}
