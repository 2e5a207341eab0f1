from django.urls import path

from thidua.sheets import views

app_name = "sheets"
urlpatterns = [
    path("", views.load, name="load"),
    path("ghi/", views.commit, name="commit"),
    path("xem-truoc/<id:job_id>/", views.job_preview, name="job_preview"),
    path("trao-doi/", views.interchange_export, name="interchange_export"),
    path("mau/<slug:kind>.xlsx", views.template, name="template"),
]
