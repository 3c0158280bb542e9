from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Figures across services: anonymised evidence for commissioners (no models yet)."""

    name = "coproduce.insights"
    label = "insights"
