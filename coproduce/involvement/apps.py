from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    name = "coproduce.involvement"
    label = "involvement"
    verbose_name = "Involvement: paid roles, hours, expenses and payroll"

    def ready(self) -> None:
        # Register what people are told about their involvement.
        from coproduce.involvement import notifications  # noqa: F401
