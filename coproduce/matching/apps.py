from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "coproduce.matching"
    label = "matching"

    def ready(self) -> None:
        # Register what this app tells people (accounts.notifications) and the pages about one person it serves (core.person_pages).
        from coproduce.matching import notifications, person_pages  # noqa: F401
