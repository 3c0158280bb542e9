"""URLs of the voice app's organise pages, named in the "voice" namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from coproduce.voice.organise import views

urlpatterns: list[URLPattern] = [
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.new, name="new"),
    path("<int:survey_id>/organise/", views.organise, name="organise"),
    path("<int:survey_id>/organise/details/", views.edit, name="edit"),
    path("<int:survey_id>/organise/questions/", views.questions, name="questions"),
    path("<int:survey_id>/organise/open/", views.open_survey, name="open"),
    path("<int:survey_id>/organise/close/", views.close_survey, name="close"),
    path("<int:survey_id>/organise/outcome/", views.outcome, name="outcome"),
    path("<int:survey_id>/organise/again/", views.run_again, name="run_again"),
    path("<int:survey_id>/meeting.ics", views.invitation, name="invitation"),
]
