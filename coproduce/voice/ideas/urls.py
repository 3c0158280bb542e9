"""URLs of the voice app's ideas pages, named in the "voice" namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from coproduce.voice.ideas import views

urlpatterns: list[URLPattern] = [
    path("ideas/", views.ideas, name="ideas"),
    path("ideas/new/", views.idea_new, name="idea_new"),
    path("ideas/<int:idea_id>/", views.idea, name="idea"),
    path("ideas/<int:idea_id>/picture/", views.idea_picture, name="idea_picture"),
    path("ideas/<int:idea_id>/me-too/", views.idea_me_too, name="idea_me_too"),
    path("ideas/<int:idea_id>/answer/", views.idea_answer, name="idea_answer"),
]
