from django.urls import path

from thidua.sheets import views

app_name = "sheets"
urlpatterns = [
    path("", views.load, name="load"),
    path("ghi/", views.commit, name="commit"),
    path("mau/<slug:kind>.xlsx", views.template, name="template"),
]
