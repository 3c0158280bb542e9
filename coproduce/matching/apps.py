from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "coproduce.matching"
    label = "matching"

    def ready(self) -> None:
        # Register what this app tells people (accounts.notifications).
        from coproduce.matching import notifications  # noqa: F401
