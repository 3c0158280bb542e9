from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "coproduce.feedback"
    label = "feedback"
    verbose_name = "Feedback: comments, complaints, compliments and what changed"
