from django.urls import path

from coproduce.core import views

app_name = "core"

# The "core" namespace also holds pages served by higher apps (the theme stylesheet, the
# demo sign-in); ``coproduce.urls`` adds them, as core imports none of those apps.
urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("symbols/", views.symbols, name="symbols"),
    path("organisation/audit/", views.audit_log, name="audit_log"),
]
