from django.apps import AppConfig


class PactConfig(AppConfig):
    name = "thidua.legacy.pact"
    label = "pact"
    verbose_name = "Phát động, đăng ký và giao ước thi đua (lịch sử, đã chuyển)"
