"""Remind handlers and managers of complaints due to be acknowledged or answered, and of
late ones. Run it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from coproduce.feedback.actions import reminders_send


class Command(BaseCommand):
    help = "Remind handlers and managers of complaints due tomorrow or late."

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = reminders_send()
        self.stdout.write(f"Reminded about {reminded} complaint(s).")
