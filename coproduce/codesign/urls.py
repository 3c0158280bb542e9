from django.urls import path

from coproduce.codesign import views

app_name = "codesign"

urlpatterns = [
    path("", views.library, name="library"),
    path("manage/", views.manage, name="manage"),
    path("new/", views.new, name="new"),
    path("<int:document_id>/", views.document, name="document"),
    path("<int:document_id>/edit/", views.edit, name="edit"),
    path("<int:document_id>/move/", views.move, name="move"),
    path("<int:document_id>/versions/", views.versions, name="versions"),
    path("<int:document_id>/comment/", views.comment, name="comment"),
    path("<int:document_id>/sign-off/", views.sign_off, name="sign_off"),
    path(
        "<int:document_id>/suggestions/<int:suggestion_id>/answer/",
        views.answer,
        name="answer",
    ),
]
