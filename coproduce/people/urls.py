from django.urls import path

from coproduce.people import views
from coproduce.people.staff import views as views_staff
from coproduce.people.supporters import views as views_supporters

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("me/", views.my_profile, name="mine"),
    path("<int:person_id>/", views.profile, name="profile"),
    path("<int:person_id>/photo/", views.photo, name="photo"),
    path("<int:person_id>/details/", views.details_edit, name="details_edit"),
    path("<int:person_id>/communication/", views.communication_edit, name="communication_edit"),
    path("<int:person_id>/interests/", views.interests_edit, name="interests_edit"),
    path(
        "<int:person_id>/workers-i-want/",
        views.worker_preferences_edit,
        name="worker_preferences_edit",
    ),
    path(
        "<int:person_id>/decision-making/",
        views.decision_making_edit,
        name="decision_making_edit",
    ),
    path("<int:person_id>/circle/", views.circle, name="circle"),
    path(
        "<int:person_id>/circle/<int:important_id>/remove/",
        views.circle_remove,
        name="circle_remove",
    ),
    path(
        "<int:person_id>/profile/<slug:section>/", views.profile_part_edit, name="profile_part_edit"
    ),
    path(
        "<int:person_id>/profile/<slug:section>/picture/",
        views.profile_picture,
        name="profile_picture",
    ),
    path(
        "<int:person_id>/profile/<slug:section>/history/",
        views.profile_history,
        name="profile_history",
    ),
    path(
        "<int:person_id>/profile/<slug:section>/compare/",
        views.profile_compare,
        name="profile_compare",
    ),
    path("<int:person_id>/one-page-profile.pdf", views.profile_pdf_download, name="profile_pdf"),
    path("<int:person_id>/about-me.json", views.about_me_fhir, name="about_me_fhir"),
    # Staff profiles, availability and introduction films.
    path("staff/me/", views_staff.my_staff_profile, name="my_staff_profile"),
    path("staff/me/availability/", views_staff.my_availability, name="my_availability"),
    path(
        "staff/me/availability/<int:slot_id>/remove/",
        views_staff.my_availability_remove,
        name="my_availability_remove",
    ),
    path("staff/me/film/", views_staff.film_upload, name="film_upload"),
    path("staff/me/<slug:part>/", views_staff.my_staff_profile_edit, name="my_staff_profile_edit"),
    path("staff/<int:staff_id>/", views_staff.staff_profile, name="staff_profile"),
    path("staff/<int:staff_id>/photo/", views_staff.staff_photo, name="staff_photo"),
    path("films/<int:film_id>/video/", views_staff.film_video, name="film_video"),
    path("films/<int:film_id>/captions/", views_staff.film_captions, name="film_captions"),
    path("films/<int:film_id>/poster/", views_staff.film_poster, name="film_poster"),
    # Supporters and what the person shares with them.
    path("<int:person_id>/supporters/", views_supporters.supporters, name="supporters"),
    path("<int:person_id>/supporters/add/", views_supporters.supporter_add, name="supporter_add"),
    path(
        "supporting/<int:link_id>/",
        views_supporters.supporter_invitation,
        name="supporter_invitation",
    ),
    path(
        "<int:person_id>/supporters/<int:link_id>/",
        views_supporters.supporter_scopes,
        name="supporter_scopes",
    ),
    path(
        "<int:person_id>/supporters/<int:link_id>/withdraw/",
        views_supporters.supporter_withdraw,
        name="supporter_withdraw",
    ),
]
