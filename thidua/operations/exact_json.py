"""Django's JSON serialization with times to the microsecond, for backups.

Django's encoder cuts a datetime or a time to the millisecond (ECMA-262's format), so a backup restored
gave every timestamp back up to 999 µs off: the audit trail's order among events of the same millisecond was
lost, and a row no longer equal to itself. Here they are written whole; reading them back is Django's own
JSON reader (a backup's data.json is read as "json"), which parses microseconds.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers.json import Deserializer as JsonDeserializer
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JsonSerializer

NAME = "thidua-exact-json"


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time) and o.microsecond:
            said = o.isoformat()
            return said.removesuffix("+00:00") + "Z" if said.endswith("+00:00") else said
        return super().default(o)


class Serializer(JsonSerializer):
    def _init_options(self) -> None:
        self.options.setdefault("cls", ExactEncoder)
        super()._init_options()  # type: ignore[misc]  # Django's own, not in its stubs


Deserializer = JsonDeserializer
