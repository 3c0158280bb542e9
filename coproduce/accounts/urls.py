from django.urls import path

from coproduce.accounts import views

app_name = "accounts"

urlpatterns = [
    path("services/", views.service_list, name="service_list"),
    path("services/add/", views.service_add, name="service_add"),
    path("services/<int:service_id>/", views.service_edit, name="service_edit"),
    path(
        "services/<int:service_id>/deactivate/",
        views.service_deactivate,
        name="service_deactivate",
    ),
    path(
        "services/<int:service_id>/reactivate/",
        views.service_reactivate,
        name="service_reactivate",
    ),
    path("people/", views.membership_list, name="membership_list"),
    path("people/invite/", views.invite, name="invite"),
    path("people/<int:membership_id>/", views.membership_edit, name="membership_edit"),
    path("people/<int:membership_id>/end/", views.membership_end, name="membership_end"),
]
