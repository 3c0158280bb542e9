"""URLs of the voice app's organise pages, named in the "voice" namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from coproduce.voice.organise import views

urlpatterns: list[URLPattern] = [
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.new, name="new"),
    path("manage/<int:survey_id>/", views.organise, name="organise"),
    path("manage/<int:survey_id>/details/", views.edit, name="edit"),
    path("manage/<int:survey_id>/questions/", views.questions, name="questions"),
    path("manage/<int:survey_id>/open/", views.open_survey, name="open"),
    path("manage/<int:survey_id>/close/", views.close_survey, name="close"),
    path("manage/<int:survey_id>/outcome/", views.outcome, name="outcome"),
    path("manage/<int:survey_id>/again/", views.run_again, name="run_again"),
    path("<int:survey_id>/meeting.ics", views.invitation, name="invitation"),
]
