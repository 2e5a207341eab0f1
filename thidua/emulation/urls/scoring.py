from django.urls import path

from thidua.emulation.views import scoring as views

app_name = "scoring"
PREFIX = "<int:cluster_id>/<int:year>/"
urlpatterns = [
    path(PREFIX, views.sheet, name="sheet"),
    path(PREFIX + "tao/", views.sheet_create, name="create"),
    path(PREFIX + "tieu-chi/", views.criterion_add, name="criterion_add"),
    path(PREFIX + "khoa/", views.lock, name="lock"),
    path(PREFIX + "mo-lai/", views.reopen, name="reopen"),
    path(PREFIX + "don-vi/<int:unit_id>/", views.unit, name="unit"),
    path(PREFIX + "don-vi/<int:unit_id>/<slug:action>/", views.unit_action, name="unit_action"),
    path(PREFIX + "minh-chung/<int:evidence_id>/", views.evidence, name="evidence"),
]
