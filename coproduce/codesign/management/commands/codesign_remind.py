"""Mark published documents due for review on their review date and remind their owners.
Run it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from coproduce.codesign.actions import reviews_remind


class Command(BaseCommand):
    help = "Mark documents due for review and remind their owners."

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = reviews_remind()
        self.stdout.write(f"Reminded about {reminded} document(s).")
