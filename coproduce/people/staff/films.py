"""Introduction films: check an upload is a short real MP4 or WebM, take a poster frame,
and serve stored files with byte ranges so a player can seek.

A file's type is read from its content, never its name: the first bytes (an ``ftyp`` box
for MP4, the EBML header ``1A 45 DF A3`` with DocType "webm" for WebM) and then FFmpeg's
own reading of the container, through PyAV, whose wheel carries FFmpeg's libraries (no
``ffmpeg`` or ``ffprobe`` program is needed). Size is checked before anything runs on the file.
"""

from __future__ import annotations

import io
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import ModuleType

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from coproduce.core.access import not_found

MAX_BYTES = 50 * 1024 * 1024
MAX_SECONDS = 60
# Encoders round a one-minute film up by a frame or two; half a second is not a second film.
DURATION_TOLERANCE = Decimal("0.5")
CAPTIONS_MAX_BYTES = 256 * 1024
TOOL_TIMEOUT_SECONDS = 30
CHUNK_BYTES = 64 * 1024


class FilmRefused(Exception):
    """An upload that is not an acceptable film, with a message in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Container:
    content_type: str
    extension: str
    probe_name: str  # one of the names FFmpeg gives the container's format


MP4 = Container("video/mp4", "mp4", "mp4")
WEBM = Container("video/webm", "webm", "webm")


@dataclass(frozen=True)
class CheckedVideo:
    """What the checks found out about an acceptable film."""

    container: Container
    size_bytes: int
    duration_seconds: Decimal
    poster_jpeg: bytes | None


def sniff_container(head: bytes) -> Container | None:
    """Return the container the first bytes of a file announce, or None."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return MP4
    # WebM is Matroska with DocType "webm"; the DocType sits in the first few dozen bytes.
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"\x42\x82" in head[:64] and b"webm" in head[:64]:
        return WEBM
    return None


@contextmanager
def local_copy(upload: UploadedFile) -> Iterator[Path]:
    """Yield a path on disk holding the upload, for FFmpeg's libraries to read."""
    temporary_path = getattr(upload, "temporary_file_path", None)
    if temporary_path is not None:
        upload.seek(0)
        yield Path(temporary_path())
        return
    with tempfile.TemporaryDirectory(prefix="film-") as folder:
        path = Path(folder) / "upload"
        with path.open("wb") as out:
            upload.seek(0)
            for chunk in upload.chunks():
                out.write(chunk)
        yield path
    upload.seek(0)


def media_library() -> ModuleType | None:
    """Return PyAV (FFmpeg's libraries, carried in its wheel), or None where it cannot load."""
    try:
        # Imported at first use, so a server where it cannot load still starts.
        import av
    except ImportError:
        return None
    return av


@dataclass(frozen=True)
class Probe:
    """What the container says about itself."""

    format_names: tuple[str, ...]  # e.g. ("mov", "mp4", "m4a", ...) or ("matroska", "webm")
    has_picture: bool
    duration_seconds: Decimal | None


def probe(path: Path) -> Probe:
    """Open a file on disk with FFmpeg's libraries and read its container and streams."""
    av = media_library()
    if av is None:
        raise FilmRefused(
            _(
                "Films cannot be checked on this server at the moment, so they cannot be "
                "uploaded. Please tell your organisation admin."
            )
        )
    try:
        # The timeout bounds opening and reading the header, and each read after it.
        with av.open(str(path), timeout=TOOL_TIMEOUT_SECONDS) as container:
            duration = container.duration  # microseconds (AV_TIME_BASE), or None
            return Probe(
                format_names=tuple(container.format.name.split(",")),
                has_picture=len(container.streams.video) > 0,
                duration_seconds=None
                if duration is None
                else Decimal(duration) / Decimal(av.time_base),
            )
    except (av.error.ExitError, av.error.TimeoutError) as exc:
        raise FilmRefused(
            _("The film took too long to check. Try a shorter or smaller film.")
        ) from exc
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise FilmRefused(
            _("The film could not be read. Save it again as MP4 or WebM and retry.")
        ) from exc


def extract_poster(path: Path, duration: Decimal) -> bytes | None:
    """Return one JPEG frame from about a second in (the start of a shorter film)."""
    av = media_library()
    if av is None:
        return None
    seek_seconds = 1.0 if duration > 1 else 0.0
    deadline = time.monotonic() + TOOL_TIMEOUT_SECONDS
    try:
        with av.open(str(path), timeout=TOOL_TIMEOUT_SECONDS) as container:
            if not container.streams.video:
                return None
            stream = container.streams.video[0]
            if seek_seconds:
                # Lands on the key frame at or before the second; decoding goes on from there.
                container.seek(int(seek_seconds * av.time_base), any_frame=False)
            chosen = None
            for frame in container.decode(stream):
                chosen = frame
                if frame.time is None or frame.time >= seek_seconds - 0.05:
                    break
                if time.monotonic() > deadline:
                    return None
            if chosen is None:
                return None
            out = io.BytesIO()
            chosen.to_image().convert("RGB").save(out, format="JPEG", quality=85)
            return out.getvalue()
    except (av.error.FFmpegError, OSError, ValueError):
        return None


