"""The real URLs, the real error handlers, and one page that always fails."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from coproduce.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("A failure forced by the production-mode test")


urlpatterns = [path("test-only/fail/", fail), *urlpatterns]
