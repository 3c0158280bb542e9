from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "coproduce.decisions"
    label = "decisions"

    def ready(self) -> None:
        # Register the pages about one person this app serves (core.person_pages).
        from coproduce.decisions import person_pages  # noqa: F401
