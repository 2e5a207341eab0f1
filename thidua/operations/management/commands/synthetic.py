"""`thidua synthetic`: deterministic synthetic organizers, clusters, units and years, through the importer."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.exchange.errors import ExchangeFileInvalid
from thidua.operations.synthetic import generate

ACTOR = "thidua synthetic"


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu tổng hợp (không phải số liệu thật) để thử tải và trình diễn: cơ quan tổ chức, "
        "cụm, khối, đơn vị, các năm thi đua với phiếu bầu; cùng --seed cho cùng dữ liệu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organizers", type=int, required=True, help="số cơ quan tổ chức (tỉnh)")
        parser.add_argument("--clusters-per-organizer", type=int, required=True, help="số cụm, khối mỗi tỉnh")
        parser.add_argument("--units-per-cluster", type=int, required=True, help="số đơn vị mỗi cụm (≥ 3)")
        parser.add_argument("--years", type=int, required=True, help="số năm thi đua, năm cuối là 2024")
        parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (mặc định 1)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = generate(
                organizers=options["organizers"],
                clusters_per_organizer=options["clusters_per_organizer"],
                units_per_cluster=options["units_per_cluster"],
                years=options["years"],
                seed=options["seed"],
                by=ACTOR,
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        except ExchangeFileInvalid as invalid:
            # Synthetic data collides with data already on record (same organizer and cluster code).
            raise CommandError("\n".join(str(error) for error in invalid.errors)) from None
        self.stdout.write(
            f"Đã tạo {summary.organizers} cơ quan tổ chức, {summary.clusters} cụm, khối, "
            f"{summary.units} đơn vị, {summary.cluster_years} năm thi đua của cụm, "
            f"{summary.ballots} phiếu bầu trong {summary.seconds:.1f} giây."
        )
