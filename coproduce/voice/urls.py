from django.urls import path

from coproduce.voice import views
from coproduce.voice.ideas import urls as ideas_urls
from coproduce.voice.organise import urls as organise_urls

app_name = "voice"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:survey_id>/", views.detail, name="detail"),
    path("<int:survey_id>/answer/", views.answer, name="answer"),
    path("<int:survey_id>/results/", views.results, name="results"),
    path("<int:survey_id>/results/live/", views.results_live, name="results_live"),
    path("<int:survey_id>/results.csv", views.results_csv, name="results_csv"),
    path("<int:survey_id>/results.xlsx", views.results_xlsx, name="results_xlsx"),
    path(
        "<int:survey_id>/meeting/<int:service_id>/",
        views.house_meeting,
        name="house_meeting",
    ),
    path(
        "<int:survey_id>/meeting/<int:service_id>/<int:person_id>/",
        views.house_meeting_answer,
        name="house_meeting_answer",
    ),
    *organise_urls.urlpatterns,
    *ideas_urls.urlpatterns,
]
