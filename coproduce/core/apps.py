from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "coproduce.core"
    label = "core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from coproduce.core import startup  # noqa: F401  (registers the deploy check)
        from coproduce.core.database import on_connection_created

        connection_created.connect(on_connection_created, dispatch_uid="coproduce-database")
