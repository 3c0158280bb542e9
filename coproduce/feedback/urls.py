from django.urls import path

from coproduce.feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("how/", views.how, name="how"),
    path("raise/", views.raise_concern, name="raise"),
    path("<int:concern_id>/", views.concern, name="concern"),
    path("<int:concern_id>/handle/", views.handle, name="handle"),
]
