from django.apps import AppConfig


class MeetingConfig(AppConfig):
    name = "thidua.legacy.meeting"
    label = "meeting"
    verbose_name = "Hội nghị bình xét và bỏ phiếu (lịch sử, đã chuyển)"
