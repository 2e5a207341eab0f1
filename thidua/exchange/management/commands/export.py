"""`thidua export CLUSTER --out FILE [--organizer NAME]`: write a cluster out as an exchange file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.exchange.errors import ExportImpossible
from thidua.exchange.exporter import dump_exchange, export_cluster
from thidua.organisations.models import Cluster


class Command(BaseCommand):
    help = "Xuất một cụm, khối thi đua ra tệp trao đổi (YAML, format 1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cluster", help="mã cụm, khối (ví dụ TMTH)")
        parser.add_argument("--out", required=True, help="tệp ghi ra (- để in ra màn hình)")
        parser.add_argument("--organizer", help="tên cơ quan tổ chức, khi nhiều cơ quan có cụm cùng mã")

    def handle(self, *args: Any, **options: Any) -> None:
        cluster = _find(options["cluster"], options["organizer"])
        try:
            text = dump_exchange(export_cluster(cluster))
        except ExportImpossible as impossible:
            raise CommandError(str(impossible)) from None
        if options["out"] == "-":
            sys.stdout.write(text)
            return
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        self.stdout.write(f"Đã xuất {cluster.get_kind_display().lower()} «{cluster.name}» vào {out}.")


def _find(code: str, organizer: str | None) -> Cluster:
    clusters = Cluster.objects.filter(code=code).select_related("organizer").order_by("organizer__name")
    if organizer:
        clusters = clusters.filter(organizer__name=organizer)
    found = list(clusters)
    if not found:
        of = f" của «{organizer}»" if organizer else ""
        raise CommandError(f"Không có cụm, khối nào mã «{code}»{of} trong cơ sở dữ liệu.")
    if len(found) > 1:
        names = "; ".join(cluster.organizer.name for cluster in found)
        raise CommandError(
            f'Mã «{code}» có ở nhiều cơ quan tổ chức ({names}); chọn một bằng --organizer "TÊN".'
        )
    return found[0]
