from django.urls import path

from coproduce.involvement import views

app_name = "involvement"

urlpatterns = [
    path("", views.opportunities, name="opportunities"),
    path("opportunity/<int:opportunity_id>/", views.opportunity, name="opportunity"),
    path("person/<int:person_id>/", views.person, name="person"),
    path("person/<int:person_id>/time/", views.time_new, name="time_new"),
    path("person/<int:person_id>/expenses/", views.expense_new, name="expense_new"),
    path("person/<int:person_id>/benefit/", views.benefit, name="benefit"),
    path("person/<int:person_id>/statement/", views.statement, name="statement"),
    path("person/<int:person_id>/statement.pdf", views.statement_pdf, name="statement_pdf"),
    path("time/<int:record_id>/", views.time, name="time"),
    path("expenses/<int:claim_id>/", views.expense, name="expense"),
    path("expenses/<int:claim_id>/receipt/", views.receipt, name="receipt"),
    path("manage/", views.manage, name="manage"),
    path("manage/opportunity/", views.opportunity_new, name="opportunity_new"),
    path("manage/interest/<int:interest_id>/", views.interest, name="interest"),
    path("manage/role/<int:held_id>/end/", views.role_end, name="role_end"),
    path("figures/", views.figures, name="figures"),
    path("payroll/", views.payroll, name="payroll"),
    path("payroll/<int:export_id>.csv", views.payroll_csv, name="payroll_csv"),
    path("settings/", views.settings, name="settings"),
]
