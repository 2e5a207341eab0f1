"""`thidua backup --out FILE.zip`: the whole database (and the media folder) in one zip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from thidua.operations.backup import backup


class Command(BaseCommand):
    help = "Sao lưu toàn bộ cơ sở dữ liệu (và thư mục tệp đính kèm) vào một tệp zip."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, required=True, help="tệp zip ghi bản sao lưu")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = backup(options["out"])
        rows = sum(summary.counts.values())
        self.stdout.write(
            f"Đã sao lưu {rows} bản ghi của {len([n for n in summary.counts.values() if n])} bảng "
            f"({connection.vendor}) và {summary.media_files} tệp đính kèm vào {summary.path}."
        )
