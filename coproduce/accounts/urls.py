from django.urls import path

from coproduce.accounts import views

app_name = "accounts"

urlpatterns = [
    path("services/", views.service_list, name="service_list"),
    path("people/", views.membership_list, name="membership_list"),
]
