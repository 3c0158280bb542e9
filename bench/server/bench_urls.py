"""The real URLs, the real error handlers, and the trivial signed-in page the benchmark
measures every page beside: the whole middleware stack (sessions, sign-in and second
factor, the viewer, language, security headers), then a few bytes, no query of its own."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from coproduce.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


@login_required
def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial, name="bench_trivial"), *urlpatterns]
