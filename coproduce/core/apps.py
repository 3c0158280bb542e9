from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "coproduce.core"
    label = "core"

    def ready(self) -> None:
        from coproduce.core import startup  # noqa: F401  (registers the deploy check)
