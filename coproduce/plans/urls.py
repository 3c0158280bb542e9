from django.urls import path

from coproduce.plans import views, views_exports

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
    path("entries/<int:entry_id>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:entry_id>/answer/", views.entry_respond, name="entry_respond"),
    path("entries/<int:entry_id>/history/", views.entry_history, name="entry_history"),
]
