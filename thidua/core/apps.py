from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "thidua.core"
    label = "core"
    verbose_name = _("System")

    def ready(self) -> None:
        # Before any URLconf is read: the patterns name these converters (core/converters.py).
        from thidua.core.converters import register

        register()
        # A change of any account drops the kept pages (core/pagecache.py).
        from thidua.core import pagecache

        pagecache.connect()
