from django.urls import path

from thidua.accounts import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="jobs"),
    path("<id:job_id>/", views.job_page, name="job"),
    path("<id:job_id>/tep/", views.job_file, name="file"),
]
