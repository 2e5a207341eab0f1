from django.urls import path

from thidua.accounts import twofactor_views

app_name = "twofactor"
urlpatterns = [
    path("", twofactor_views.settings_page, name="settings"),
]
