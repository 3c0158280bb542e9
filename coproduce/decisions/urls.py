from django.urls import path

from coproduce.decisions import views

app_name = "decisions"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("services/", views.service_list, name="service_list"),
]
