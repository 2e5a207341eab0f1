"""`thidua restore FILE.zip`: a backup into a freshly migrated, empty database; all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.operations.backup import BackupInvalid, restore


class Command(BaseCommand):
    help = (
        "Khôi phục bản sao lưu vào cơ sở dữ liệu mới, trống (chạy `thidua migrate` trước); "
        "sai ở đâu báo ở đó, không ghi gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="tệp zip do `thidua backup` ghi")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = restore(options["file"])
        except BackupInvalid as invalid:
            raise CommandError(str(invalid)) from None
        self.stdout.write(f"Đã khôi phục {sum(counts.values())} bản ghi từ {options['file']}.")
