from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "thidua.operations"
    label = "operations"
    verbose_name = "Vận hành (dữ liệu mẫu, sao lưu, kịch bản)"
