"""Queue reminders for support plan reviews that are coming up or overdue. Run it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from coproduce.plans.actions import plan_review_reminders_queue


class Command(BaseCommand):
    help = "Queue reminders to managers about support plan reviews due within 30 days."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = plan_review_reminders_queue()
        self.stdout.write(f"Queued {queued} review reminder(s).")
