"""URLs of the voice app's ideas pages, named in the "voice" namespace."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
