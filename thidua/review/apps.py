from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "thidua.review"
    label = "review"
    verbose_name = "Bình xét cuối năm"
