"""Test helpers for signing in."""

from __future__ import annotations

from django.test import Client

from coproduce.accounts.models import User


def sign_in_for_tests(client: Client, user: User) -> None:
    """Sign the client in as the user, as if their second factor had been given."""
    client.force_login(user)
