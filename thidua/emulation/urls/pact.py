from django.urls import path

from thidua.emulation.views import launch as views

app_name = "pact"
PREFIX = "<id:cluster_id>/<year:year>/"
urlpatterns = [
    path(PREFIX, views.overview, name="overview"),
    path(PREFIX + "phat-dong/", views.launch, name="launch"),
    path(PREFIX + "dang-ky/<id:unit_id>/", views.register, name="register"),
    path(PREFIX + "ky/", views.sign, name="sign"),
]
