from django.urls import path

from coproduce.decisions import views

app_name = "decisions"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("people/<int:person_id>/", views.person_list, name="person_list"),
    path("people/<int:person_id>/record/", views.record_for_person, name="record_for_person"),
    path("services/", views.service_list, name="service_list"),
    path("services/<int:service_id>/", views.service_detail, name="service_detail"),
    path("services/<int:service_id>/record/", views.record_for_service, name="record_for_service"),
    path("<int:decision_id>/", views.detail, name="detail"),
]
