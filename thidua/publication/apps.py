from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "thidua.publication"
    verbose_name = _("Public side")

    def ready(self) -> None:
        from thidua.publication import cache

        cache.connect()
