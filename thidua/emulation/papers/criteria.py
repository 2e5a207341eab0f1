"""A year's criteria table (bảng tiêu chí chấm điểm) as an Excel workbook, laid out as the criteria import
reads it back (sheets/criteria.py): one row per criterion naming its cluster, year and scale, so the file can
be edited and imported again, or imported into the year after."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.documents import wording as w
from thidua.documents.workbook import NUMBER, POINTS, Column, Table, table_workbook
from thidua.emulation.models import Criterion, ScoreSheet

# Column key -> header: the export writes them and the import (sheets/criteria.py) looks for them.
HEADERS = {
    "cluster": _("Cluster or block"),
    "year": _("Year"),
    "scale": _("Scale"),
    "group": _("Criterion group"),
    "name": _("Criterion text"),
    "kind": _("Kind"),
    "max_points": _("Maximum points"),
}
COLUMNS = (
    Column(_("No."), 6, NUMBER),
    Column(HEADERS["cluster"], 28),
    Column(HEADERS["year"], 8, NUMBER),
    Column(HEADERS["scale"], 10, POINTS),
    Column(HEADERS["group"], 28),
    Column(HEADERS["name"], 50),
    Column(HEADERS["kind"], 18),
    Column(HEADERS["max_points"], 11, POINTS),
)


def criteria_workbook(sheet: ScoreSheet) -> bytes:
    cluster_year = sheet.cluster_year
    cluster = cluster_year.cluster
    rows = [
        (
            number,
            cluster.name,
            cluster_year.year,
            sheet.scale,
            c.group,
            c.name,
            str(Criterion.Kind(c.kind).label),
            c.max_points,
        )
        for number, c in enumerate(sheet.criteria.order_by("position", "id"), start=1)
    ]
    titles = [
        w.cluster_line(cluster),
        gettext("CRITERIA TABLE"),
        gettext("Emulation criteria for {year} of {cluster}").format(
            year=cluster_year.year, cluster=cluster.name
        ),
    ]
    table = Table(
        gettext("Criteria {year}").format(year=cluster_year.year), titles, COLUMNS, rows, bold_titles=(1, 2)
    )
    return table_workbook(table)
