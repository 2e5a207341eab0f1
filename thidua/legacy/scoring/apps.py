from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "thidua.legacy.scoring"
    label = "scoring"
    verbose_name = "Chấm điểm thi đua (lịch sử, đã chuyển)"
