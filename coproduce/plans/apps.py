from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "coproduce.plans"
    label = "plans"

    def ready(self) -> None:
        # Register what this app tells people (accounts.notifications) and the pages about one person it serves (core.person_pages).
        from coproduce.plans import notifications, person_pages  # noqa: F401
