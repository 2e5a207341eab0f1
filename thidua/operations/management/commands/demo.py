"""`thidua demo`: the seed cluster's 2021 review, its documents, and one demo account per role.

Safe to run again: the seed is imported once, the review concluded to the same result, the accounts'
passwords reset.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.operations.demo_accounts import create_demo_accounts
from thidua.operations.yearend import run_year_end
from thidua.organisations.models import Cluster
from thidua.scenarios import SEED

ACTOR = "thidua demo"


class Command(BaseCommand):
    help = "Dữ liệu trình diễn: bình xét năm 2021 của cụm Tham mưu tổng hợp (Lạng Sơn) và tài khoản mẫu."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, default=Path("out/demo"), help="thư mục ghi văn bản")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        data = read_exchange_file(SEED)
        cluster = Cluster.objects.filter(organizer__name=data.organizer.name, code=data.cluster.code).first()
        if cluster is None:
            cluster = import_exchange(data, by=ACTOR)
            self.stdout.write(f"Đã nhập cụm {cluster.name}.")
        else:
            self.stdout.write(f"Cụm {cluster.name} đã có sẵn, không nhập lại.")
        cluster_year = cluster.years.order_by("-year").first()
        assert cluster_year is not None, "the seed file has a year"
        output = run_year_end(cluster_year, options["out"], by=ACTOR)
        self.stdout.write(f"Kết quả và văn bản năm {output.year}: {output.directory}/")
        for name in ["results.json", *output.results["documents"]]:
            self.stdout.write(f"  - {output.directory / name}")
        self.stdout.write("\nTài khoản trình diễn (tên đăng nhập / mật khẩu / vai trò):")
        for account in create_demo_accounts(cluster_year):
            self.stdout.write(f"  {account.username:<12} {account.password:<22} {account.role_label}")
        self.stdout.write("\nTrang web: http://127.0.0.1:8000 (đăng nhập bằng một tài khoản ở trên).")
