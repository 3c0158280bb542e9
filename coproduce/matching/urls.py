from django.urls import path

from coproduce.matching import views

app_name = "matching"

urlpatterns = [
    path("people/<int:person_id>/", views.choose, name="choose"),
    path("people/<int:person_id>/review/", views.manager_review, name="manager_review"),
    path("people/<int:person_id>/change/", views.change_request_new, name="change_request_new"),
    path("changes/<int:request_id>/", views.change_request, name="change_request"),
    path(
        "changes/<int:request_id>/offer/", views.change_request_offer, name="change_request_offer"
    ),
    path(
        "changes/<int:request_id>/answers/",
        views.change_request_answers,
        name="change_request_answers",
    ),
    path("changes/figures/", views.change_figures, name="change_figures"),
]
