from django.urls import path

from thidua.emulation.views import scoring as views

app_name = "scoring"
PREFIX = "<id:cluster_id>/<year:year>/"
urlpatterns = [
    path(PREFIX, views.sheet, name="sheet"),
    path(PREFIX + "tao/", views.sheet_create, name="create"),
    path(PREFIX + "tieu-chi/", views.criterion_add, name="criterion_add"),
    path(PREFIX + "tieu-chi.xlsx", views.criteria_export, name="criteria_export"),
    path(PREFIX + "diem.xlsx", views.scores_export, name="scores_export"),
    path(PREFIX + "khoa/", views.lock, name="lock"),
    path(PREFIX + "mo-lai/", views.reopen, name="reopen"),
    path(PREFIX + "don-vi/<id:unit_id>/", views.unit, name="unit"),
    path(PREFIX + "don-vi/<id:unit_id>/<slug:action>/", views.unit_action, name="unit_action"),
    path(PREFIX + "minh-chung/<id:evidence_id>/", views.evidence, name="evidence"),
]
