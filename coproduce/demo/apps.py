from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data builders and the ``demo`` command; no models of its own."""

    name = "coproduce.demo"
    label = "demo"
