"""Search the registry without diacritics: "Duong Thi Nha" finds "Đường Thị Nhã", "d" matches "đ".

Both databases search the same folded column (folding.fold, kept on save); each word of the query must
appear in the folded name. On PostgreSQL a trigram GIN index (migration 0002) serves these LIKE filters.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from thidua.organisations.models import Unit
from thidua.registry.folding import fold
from thidua.registry.models import Awardee


def search_awards(
    query: str | None = None,
    year: int | None = None,
    award: str | None = None,
    unit: Unit | int | None = None,
    grantor: str | None = None,
    *,
    within: QuerySet[Awardee] | None = None,
) -> QuerySet[Awardee]:
    """Awards on record matching every filter given, newest decision first. `unit` matches a unit's own
    awards and its people's; `grantor` matches without diacritics too; `within` narrows to what a user
    may see (scope.visible_awardees)."""
    rows = within if within is not None else Awardee.objects.all()
    for word in fold(query or "").split():
        rows = rows.filter(name_folded__contains=word)
    if year is not None:
        rows = rows.filter(year=year)
    if award:
        rows = rows.filter(Q(award=award) | Q(decision__tier__code=award))
    if unit is not None:
        unit_id = unit.pk if isinstance(unit, Unit) else unit
        rows = rows.filter(Q(unit_id=unit_id) | Q(person_unit_id=unit_id))
    if grantor:
        rows = _grantor(rows, grantor)
    return rows.select_related("decision", "unit", "person", "person_unit", "revocation").order_by(
        "-decision__date", "-year", "name_folded", "id"
    )


def _grantor(rows: QuerySet[Awardee], grantor: str) -> QuerySet[Awardee]:
    # Grantors are few per organizer: fold them in Python rather than keeping another folded column.
    wanted = fold(grantor)
    names = set(rows.values_list("decision__grantor", flat=True))
    return rows.filter(decision__grantor__in=[name for name in names if wanted in fold(name)])
