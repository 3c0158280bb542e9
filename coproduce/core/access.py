"""Helpers shared by every ``access_<thing>()`` function."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import Http404, HttpRequest

F = TypeVar("F", bound=Callable[..., Any])


class NotFound(Http404):
    """Raised for both "does not exist" and "not yours", so the two look the same."""


def not_found() -> NotFound:
    return NotFound("Page not found")


def require_roles(*roles: str) -> Callable[[F], F]:
    """Let a view through only for members holding one of the roles; others get 404.

    Pages that are not about one object still answer 404 to other roles, so a
    URL never reveals which pages exist for which role.
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            viewer = request.viewer  # type: ignore[attr-defined]
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            if not viewer.has_role(*roles):
                raise not_found()
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
