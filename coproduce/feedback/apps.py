from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "coproduce.feedback"
    label = "feedback"
    verbose_name = "Feedback: comments, complaints, compliments and what changed"

    def ready(self) -> None:
        # Register what people are told about comments, complaints and compliments, and
        # offer "you said, we did" on the one-to-one and plan review pages of plans.
        from coproduce.feedback import follow_ups, notifications  # noqa: F401
