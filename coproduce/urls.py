from django.urls import include, path

from coproduce.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("", include("coproduce.core.urls")),
    path("organisation/", include("coproduce.accounts.urls")),
    path("decisions/", include("coproduce.decisions.urls")),
    path("people/", include("coproduce.people.urls")),
    path("plans/", include("coproduce.plans.urls")),
    path("team/", include("coproduce.matching.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = "coproduce.core.views.error_400"
handler403 = "coproduce.core.views.error_403"
handler404 = "coproduce.core.views.error_404"
handler500 = "coproduce.core.views.error_500"
