"""The public verification of awards (no login): /xac-minh/ and /xac-minh/<code>/, the certificates' QR
target."""

from django.urls import path

from thidua.registry.views import verify as views

app_name = "verify"
urlpatterns = [
    path("", views.enter_code, name="enter"),
    path("<str:code>/", views.award, name="award"),
]
