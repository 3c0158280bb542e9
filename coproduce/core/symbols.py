"""Pictures for easy read: a symbol name maps to one OpenMoji SVG shipped with the app.

Templates name a symbol, never a file: ``er_row("decision", _("You helped decide this."))``.
The SVG files live in ``coproduce/static/symbols/openmoji/`` (OpenMoji 17.0.0, CC BY-SA 4.0,
see the LICENSE and README beside them and the symbols attribution page).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.templatetags.static import static
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

OPENMOJI_VERSION = "17.0.0"
STATIC_FOLDER = "symbols/openmoji"


@dataclass(frozen=True)
class Symbol:
    """One picture: its OpenMoji code point(s), what it shows and who drew it."""

    hexcode: str
    description: str | Promise
    author: str

    @property
    def path(self) -> str:
        return f"{STATIC_FOLDER}/{self.hexcode}.svg"

    @property
    def url(self) -> str:
        return static(self.path)


SYMBOLS: dict[str, Symbol] = {
    # People
    "you": Symbol("1F9D1", _("A person"), "Johanna Wellnitz"),
    "person": Symbol("1F464", _("The outline of a person"), "Johanna Wellnitz"),
    "people": Symbol("1F465", _("The outline of two people"), "Johanna Wellnitz"),
    "together": Symbol("1F9D1-200D-1F91D-200D-1F9D1", _("Two people holding hands"), "Fanny Jung"),
    "supporter": Symbol("1FAC2", _("Two people hugging"), "Kai Wanschura"),
    "family": Symbol("1F46A", _("A family"), "Lisa Schulz"),
    "worker": Symbol("1F9D1-200D-2695-FE0F", _("A care worker"), "Benedikt Groß"),
    "manager": Symbol("1F9D1-200D-1F4BC", _("A person at work"), "Benedikt Groß"),
    "hello": Symbol("1F44B", _("A waving hand"), "Julian Grüneberg"),
    "help": Symbol("1F64B", _("A person putting their hand up"), "Johanna Wellnitz"),
    # Having a say
    "decision": Symbol("2696", _("A pair of scales"), "Hilda Kalyoncu"),
    "vote": Symbol("1F5F3", _("A ballot box"), "Marleen Heine"),
    "choose": Symbol("2611", _("A box with a tick"), "Hilda Kalyoncu"),
    "idea": Symbol("1F4A1", _("A light bulb"), "Sina Schulz"),
    "talk": Symbol("1F5E3", _("A head speaking"), "Johanna Wellnitz"),
    "listen": Symbol("1F442", _("An ear"), "Julian Grüneberg"),
    "say": Symbol("1F4AC", _("A speech bubble"), "Laura Humpfer"),
    "tell": Symbol("1F4E2", _("A loudspeaker"), "Rana Cakir"),
    "agree": Symbol("1F91D", _("Two hands shaking"), "Julian Grüneberg"),
    "question": Symbol("2753", _("A question mark"), "Selina Lange"),
    "yes": Symbol("2705", _("A green tick"), "Hilda Kalyoncu"),
    "no": Symbol("274C", _("A red cross"), "Hilda Kalyoncu"),
    "good": Symbol("1F44D", _("A thumbs up"), "Julian Grüneberg"),
    "bad": Symbol("1F44E", _("A thumbs down"), "Julian Grüneberg"),
    "happy": Symbol("1F60A", _("A smiling face"), "Emily Jäger"),
    "sad": Symbol("1F641", _("A sad face"), "Mariella Steeb"),
    "not_sure": Symbol("1F914", _("A thinking face"), "Emily Jäger"),
    "thanks": Symbol("1F44F", _("Hands clapping"), "Julian Grüneberg"),
    "important": Symbol("2B50", _("A star"), "Vanessa Boutzikoudi"),
    "change": Symbol("1F504", _("Two arrows going round"), "Jose Avila"),
    # Support and plans
    "home": Symbol("1F3E0", _("A house"), "Martin Wehl"),
    "plan": Symbol("1F4CB", _("A clipboard"), "Sina Schulz"),
    "document": Symbol("1F4C4", _("A page"), "Jonas Roßner"),
    "write": Symbol("270F", _("A pencil"), "Rana Cakir"),
    "read": Symbol("1F4D6", _("An open book"), "Jonas Roßner"),
    "calendar": Symbol("1F4C5", _("A calendar"), "Sina Schulz"),
    "time": Symbol("23F0", _("A clock"), "Rana Cakir"),
    "wait": Symbol("231B", _("An hourglass"), "Rana Cakir"),
    "health": Symbol("1F3E5", _("A hospital"), "Martin Wehl"),
    "money": Symbol("1F4B7", _("A bank note"), "Marius Schnabel"),
    "film": Symbol("1F3A5", _("A film camera"), "Sina Schulz"),
    # Using the website
    "read_aloud": Symbol("1F50A", _("A speaker"), "Rana Cakir"),
    "language": Symbol("1F310", _("A globe"), "Martin Wehl"),
    "computer": Symbol("1F4BB", _("A laptop"), "Jonas Roßner"),
    "phone": Symbol("1F4DE", _("A telephone"), "Kai Wanschura"),
    "email": Symbol("2709", _("An envelope"), "Marius Schnabel"),
    "search": Symbol("1F50D", _("A magnifying glass"), "Sina Schulz"),
    "private": Symbol("1F512", _("A lock"), "Lisa Schulz"),
    "safe": Symbol("1F6E1", _("A shield"), "Hilda Kalyoncu"),
    "settings": Symbol("2699", _("A cog"), "Hilda Kalyoncu"),
    "info": Symbol("2139", _("The letter i"), "Crystal Moon"),
    "warning": Symbol("26A0", _("A warning sign"), "Miriam Vollmeier"),
    "stop": Symbol("1F6D1", _("A stop sign"), "Ronja Bäurlen"),
    "problem": Symbol("2757", _("An exclamation mark"), "Hilda Kalyoncu"),
    "lost": Symbol("1F5FA", _("A map"), "Martin Wehl"),
    "next": Symbol("1F449", _("A hand pointing right"), "Julian Grüneberg"),
    # About me: communication and photos
    "large_print": Symbol("1F50E", _("A magnifying glass"), "Sina Schulz"),
    "picture": Symbol("1F5BC", _("A framed picture"), "Martin Wehl"),
    "sign_language": Symbol("1F9CF", _("A deaf person signing"), "Laura Dworatschek"),
    "photo": Symbol("1F4F7", _("A camera"), "Sina Schulz"),
    "birthday": Symbol("1F382", _("A birthday cake"), "Miriam Vollmeier"),
    # Interests
    "gardening": Symbol("1F331", _("A seedling"), "Hilda Kalyoncu"),
    "walking": Symbol("1F6B6", _("A person walking"), "Johanna Wellnitz"),
    "animals": Symbol("1F43E", _("Paw prints"), "Sofie Ascherl"),
    "dog": Symbol("1F415", _("A dog"), "Sofie Ascherl"),
    "cat": Symbol("1F408", _("A cat"), "Sofie Ascherl"),
    "fishing": Symbol("1F3A3", _("A fishing rod"), "Vanessa Boutzikoudi"),
    "nature": Symbol("1F333", _("A tree"), "Hilda Kalyoncu"),
    "football": Symbol("26BD", _("A football"), "Vanessa Boutzikoudi"),
    "rugby": Symbol("1F3C9", _("A rugby ball"), "Vanessa Boutzikoudi"),
    "cricket": Symbol("1F3CF", _("A cricket bat and ball"), "Vanessa Boutzikoudi"),
    "swimming": Symbol("1F3CA", _("A person swimming"), "Johanna Wellnitz"),
    "cycling": Symbol("1F6B4", _("A person on a bike"), "Johanna Wellnitz"),
    "dancing": Symbol("1F483", _("A person dancing"), "Johanna Wellnitz"),
    "gym": Symbol("1F3CB", _("A person lifting weights"), "Johanna Wellnitz"),
    "music": Symbol("1F3B5", _("A musical note"), "Sina Schulz"),
    "guitar": Symbol("1F3B8", _("A guitar"), "Sina Schulz"),
    "violin": Symbol("1F3BB", _("A violin"), "Sina Schulz"),
    "banjo": Symbol("1FA95", _("A banjo"), "Sam Eckert"),
    "microphone": Symbol("1F3A4", _("A microphone"), "Sina Schulz"),
    "theatre": Symbol("1F3AD", _("Two theatre masks"), "Martin Wehl"),
    "keyboard": Symbol("1F3B9", _("A music keyboard"), "Sina Schulz"),
    "cooking": Symbol("1F373", _("A frying pan with an egg"), "Miriam Vollmeier"),
    "cake": Symbol("1F370", _("A slice of cake"), "Miriam Vollmeier"),
    "crafts": Symbol("1F3A8", _("A paint palette"), "Martin Wehl"),
    "knitting": Symbol("1F9F6", _("A ball of wool"), "Nicole Kornhaas"),
    "painting": Symbol("1F58C", _("A paintbrush"), "Rana Cakir"),
    "television": Symbol("1F4FA", _("A television"), "Sina Schulz"),
    "video_games": Symbol("1F3AE", _("A games controller"), "Lisa Schulz"),
    "puzzle": Symbol("1F9E9", _("A jigsaw piece"), "Nicole Kornhaas"),
    "books": Symbol("1F4DA", _("A pile of books"), "Liz Bravo"),
    "shopping": Symbol("1F6CD", _("Shopping bags"), "Jonas Roßner"),
    "cafe": Symbol("2615", _("A hot drink"), "Alexander Müller"),
    "train": Symbol("1F686", _("A train"), "Nadja Grün"),
    "car": Symbol("1F697", _("A car"), "Ronja Bäurlen"),
    "faith": Symbol("1F64F", _("Two hands pressed together"), "Julian Grüneberg"),
    "history": Symbol("1F3DB", _("A building with columns"), "Martin Wehl"),
    # Daily check-in: how I feel today
    "mood_very_happy": Symbol("1F604", _("A face smiling a lot"), "Emily Jäger"),
    "mood_happy": Symbol("1F642", _("A smiling face"), "Emily Jäger"),
    "mood_ok": Symbol("1F610", _("A face with a straight mouth"), "Mariella Steeb"),
    "mood_sad": Symbol("1F641", _("A sad face"), "Mariella Steeb"),
    "mood_very_sad": Symbol("1F622", _("A crying face"), "Mariella Steeb"),
}


def symbol(name: str) -> Symbol:
    """Return the symbol called ``name``; an unknown name is a programming error."""
    try:
        return SYMBOLS[name]
    except KeyError:
        raise KeyError(f"No easy-read symbol called {name!r}; add it to core/symbols.py") from None


def symbol_url(name: str) -> str:
    return symbol(name).url
