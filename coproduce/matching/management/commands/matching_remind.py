"""Queue reminders for requests to change a worker that are past their answer date.
Run it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from coproduce.matching.actions import change_request_reminders_queue


class Command(BaseCommand):
    help = "Queue reminders to managers about change requests past their answer date."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = change_request_reminders_queue()
        self.stdout.write(f"Queued {queued} change request reminder(s).")
