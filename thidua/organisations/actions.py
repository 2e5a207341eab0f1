"""The board's set-up of its organizer: units with their dated lineage, clusters and blocks (STYLE.md 2).

Each function runs in one transaction, checks everything first with organisations.checks (the exchange
file's checks), refuses bad input with a Vietnamese ValidationError keyed by the field it names (changing
nothing), writes one audit row and returns the object. A unit keeps its code for life; its history is
added to, never rewritten. A second submit of the same form is refused by the same checks (the code is
taken, the event is already there), so nothing is created twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.audit import Actor, record
from thidua.core.concurrency import refuse_if_changed
from thidua.organisations.checks import (
    checked_cluster_kind,
    checked_date,
    checked_kind,
    checked_share,
    checked_text,
    lineage_problem,
)
from thidua.organisations.models import AwardTier, Cluster, Organizer, Unit, UnitEvent

CODE = gettext_lazy("the code")
NAME = gettext_lazy("the name")
SHORT = gettext_lazy("the short name")


def _unit_fields(
    organizer: Organizer,
    unit: Unit | None,
    *,
    name: str,
    short_name: str,
    female_share: Decimal | None,
    parent: Unit | None,
) -> tuple[str, str, Decimal | None]:
    name = checked_text("name", NAME, name)
    short_name = checked_text("short_name", SHORT, short_name, required=False)
    share = checked_share(female_share)
    if parent is not None:
        if parent.organizer_id != organizer.pk:
            raise ValidationError({"parent": _("The parent unit must belong to the same organizer.")})
        candidate = unit or Unit(organizer=organizer)
        candidate.parent = parent
        candidate.clean()  # the model's one rule for a sub-unit (one level, never itself)
    return name, short_name, share


@transaction.atomic
def create_unit(
    organizer: Organizer,
    *,
    code: str,
    name: str,
    short_name: str = "",
    female_share: Decimal | None = None,
    parent: Unit | None = None,
    by: Actor,
) -> Unit:
    """A new unit of `organizer`; its code is its own for life."""
    organizer = Organizer.objects.select_for_update().get(pk=organizer.pk)
    code = checked_text("code", CODE, code, code=True)
    name, short_name, share = _unit_fields(
        organizer, None, name=name, short_name=short_name, female_share=female_share, parent=parent
    )
    if Unit.objects.filter(organizer=organizer, code=code).exists():
        raise ValidationError(
            {"code": _("Code «{code}» is already used for another unit.").format(code=code)}, code="taken"
        )
    unit = Unit.objects.create(
        organizer=organizer, code=code, name=name, short_name=short_name, female_share=share, parent=parent
    )
    record(by, "unit.create", unit, code=code, name=name, parent=parent.code if parent else None)
    return unit


@transaction.atomic
def update_unit(
    unit: Unit,
    *,
    name: str,
    short_name: str,
    female_share: Decimal | None,
    parent: Unit | None,
    by: Actor,
    seen: str | None = None,
) -> Unit:
    """Correct a unit's names, female share or parent. A real change of name is a rename in its history
    (add_unit_event), not a correction. `seen`: the version the form was opened at (core.concurrency)."""
    unit = Unit.objects.select_for_update().select_related("organizer").get(pk=unit.pk)
    refuse_if_changed(unit, seen)
    name, short_name, share = _unit_fields(
        unit.organizer, unit, name=name, short_name=short_name, female_share=female_share, parent=parent
    )
    before = {"name": unit.name, "short_name": unit.short_name, "female_share": str(unit.female_share)}
    unit.name, unit.short_name, unit.female_share, unit.parent = name, short_name, share, parent
    unit.save(update_fields=["name", "short_name", "female_share", "parent"])
    record(
        by,
        "unit.update",
        unit,
        before=before,
        name=name,
        short_name=short_name,
        female_share=str(share),
        parent=parent.code if parent else None,
    )
    return unit


@transaction.atomic
def add_unit_event(
    unit: Unit,
    *,
    kind: str,
    other: Unit | None,
    date: datetime.date | None,
    by: Actor,
    seen: str | None = None,
) -> UnitEvent:
    """One dated lineage event: the unit was renamed to, merged into or split from `other`."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    refuse_if_changed(unit, seen)
    kind = checked_kind(kind, UnitEvent.Kind.values)
    if other is None:
        raise ValidationError({"other": _("Choose the related unit.")}, code="required")
    if other.organizer_id != unit.organizer_id:
        raise ValidationError({"other": _("The related unit must belong to the same organizer.")})
    date = checked_date(date)
    known = [(e.kind, e.other.code, e.date) for e in unit.events.select_related("other")]
    problem = lineage_problem(unit.code, kind, other.code, date, known)
    if problem is not None:
        raise ValidationError({"other": problem}, code="lineage")
    event = UnitEvent.objects.create(unit=unit, kind=kind, other=other, date=date)
    record(by, "unit.event", unit, kind=kind, other=other.code, date=date.isoformat())
    return event


