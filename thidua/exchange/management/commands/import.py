"""`thidua import FILE [--replace] [--accept-unit-changes]`: put a cluster's exchange file in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.exchange.data import YearData
from thidua.exchange.errors import ExchangeFileInvalid
from thidua.exchange.history import CREATE, DROP, KEEP
from thidua.exchange.importer import ImportReport, SharedUnitsChanged, run_import
from thidua.exchange.reader import read_exchange_file

ACTOR = "thidua import"


class Command(BaseCommand):
    help = "Nhập tệp trao đổi của một cụm, khối thi đua (YAML, format 1) vào cơ sở dữ liệu."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="tệp trao đổi (YAML, format 1)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="thay dữ liệu các năm của cụm, khối đã có bằng nội dung tệp (năm đã chốt thì giữ nguyên)",
        )
        parser.add_argument(
            "--accept-unit-changes",
            action="store_true",
            help="chấp nhận thay đổi đơn vị dùng chung với cụm, khối khác (tên, tên ngắn, tỷ lệ nữ, lịch sử)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = read_exchange_file(options["file"])
            report = run_import(
                data,
                by=ACTOR,
                replace=options["replace"],
                accept_unit_changes=options["accept_unit_changes"],
            )
        except ExchangeFileInvalid as invalid:
            raise CommandError("\n".join(str(error) for error in invalid.errors)) from None
        except SharedUnitsChanged as shared:
            accept = "Nếu các thay đổi đúng, chạy lại với --accept-unit-changes."
            raise CommandError(shared.told(accept)) from None
        cluster = report.cluster
        self.stdout.write(
            f"Đã nhập {cluster.get_kind_display().lower()} «{cluster.name}» (mã {cluster.code}) "
            f"của {cluster.organizer.name}: {len(data.units)} đơn vị, "
            f"{len(data.awards)} hình thức khen thưởng."
        )
        fates = {fate.year: fate for fate in report.years}
        for year in data.years:
            fate = fates[year.year]
            told = "" if fate.fate == CREATE else f" – {fate.label}"
            self.stdout.write(f"  Năm {year.year}: {_contents(year)}{told}.")
        for fate in report.years:
            if fate.fate in (KEEP, DROP):
                self.stdout.write(f"  Năm {fate.year}: {fate.label}.")
        _say_unit_changes(self, report)


def _contents(year: YearData) -> str:
    if year.ballots is not None:
        decided = f"{len(year.ballots)} phiếu bầu"
    elif year.outcome is not None:
        decided = "kết quả thống nhất (không có phiếu)"
    else:
        decided = "chưa có phiếu hay kết quả"
    return f"{len(year.members)} đơn vị thành viên, {decided}"


def _say_unit_changes(command: BaseCommand, report: ImportReport) -> None:
    if report.unit_changes:
        command.stdout.write("Đã thay đổi đơn vị theo tệp:")
        for change in report.unit_changes:
            command.stdout.write(f"  {change.vi}")
