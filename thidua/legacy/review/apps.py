from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "thidua.legacy.review"
    label = "review"
    verbose_name = "Bình xét cuối năm (lịch sử, đã chuyển)"
