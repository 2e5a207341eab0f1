"""`thidua scenario FILE --out DIR`: run a cluster's year-end review from its exchange file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.exchange.errors import ExchangeFileInvalid
from thidua.exchange.importer import SharedUnitsChanged, import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.operations.yearend import run_cluster_years

ACTOR = "thidua scenario"


class Command(BaseCommand):
    help = "Chạy bình xét cuối năm của một cụm, khối từ tệp trao đổi; ghi results.json và văn bản vào DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="tệp trao đổi (YAML, format 1)")
        parser.add_argument("--out", type=Path, required=True, help="thư mục ghi kết quả")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = read_exchange_file(path)
            # The file is the cluster's record for this run: run again on the same database (--database-url),
            # it replaces that cluster's years rather than refusing, so a scripted run can be repeated.
            cluster = import_exchange(data, by=ACTOR, replace=True)
        except ExchangeFileInvalid as invalid:
            raise CommandError("\n".join(str(error) for error in invalid.errors)) from None
        except SharedUnitsChanged as shared:
            accept = "Nếu đúng, nhập tệp bằng thidua import --replace --accept-unit-changes rồi chạy lại."
            raise CommandError(shared.told(accept)) from None
        outputs = run_cluster_years(list(cluster.years.all()), options["out"], by=ACTOR)
        for output in outputs:
            proposals = (
                ", ".join(f"{p['award']}: {p['unit']}" for p in output.results["proposals"]) or "không có"
            )
            self.stdout.write(f"Năm {output.year}: đề nghị {proposals} → {output.directory}/results.json")
