from django.urls import path

from coproduce.feedback import views

app_name = "feedback"

urlpatterns = [
    path("<int:concern_id>/", views.concern, name="concern"),
]
