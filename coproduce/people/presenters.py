"""Shape profile data for pages: word differences between versions, pictures for parts."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from coproduce.people.models import CommunicationFormat, Interest, ProfileSection

# The picture beside each part of the one-page profile in easy read.
SECTION_SYMBOLS = {
    ProfileSection.LIKE_AND_ADMIRE: "thanks",
    ProfileSection.IMPORTANT_TO_ME: "important",
    ProfileSection.HOW_TO_SUPPORT: "together",
    ProfileSection.GOOD_DAY: "happy",
    ProfileSection.BAD_DAY: "sad",
    ProfileSection.DO_NOT_TALK_ABOUT: "private",
}

FORMAT_SYMBOLS = {
    CommunicationFormat.EASY_READ: "read",
    CommunicationFormat.LARGE_PRINT: "large_print",
    CommunicationFormat.PICTURES: "picture",
    CommunicationFormat.BSL: "sign_language",
    CommunicationFormat.MAKATON: "sign_language",
    CommunicationFormat.READ_ALOUD: "read_aloud",
    CommunicationFormat.OTHER_LANGUAGE: "language",
}

# Interest slug -> symbol name in coproduce.core.symbols.SYMBOLS.
INTEREST_SYMBOLS = {
    "gardening": "gardening",
    "walking": "walking",
    "animals": "animals",
    "dogs": "dog",
    "cats": "cat",
    "fishing": "fishing",
    "nature": "nature",
    "football": "football",
    "rugby": "rugby",
    "cricket": "cricket",
    "swimming": "swimming",
    "cycling": "cycling",
    "dancing": "dancing",
    "gym": "gym",
    "pop-music": "music",
    "rock-music": "guitar",
    "classical-music": "violin",
    "country-music": "banjo",
    "hip-hop": "microphone",
    "musicals": "theatre",
    "singing": "microphone",
    "playing-music": "keyboard",
    "cooking": "cooking",
    "baking": "cake",
    "crafts": "crafts",
    "knitting": "knitting",
    "painting": "painting",
    "films": "film",
    "tv": "television",
    "video-games": "video_games",
    "board-games": "puzzle",
    "reading": "books",
    "theatre": "theatre",
    "shopping": "shopping",
    "cafes": "cafe",
    "trains": "train",
    "cars": "car",
    "travel": "lost",
    "faith": "faith",
    "languages": "language",
    "history": "history",
    "technology": "computer",
    "volunteering": "agree",
}


def interest_symbol(interest: Interest) -> str:
    """Return the symbol name for an interest; "good" when it has no picture of its own."""
    return INTEREST_SYMBOLS.get(interest.slug, "good")


def section_symbol(section: str) -> str:
    return SECTION_SYMBOLS[ProfileSection(section)]


def format_symbol(value: str) -> str:
    return FORMAT_SYMBOLS.get(CommunicationFormat(value), "info")


@dataclass(frozen=True)
class DiffPart:
    """A run of words that is the same in both versions, removed, or added."""

    kind: str  # "same", "removed" or "added"
    text: str


_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[DiffPart]:
    """Return the words of ``new`` compared with ``old``, as runs of same, removed, added."""
    a = _TOKENS.findall(old or "")
    b = _TOKENS.findall(new or "")
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(DiffPart("same", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(DiffPart("removed", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(DiffPart("added", "".join(b[j1:j2])))
    return parts