def check_video(upload: UploadedFile) -> CheckedVideo:
    """Return what an acceptable film is, or raise ``FilmRefused`` saying why not.

    The rule: an introduction film is an MP4 or WebM film with a picture, at most
    60 seconds long and at most 50 MB.
    """
    size = upload.size or 0
    if size > MAX_BYTES:
        raise FilmRefused(_("The film must be 50 MB or smaller. Try a shorter film."))
    if size == 0:
        raise FilmRefused(_("The film is empty. Choose the film again."))
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    container = sniff_container(head)
    if container is None:
        raise FilmRefused(_("The film must be an MP4 or WebM video."))
    with local_copy(upload) as path:
        info = probe(path)
        if container.probe_name not in info.format_names:
            raise FilmRefused(_("The film must be an MP4 or WebM video."))
        if not info.has_picture:
            raise FilmRefused(_("The file has no picture. Choose a film, not a sound recording."))
        duration = info.duration_seconds
        if duration is None or duration < 0:
            raise FilmRefused(
                _("The length of the film could not be read. Save it again and retry.")
            )
        if duration > MAX_SECONDS + DURATION_TOLERANCE:
            raise FilmRefused(_("The film must be 60 seconds or shorter."))
        poster = extract_poster(path, duration)
    return CheckedVideo(
        container=container,
        size_bytes=size,
        duration_seconds=duration.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        poster_jpeg=poster,
    )


def check_captions(upload: UploadedFile) -> bytes:
    """Return the captions as UTF-8 WebVTT, or raise ``FilmRefused``.

    The rule: captions are a WebVTT file (it starts with "WEBVTT"), at most 256 KB.
    """
    size = upload.size or 0
    if size > CAPTIONS_MAX_BYTES:
        raise FilmRefused(_("The captions file must be 256 KB or smaller."))
    upload.seek(0)
    raw = upload.read(CAPTIONS_MAX_BYTES + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FilmRefused(_("The captions must be a WebVTT (.vtt) file.")) from exc
    first_line = text.splitlines()[0] if text else ""
    if not (first_line == "WEBVTT" or first_line.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise FilmRefused(_("The captions must be a WebVTT (.vtt) file that starts with WEBVTT."))
    return text.replace("\r\n", "\n").encode("utf-8")


CUE_TAG = re.compile(r"<[^>]+>")


def captions_text(vtt: bytes) -> str:
    """Return the words of WebVTT captions as plain text: one cue a line, no timings,
    identifiers, notes or styling, so a film with captions alone still has a transcript."""
    text = vtt.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    words: list[str] = []
    for block in text.split("\n\n")[1:]:
        lines = [line for line in block.strip().split("\n") if line.strip()]
        if not lines or lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue
        cue = " ".join(CUE_TAG.sub("", line).strip() for line in lines[timing + 1 :])
        if cue and (not words or words[-1] != cue):
            words.append(cue)
    return "\n".join(words)


def stored_captions_text(film_captions: File) -> str:
    """Read a film's stored captions (at most the size cap) and return their words."""
    if not film_captions:
        return ""
    try:
        film_captions.open("rb")
        try:
            return captions_text(film_captions.read(CAPTIONS_MAX_BYTES))
        finally:
            film_captions.close()
    except OSError:
        return ""


def format_duration(seconds: Decimal | float) -> str:
    """Say how long a film is: "45 seconds", "1 minute"."""
    whole = int(Decimal(str(seconds)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    if whole >= 60:
        return _("1 minute")
    if whole == 1:
        return _("1 second")
    return _("%(n)s seconds") % {"n": whole}


# Serving


RANGE_PATTERN = re.compile(r"^bytes=(\d*)-(\d*)$")
UNSATISFIABLE = "unsatisfiable"


def parse_range(header: str, size: int) -> tuple[int, int] | str | None:
    """Return the (first, last) byte of a single range, ``UNSATISFIABLE``, or None to send
    the whole file (no header, another unit, several ranges or a malformed one)."""
    header = header.strip()
    if not header:
        return None
    match = RANGE_PATTERN.match(header.replace(" ", ""))
    if match is None:
        return None
    first_text, last_text = match.groups()
    if not first_text and not last_text:
        return None
    if not first_text:
        suffix = int(last_text)
        if suffix == 0 or size == 0:
            return UNSATISFIABLE
        return max(0, size - suffix), size - 1
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if last_text and last < first:
        return None
    if first >= size:
        return UNSATISFIABLE
    return first, min(last, size - 1)


def _read(file: File, first: int, length: int) -> Iterator[bytes]:
    # Opened on the first read, so a response that is never sent (HEAD) holds no file open.
    file.open("rb")
    try:
        file.seek(first)
        remaining = length
        while remaining > 0:
            chunk = file.read(min(CHUNK_BYTES, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        file.close()


def _safe_headers(response: HttpResponse | StreamingHttpResponse) -> None:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    response["Accept-Ranges"] = "bytes"


def stored_file_response(
    request: HttpRequest, field_file: File, content_type: str
) -> HttpResponse | StreamingHttpResponse:
    """Send a stored file inline with safe headers, honouring a single byte range.

    A record whose file is gone from storage (a lost disk, a demo written to a temporary
    folder) answers 404 like a missing record, not a server error."""
    try:
        size = field_file.size
    except (FileNotFoundError, ValueError):
        raise not_found() from None
    wanted = parse_range(request.headers.get("Range", ""), size)
    if isinstance(wanted, str):
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        _safe_headers(response)
        return response
    if wanted is None:
        first, last, status = 0, size - 1, 200
    else:
        first, last = wanted
        status = 206
    length = max(0, last - first + 1)
    streaming = StreamingHttpResponse(
        _read(field_file, first, length), status=status, content_type=content_type
    )
    streaming["Content-Length"] = str(length)
    if status == 206:
        streaming["Content-Range"] = f"bytes {first}-{last}/{size}"
    _safe_headers(streaming)
    return streaming
