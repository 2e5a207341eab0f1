"""`thidua import FILE [--replace]`: put a cluster's exchange file into the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.exchange.errors import ExchangeFileInvalid
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file

ACTOR = "thidua import"


class Command(BaseCommand):
    help = "Nhập tệp trao đổi của một cụm, khối thi đua (YAML, format 1) vào cơ sở dữ liệu."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="tệp trao đổi (YAML, format 1)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="thay dữ liệu các năm của cụm, khối đã có bằng nội dung tệp",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = read_exchange_file(options["file"])
            cluster = import_exchange(data, by=ACTOR, replace=options["replace"])
        except ExchangeFileInvalid as invalid:
            raise CommandError("\n".join(str(error) for error in invalid.errors)) from None
        self.stdout.write(
            f"Đã nhập {cluster.get_kind_display().lower()} «{cluster.name}» (mã {cluster.code}) "
            f"của {cluster.organizer.name}: {len(data.units)} đơn vị, "
            f"{len(data.awards)} hình thức khen thưởng."
        )
        for year in data.years:
            if year.ballots is not None:
                decided = f"{len(year.ballots)} phiếu bầu"
            elif year.outcome is not None:
                decided = "kết quả thống nhất (không có phiếu)"
            else:
                decided = "chưa có phiếu hay kết quả"
            self.stdout.write(f"  Năm {year.year}: {len(year.members)} đơn vị thành viên, {decided}.")
