from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "coproduce.plans"
    label = "plans"

    def ready(self) -> None:
        # Register what this app tells people (accounts.notifications).
        from coproduce.plans import notifications  # noqa: F401
