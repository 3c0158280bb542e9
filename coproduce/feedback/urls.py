from django.urls import path

from coproduce.feedback import change_views, figure_views, views

app_name = "feedback"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("how/", views.how, name="how"),
    path("raise/", views.raise_concern, name="raise"),
    path("<int:concern_id>/", views.concern, name="concern"),
    path("<int:concern_id>/photo/", views.concern_photo, name="concern_photo"),
    path("<int:concern_id>/handle/", views.handle, name="handle"),
    path("figures/", figure_views.figures, name="figures"),
    path("cqc/", figure_views.cqc, name="cqc"),
    path("cqc/complaints-summary.pdf", figure_views.cqc_pdf_download, name="cqc_pdf"),
    path("cqc/complaints-summary.csv", figure_views.cqc_csv_download, name="cqc_csv"),
    path("you-said-we-did/", change_views.changes, name="changes"),
    path(
        "you-said-we-did/service/<int:service_id>/",
        change_views.service_changes,
        name="service_changes",
    ),
    path("you-said-we-did/new/", change_views.change_new, name="change_new"),
    path("you-said-we-did/<int:change_id>/", change_views.change, name="change"),
    path(
        "you-said-we-did/<int:change_id>/update/", change_views.change_update, name="change_update"
    ),
    path(
        "you-said-we-did/<int:change_id>/link/", change_views.change_add_source, name="change_link"
    ),
]
