from django.urls import path

from coproduce.plans import views
from coproduce.plans.checkins import views as views_checkins
from coproduce.plans.exports import views as views_exports
from coproduce.plans.reviews import views as views_reviews

app_name = "plans"

urlpatterns = [
    path("reviews/overdue/", views.overdue_reviews, name="overdue_reviews"),
    path("people/<int:person_id>/", views.plan, name="plan"),
    path("people/<int:person_id>/add/<slug:section>/", views.entry_add, name="entry_add"),
    path("people/<int:person_id>/agree/", views.agree, name="agree"),
    path(
        "people/<int:person_id>/support-plan.pdf",
        views_exports.plan_pdf_download,
        name="plan_pdf",
    ),
    path(
        "people/<int:person_id>/support-plan-easy-read.pdf",
        views_exports.plan_pdf_easy_read_download,
        name="plan_pdf_easy_read",
    ),
    path("people/<int:person_id>/support-plan.json", views_exports.plan_fhir, name="plan_fhir"),
    path("people/<int:person_id>/reviews/", views_reviews.reviews, name="reviews"),
    path("people/<int:person_id>/reviews/new/", views_reviews.review_new, name="review_new"),
    path("entries/<int:entry_id>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:entry_id>/answer/", views.entry_respond, name="entry_respond"),
    path("entries/<int:entry_id>/history/", views.entry_history, name="entry_history"),
    # Daily check-ins, one-to-ones and "this is not working" (docs/adr/0013).
    path("today/", views_checkins.today, name="today"),
    path("people/<int:person_id>/check-in/", views_checkins.checkin_new, name="checkin_new"),
    path("people/<int:person_id>/check-ins/", views_checkins.checkins, name="checkins"),
    path("people/<int:person_id>/one-to-ones/", views_checkins.one_to_ones, name="one_to_ones"),
    path(
        "people/<int:person_id>/one-to-ones/new/",
        views_checkins.one_to_one_new,
        name="one_to_one_new",
    ),
    path("one-to-ones/<int:one_to_one_id>/", views_checkins.one_to_one, name="one_to_one"),
    path(
        "people/<int:person_id>/not-working/",
        views_checkins.not_working_new,
        name="not_working_new",
    ),
    path("not-working/", views_checkins.not_working_open, name="not_working_open"),
    path("not-working/<int:flag_id>/", views_checkins.not_working, name="not_working"),
]
