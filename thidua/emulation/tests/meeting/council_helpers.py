"""Building a council and the registry proposals before it, through the registry's own services."""

from __future__ import annotations

from datetime import date

from thidua.organisations.models import Organizer
from thidua.registry.actions import proposals as registry
from thidua.registry.actions.council import MemberEntry, create_council
from thidua.registry.models import AwardProposal, Council, Person
from thidua.testing import factories
from thidua.testing.proposals import clear_the_gate


def person(organizer: Organizer, name: str = "Hoàng Thị Duyên") -> Person:
    return Person.objects.create(organizer=organizer, code=f"P{Person.objects.count() + 1}", name=name)


def at_council(organizer: Organizer, award: str, year: int, *, person: Person | None = None) -> AwardProposal:
    """A proposal taken from draft to the council: dossier complete, submitted, accepted, sent."""
    unit = factories.UnitFactory(organizer=organizer)
    proposal = registry.propose(
        organizer=organizer,
        award=award,
        year=year,
        proposed_by=unit,
        unit=None if person else unit,
        person=person,
        by="đơn vị",
    )
    registry.provide_documents(proposal, proposal.dossier.values_list("code", flat=True), by="đơn vị")
    registry.submit(proposal, by="đơn vị", on=date(year + 1, 1, 10))
    registry.accept(clear_the_gate(proposal), by="Ban Thi đua – Khen thưởng")
    return registry.send_to_council(proposal, by="Ban Thi đua – Khen thưởng")


def council_of(organizer: Organizer, on: date, present: int, absent: int, year: int = 2024) -> Council:
    members = [MemberEntry(f"Thành viên {i}", "Ủy viên") for i in range(present)]
    members += [MemberEntry(f"Thành viên vắng {i}", "Ủy viên", present=False) for i in range(absent)]
    return create_council(organizer, year, members=members, on=on, by="Ban Thi đua – Khen thưởng")


def votes_for(council: Council, *, agree_present: int, agree_written: int = 0) -> dict[int, bool | None]:
    """The first `agree_present` present members agree, the others present disagree; the first
    `agree_written` absent members agree in writing, the other absent members send nothing."""
    votes: dict[int, bool | None] = {}
    present = list(council.members.filter(present=True))
    absent = list(council.members.filter(present=False))
    for n, member in enumerate(present):
        votes[member.pk] = n < agree_present
    for n, member in enumerate(absent):
        votes[member.pk] = True if n < agree_written else None
    return votes
