from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "thidua.front"
    label = "front"
    verbose_name = "Giao diện web"
