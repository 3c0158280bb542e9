"""Background work for signing in: sending the emails allauth writes."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task()
def send_account_email(
    *, subject: str, body: str, html_body: str, from_email: str, to: list[str]
) -> None:
    """Send one email allauth rendered in the request (a sign-in code, a reset link)."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
