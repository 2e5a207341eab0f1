from django.urls import path

from thidua.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("xac-nhan/", views.confirm, name="confirm"),
    path("xuat/<id:cluster_id>/", views.export, name="export"),
]
