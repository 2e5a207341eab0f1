from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "thidua.registry"
    verbose_name = _("Award registry")

    def ready(self) -> None:
        # The council's secret ballots are cast at the same address as a meeting's (/hop/phieu/): the year's
        # code machinery learns the council's code table and ballot page from here, so it imports neither.
        from thidua.emulation import balloting
        from thidua.registry.models import CouncilCode
        from thidua.registry.views.council import council_ballot

        balloting.register(CouncilCode, council_ballot)
