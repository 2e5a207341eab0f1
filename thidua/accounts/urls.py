from django.urls import path

from thidua.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("thu-dien-tu/", views.mail_settings, name="mail_settings"),
]
