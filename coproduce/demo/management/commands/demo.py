"""Load the demo organisations: ``--size small`` for trying the platform, ``--size large``
for benchmarks. Both are deterministic from ``--seed``."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from coproduce.core.database import update_planner_statistics
from coproduce.demo.common import DemoRemovalRefused, demo_loaded, demo_remove
from coproduce.demo.personas import SMALL_ORGANISATION_SLUGS, sign_in_table


class Command(BaseCommand):
    help = "Load demo data: a small organisation with named personas, or a large one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=["small", "large"], default="small")
        parser.add_argument(
            "--seed", type=int, default=1, help="The same seed gives the same data."
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiply the large set's numbers, such as 0.01 for a quick copy.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the demo organisations already exist.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the demo organisations of this size first, then load them again.",
        )
        parser.add_argument(
            "--print-sign-ins",
            action="store_true",
            help="Only print the demo sign-ins and exit.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["print_sign_ins"]:
            self.print_sign_ins()
            return
        size, seed, scale = options["size"], options["seed"], options["scale"]
        if scale <= 0:
            raise CommandError("--scale must be more than 0.")
        if size == "small" and scale != 1.0:
            raise CommandError("--scale only applies to --size large.")
        from coproduce.demo.large import LARGE_ORGANISATION_SLUGS

        slugs = SMALL_ORGANISATION_SLUGS if size == "small" else LARGE_ORGANISATION_SLUGS
        if not options["reset"] and demo_loaded(slugs):
            if options["if_empty"]:
                self.stdout.write("The demo data is already loaded; leaving it as it is.")
                return
            raise CommandError(
                "The demo organisations already exist. Use --reset to load them again, "
                "or --if-empty to keep them."
            )
        started = time.perf_counter()
        try:
            with transaction.atomic():
                if options["reset"]:
                    demo_remove(slugs)
                counts = self.build(size, seed, scale)
        except DemoRemovalRefused as error:
            raise CommandError(str(error)) from error
        # A bulk load ends by giving the query planner its statistics (ADR 0019).
        update_planner_statistics()
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{number:,} {what}" for what, number in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the {size} demo (seed {seed}) in {elapsed:.1f} s: {summary}."
            )
        )
        if size == "small":
            self.print_sign_ins()

    def build(self, size: str, seed: int, scale: float) -> dict[str, int]:
        if size == "small":
            from coproduce.demo.small import build_small

            return build_small(seed=seed)
        from coproduce.demo.large import build_large

        return build_large(seed=seed, scale=scale)

    def print_sign_ins(self) -> None:
        self.stdout.write(sign_in_table())
        if settings.DEMO_SIGN_IN_ENABLED:
            self.stdout.write(
                f"\nOr choose who to be, without a password, at {settings.SITE_URL}/demo/"
            )
