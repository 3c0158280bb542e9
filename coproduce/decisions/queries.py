"""Reads about decisions."""

from __future__ import annotations

from typing import Any

from coproduce.core.tenancy import Viewer


def decision_counts_for_home(viewer: Viewer) -> dict[str, Any]:
    return {}
