from django.urls import path

from coproduce.insights import views

app_name = "insights"

urlpatterns = [
    path("evidence/", views.evidence, name="evidence"),
    path("evidence.csv", views.evidence_csv, name="evidence_csv"),
]
