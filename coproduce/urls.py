from django.conf import settings
from django.urls import include, path

from coproduce.accounts.views_theme import theme_css
from coproduce.core import urls as core_urls
from coproduce.site import views as site_views

# Pages named in the "core" namespace but served by apps above core.
core_patterns = [
    *core_urls.urlpatterns,
    path("theme/<slug:slug>.css", theme_css, name="theme_css"),
]

# The demo persona page exists only on a development copy (DEBUG on).
if settings.DEMO_SIGN_IN_ENABLED:
    from coproduce.demo.views import demo_sign_in

    core_patterns.append(path("demo/", demo_sign_in, name="demo_sign_in"))

urlpatterns = [
    path("", site_views.home, name="home"),
    path("to-answer/", site_views.to_answer, name="to_answer"),
    path("notifications/", site_views.notifications, name="notifications"),
    path(
        "notifications/<int:notification_id>/",
        site_views.notification_open,
        name="notification_open",
    ),
    path(
        "notifications/read/",
        site_views.notifications_mark_read,
        name="notifications_mark_read",
    ),
    path("", include((core_patterns, core_urls.app_name))),
    path("organisation/", include("coproduce.accounts.urls")),
    path("decisions/", include("coproduce.decisions.urls")),
    path("people/", include("coproduce.people.urls")),
    path("plans/", include("coproduce.plans.urls")),
    path("team/", include("coproduce.matching.urls")),
    path("insights/", include("coproduce.insights.urls")),
    path("voice/", include("coproduce.voice.urls")),
    path("feedback/", include("coproduce.feedback.urls")),
    path("documents/", include("coproduce.codesign.urls")),
    path("involvement/", include("coproduce.involvement.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = "coproduce.core.views.error_400"
handler403 = "coproduce.core.views.error_403"
handler404 = "coproduce.core.views.error_404"
handler500 = "coproduce.core.views.error_500"
