"""Past decisions brought in from an office's own lists (the historical registry, back to 2003): a Decision
marked with the file it came from and its Awardee rows, the same rows the engine reads for decisions made in
thidua (subjects.py). Each function runs in its transaction and writes its audit row (STYLE.md 2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.audit import Actor, record, record_many
from thidua.organisations.models import Organizer, Unit
from thidua.registry.actions import proposals as services
from thidua.registry.models import Awardee, Decision, Person


@transaction.atomic
def record_past_decision(
    *,
    organizer: Organizer,
    number: str,
    date: dt.date,
    grantor: str,
    signer: str,
    award: str,
    award_name: str,
    source_file: str,
    by: Actor,
) -> Decision:
    """A decision signed before thidua kept the registry, as the office's list has it, under the regime in
    force on its date."""
    decision = services.open_decision(
        organizer=organizer,
        number=number,
        date=date,
        signer=signer,
        grantor=grantor,
        award=award,
        award_name=award_name,
        imported_from=source_file,
    )
    record(
        by,
        "registry.decision.import",
        decision,
        number=decision.number,
        date=date.isoformat(),
        award=award,
        award_name=award_name,
        source_file=source_file,
    )
    return decision


@dataclass(frozen=True)
class PastDecision:
    """record_past_decision's arguments for one of many (record_past_decisions)."""

    number: str
    date: dt.date
    grantor: str
    signer: str
    award: str
    award_name: str


@transaction.atomic
def record_past_decisions(
    organizer: Organizer, decisions: Sequence[PastDecision], *, source_file: str, by: Actor
) -> list[Decision]:
    """record_past_decision for many decisions at once (a large import): the same rows and audit rows, their
    verification codes drawn together and the rows written together."""
    if not decisions:
        return []
    numbers = [d.number.strip() for d in decisions]
    taken = Decision.objects.filter(organizer=organizer, issuing_unit__isnull=True, number__in=numbers)
    for number in taken.values_list("number", flat=True)[:1]:
        raise ValidationError({"number": _("Decision number {number} already exists.").format(number=number)})
    made = [
        services.new_decision(
            organizer=organizer,
            code=code,
            number=d.number,
            date=d.date,
            signer=d.signer,
            grantor=d.grantor,
            award=d.award,
            award_name=d.award_name,
            imported_from=source_file,
        )
        for d, code in zip(decisions, services.unused_codes(len(decisions)), strict=True)
    ]
    Decision.objects.bulk_create(made, batch_size=2000)
    record_many(
        by,
        "registry.decision.import",
        (
            (
                decision,
                {
                    "number": decision.number,
                    "date": decision.date.isoformat(),
                    "award": decision.award,
                    "award_name": decision.award_name,
                    "source_file": source_file,
                },
            )
            for decision in made
        ),
    )
    return made


def awardees_import_data(decision: Decision, codes: list[str]) -> dict[str, Any]:
    """The audit data of the awardees an import added to `decision`, by their verification codes in the
    order of the file (registry.awardee.import): one writer for add_past_awardees and the staged import's
    batch (actions/staged.py)."""
    return {
        "decision": decision.number,
        "count": len(codes),
        "codes": codes,
        "source_file": decision.imported_from,
    }


@transaction.atomic
def add_past_awardees(entries: Sequence[services.OnRecord], *, by: Actor) -> int:
    """Many awardees of past decisions at once (a large import), written at the database's speed: one audit
    row per decision, naming how many awardees it gained and their verification codes."""
    awardees = services.put_many_on_record(entries)
    gained: dict[int, list[str]] = {}
    for awardee in awardees:
        gained.setdefault(awardee["decision_id"], []).append(awardee["code"])
    decisions = {entry.decision.pk: entry.decision for entry in entries}
    record_many(
        by,
        "registry.awardee.import",
        ((decisions[pk], awardees_import_data(decisions[pk], codes)) for pk, codes in gained.items()),
    )
    return len(awardees)


@transaction.atomic
def add_past_awardee(
    decision: Decision,
    *,
    year: int,
    name: str,
    unit: Unit | None = None,
    person: Person | None = None,
    by: Actor,
) -> Awardee:
    """One awardee of a past decision. No bonus is worked out: the list does not say what was paid."""
    awardee = services.put_on_record(decision, year=year, name=name, unit=unit, person=person, pay=False)
    record(
        by,
        "registry.awardee.import",
        awardee,
        decision=decision.number,
        year=year,
        name=name,
        source_file=decision.imported_from,
    )
    return awardee
