"""The named demo personas of the small demo set, shared by the command, the demo
sign-in page, the docs and the browser tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coproduce.accounts.models import User

DEMO_PASSWORD = "coproduce-demo-1"

RIVERSIDE = "riverside"
HILLSIDE = "hillside"
SMALL_ORGANISATION_SLUGS = (RIVERSIDE, HILLSIDE)


@dataclass(frozen=True)
class Persona:
    """One demo sign-in: who they are and which roles they hold."""

    key: str
    name: str
    email: str
    role_label: str
    description: str
    organisation_slug: str
    roles: tuple[str, ...]

    @property
    def first_name(self) -> str:
        return self.name.split(" ")[0]


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "ruth",
        "Ruth Ellis",
        "ruth@riverside.example",
        "Person supported",
        "Ruth is 91 and lives in her own home in Moortown. The North Leeds Home Care "
        "team visits her every day.",
        RIVERSIDE,
        ("person",),
    ),
    Persona(
        "kyle",
        "Kyle Brown",
        "kyle@riverside.example",
        "Person supported",
        "Kyle is 18 and has just moved into supported living at Willow House. "
        "He goes to The Hub on weekdays.",
        RIVERSIDE,
        ("person",),
    ),
    Persona(
        "josie",
        "Josie Patel",
        "josie@riverside.example",
        "Person supported and quality checker",
        "Josie lives at Beech House and writes her own one-page profile. She is paid "
        "to check the quality of Riverside's services.",
        RIVERSIDE,
        ("person", "quality_checker"),
    ),
    Persona(
        "mary",
        "Mary Brown",
        "mary@riverside.example",
        "Supporter",
        "Mary is Kyle's mum. Kyle shares his profile and his support plan with her.",
        RIVERSIDE,
        ("supporter",),
    ),
    Persona(
        "wendy",
        "Wendy Clarke",
        "wendy@riverside.example",
        "Support worker",
        "Wendy works at Willow House and supports Kyle.",
        RIVERSIDE,
        ("support_worker",),
    ),
    Persona(
        "omar",
        "Omar Hussain",
        "omar@riverside.example",
        "Support worker",
        "Omar works in the North Leeds Home Care team and visits Ruth.",
        RIVERSIDE,
        ("support_worker",),
    ),
    Persona(
        "maya",
        "Maya Okafor",
        "maya@riverside.example",
        "Service manager",
        "Maya manages Willow House and Beech House.",
        RIVERSIDE,
        ("service_manager",),
    ),
    Persona(
        "lee",
        "Lee Thompson",
        "lee@riverside.example",
        "Quality lead",
        "Lee looks after quality checks, feedback and complaints across Riverside.",
        RIVERSIDE,
        ("quality_lead",),
    ),
    Persona(
        "sana",
        "Sana Ahmed",
        "sana@riverside.example",
        "Senior leader",
        "Sana is Riverside's director of operations.",
        RIVERSIDE,
        ("senior_leader",),
    ),
    Persona(
        "cam",
        "Cam Walker",
        "cam@leeds-council.example",
        "Commissioner",
        "Cam buys care from Riverside for Leeds City Council and sees anonymised evidence.",
        RIVERSIDE,
        ("commissioner",),
    ),
    Persona(
        "ada",
        "Ada Jones",
        "ada@riverside.example",
        "Organisation admin",
        "Ada runs Coproduce for Riverside: people, services and settings.",
        RIVERSIDE,
        ("org_admin",),
    ),
    Persona(
        "olu",
        "Olu Adeyemi",
        "olu@hillside.example",
        "Organisation admin (Hillside Care)",
        "Olu runs Coproduce for Hillside Care, a different provider. Olu must never see "
        "anyone from Riverside.",
        HILLSIDE,
        ("org_admin",),
    ),
    Persona(
        "sam",
        "Sam Taylor",
        "sam@hillside.example",
        "Person supported (Hillside Care)",
        "Sam lives at Hillside House in Sheffield, supported by Hillside Care.",
        HILLSIDE,
        ("person",),
    ),
)

PERSONAS_BY_KEY = {persona.key: persona for persona in PERSONAS}


def persona_user(key: str) -> User | None:
    """Return the active user behind a persona, or None if the demo is not loaded."""
    from coproduce.accounts.models import User

    persona = PERSONAS_BY_KEY.get(key)
    if persona is None:
        return None
    return User.objects.filter(email=persona.email, is_active=True).first()


def sign_in_table() -> str:
    """Return the demo sign-ins as a plain-text table for the terminal."""
    headers = ("Name", "Role", "Email")
    rows = [(p.name, p.role_label, p.email) for p in PERSONAS]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(3)]
    lines = [f"Demo sign-ins (the password for everyone is {DEMO_PASSWORD}):", ""]
    for row in [headers, *rows]:
        lines.append("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
    return "\n".join(line.rstrip() for line in lines)
