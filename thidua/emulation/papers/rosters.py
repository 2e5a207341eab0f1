"""A cluster's (or block's) yearly rosters as an Excel workbook (documents/workbook.py): each year's member
units in roster order, each with its part that year (head, deputy, host), newest year first."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.documents import wording as w
from thidua.documents.workbook import NUMBER, Column, Table, table_workbook
from thidua.emulation.models import ClusterYear, Deputy, Membership
from thidua.emulation.views.presenters import leader_words
from thidua.organisations.models import Cluster, Unit

COLUMNS = (
    Column(_("Year"), 8, NUMBER),
    Column(_("No."), 6, NUMBER),
    Column(_("Unit code"), 12),
    Column(_("Unit name"), 48),
    Column(_("Part in the year"), 30),
)


def with_rosters(years: QuerySet[ClusterYear]) -> QuerySet[ClusterYear]:
    """The years with what their rosters need, in a fixed number of queries however many years."""
    return years.select_related("head", "host").prefetch_related(
        Prefetch(
            "memberships", queryset=Membership.objects.select_related("unit").order_by("position", "id")
        ),
        Prefetch("deputy_links", queryset=Deputy.objects.select_related("unit").order_by("position", "id")),
    )


def _rows(cluster: Cluster, year: ClusterYear) -> list[tuple[object, ...]]:
    words = leader_words(cluster.kind)
    members = [m.unit for m in year.memberships.all()]
    deputies = [d.unit for d in year.deputy_links.all()]
    # A head, deputy or host outside the roster (an office's file may say so) still has its line.
    extra = [u for u in (year.head, *deputies, year.host) if u is not None and u not in members]
    units: list[Unit] = [*members, *dict.fromkeys(extra)]
    rows: list[tuple[object, ...]] = []
    for number, unit in enumerate(units, start=1):
        parts = []
        if unit == year.head:
            parts.append(str(words.head))
        if unit in deputies:
            parts.append(str(words.deputy))
        if unit == year.host:
            parts.append(gettext("Host unit"))
        if unit not in members:
            parts.append(gettext("not on the roster"))
        rows.append((year.year, number, unit.code, unit.name, ", ".join(parts) or gettext("Member")))
    return rows


def roster_workbook(cluster: Cluster, years: Iterable[ClusterYear]) -> bytes:
    rows = [row for year in years for row in _rows(cluster, year)]
    titles = [gettext("MEMBER UNITS BY YEAR"), w.cluster_line(cluster), cluster.organizer.name]
    return table_workbook(Table(gettext("Rosters"), titles, COLUMNS, rows, bold_titles=(0, 1)), portrait=True)