@transaction.atomic
def dissolve_unit(unit: Unit, *, date: datetime.date | None, by: Actor, seen: str | None = None) -> Unit:
    """The unit was dissolved (giải thể) on `date` without a successor; its history stays."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    refuse_if_changed(unit, seen)
    date = checked_date(date)
    if unit.dissolved_on is not None:
        raise ValidationError(
            {
                "date": _("The unit was already dissolved on {date}.").format(
                    date=f"{unit.dissolved_on:%d/%m/%Y}"
                )
            },
            code="dissolved",
        )
    unit.dissolved_on = date
    unit.save(update_fields=["dissolved_on"])
    record(by, "unit.dissolve", unit, date=date.isoformat())
    return unit


def _tiers(organizer: Organizer, tiers: Sequence[AwardTier]) -> list[AwardTier]:
    strangers = [tier for tier in tiers if tier.organizer_id != organizer.pk]
    if strangers:
        raise ValidationError({"award_tiers": _("These awards are not in the organizer's catalogue.")})
    return list(dict.fromkeys(tiers))


@transaction.atomic
def create_cluster(
    organizer: Organizer,
    *,
    code: str,
    kind: str,
    name: str,
    award_tiers: Sequence[AwardTier] = (),
    by: Actor,
) -> Cluster:
    """A new cluster or block of `organizer`; its years are added on its own page (a new year)."""
    organizer = Organizer.objects.select_for_update().get(pk=organizer.pk)
    code = checked_text("code", CODE, code, code=True)
    kind = checked_cluster_kind(kind)
    name = checked_text("name", NAME, name)
    tiers = _tiers(organizer, award_tiers)
    if Cluster.objects.filter(organizer=organizer, code=code).exists():
        raise ValidationError(
            {"code": _("The code «{code}» is already used by another cluster or block.").format(code=code)},
            code="taken",
        )
    cluster = Cluster.objects.create(organizer=organizer, code=code, kind=kind, name=name)
    cluster.award_tiers.set(tiers)
    record(by, "cluster.create", cluster, code=code, kind=kind, name=name, awards=[t.code for t in tiers])
    return cluster


@transaction.atomic
def update_cluster(
    cluster: Cluster,
    *,
    kind: str,
    name: str,
    award_tiers: Sequence[AwardTier],
    by: Actor,
    seen: str | None = None,
) -> Cluster:
    """A cluster's kind, name and the awards it may propose; its code and years stay."""
    cluster = Cluster.objects.select_for_update().select_related("organizer").get(pk=cluster.pk)
    refuse_if_changed(cluster, seen)
    kind = checked_cluster_kind(kind)
    name = checked_text("name", NAME, name)
    tiers = _tiers(cluster.organizer, award_tiers)
    before = {"kind": cluster.kind, "name": cluster.name}
    cluster.kind, cluster.name = kind, name
    cluster.save(update_fields=["kind", "name"])
    cluster.award_tiers.set(tiers)
    record(by, "cluster.update", cluster, before=before, kind=kind, name=name, awards=[t.code for t in tiers])
    return cluster
