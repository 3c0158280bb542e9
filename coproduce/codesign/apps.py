from django.apps import AppConfig


class CodesignConfig(AppConfig):
    name = "coproduce.codesign"
    label = "codesign"
    verbose_name = "Co-design: documents written with the people they are for"

    def ready(self) -> None:
        # Register what people are told about documents.
        from coproduce.codesign import notifications  # noqa: F401
