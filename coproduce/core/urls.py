from django.urls import path

from coproduce.core import views

app_name = "core"

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("organisation/audit/", views.audit_log, name="audit_log"),
]
