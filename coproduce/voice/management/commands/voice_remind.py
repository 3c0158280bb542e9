"""Queue reminders to those asked who have not answered a vote or survey closing within a
day. Run it every hour."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from coproduce.voice.organise.actions import reminders_queue


class Command(BaseCommand):
    help = "Queue reminders for votes and surveys closing within 24 hours."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = reminders_queue()
        self.stdout.write(f"Queued reminders for {queued} vote(s) or survey(s).")
