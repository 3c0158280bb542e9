from django.conf import settings
from django.urls import path

from coproduce.core import views

app_name = "core"

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("symbols/", views.symbols, name="symbols"),
    path("theme/<slug:slug>.css", views.theme_css, name="theme_css"),
    path("organisation/audit/", views.audit_log, name="audit_log"),
]

# The demo persona page exists only on a development copy (DEBUG on).
if settings.DEMO_SIGN_IN_ENABLED:
    from coproduce.core import views_demo

    urlpatterns.append(path("demo/", views_demo.demo_sign_in, name="demo_sign_in"))
