from django.urls import path

from coproduce.voice import views
from coproduce.voice.ideas import urls as ideas_urls
from coproduce.voice.organise import urls as organise_urls

app_name = "voice"

urlpatterns = [
    *organise_urls.urlpatterns,
    *ideas_urls.urlpatterns,
]
