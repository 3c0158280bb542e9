from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "coproduce.voice"
    label = "voice"
    verbose_name = "Voice: votes, surveys, ideas"

    def ready(self) -> None:
        # Register what people are told about votes, surveys and ideas.
        from coproduce.voice import notifications  # noqa: F401
