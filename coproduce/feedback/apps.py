from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "coproduce.feedback"
    label = "feedback"
    verbose_name = "Feedback: comments, complaints, compliments and what changed"

    def ready(self) -> None:
        # Register what people are told about comments, complaints and compliments.
        from coproduce.feedback import notifications  # noqa: F401
