from django.urls import path

from thidua.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.search, name="search"),
    path("xuat-excel/", views.search_export, name="export"),
    path("ca-nhan/<int:person_id>/", views.person, name="person"),
    path("don-vi/<int:unit_id>/", views.unit, name="unit"),
    path("thong-ke/", views.statistics, name="statistics"),
]
