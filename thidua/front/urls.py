from django.urls import path

from thidua.front import views

app_name = "front"
urlpatterns = [
    path("", views.home, name="home"),
    path("cum/<int:cluster_id>/", views.cluster, name="cluster"),
    path("cum/<int:cluster_id>/<int:year>/", views.cluster_year, name="cluster_year"),
    path("cum/<int:cluster_id>/<int:year>/van-ban/<str:name>", views.document, name="document"),
]
