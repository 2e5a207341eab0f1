from django.urls import path

from thidua.emulation.views import edit as edit_views
from thidua.emulation.views import year as views

app_name = "front"
urlpatterns = [
    path("", views.home, name="home"),
    path("cum/", views.clusters, name="clusters"),
    path("cum/<id:cluster_id>/", views.cluster, name="cluster"),
    path("cum/<id:cluster_id>/xuat-excel/", views.cluster_export, name="cluster_export"),
    path("cum/<id:cluster_id>/<year:year>/", views.cluster_year, name="cluster_year"),
    path("cum/<id:cluster_id>/<year:year>/van-ban/<str:name>", views.document, name="document"),
    path("cum/<id:cluster_id>/nam-moi/", edit_views.new_year, name="new_year"),
    path("cum/<id:cluster_id>/<year:year>/nhap/", edit_views.edit_year, name="edit_year"),
    path("cum/<id:cluster_id>/<year:year>/nhap/chot", edit_views.conclude, name="edit_conclude"),
    path("cum/<id:cluster_id>/<year:year>/nhap/mo-lai", edit_views.reopen, name="edit_reopen"),
    path("cum/<id:cluster_id>/<year:year>/nhap/<slug:step>/", edit_views.edit_step, name="edit_step"),
]
