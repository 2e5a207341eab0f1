"""Read and check an exchange file (FORMAT.md): every problem is reported with its line, nothing is guessed.

The YAML is composed into nodes (not loaded into plain values) so each value keeps the line it came from.
All errors of a file are collected before raising, so a user fixes a file in one pass.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from yaml.nodes import Node, SequenceNode

from thidua.core.text import CODE_LENGTH
from thidua.core.yamlfile import YamlRefused, compose
from thidua.emulation.models import Method, Rating, Review, TieBreak
from thidua.exchange.data import (
    AwardData,
    Choices,
    ClusterData,
    ExchangeData,
    NextData,
    OrganizerData,
    ReviewData,
    RulesData,
    UnitData,
    UnitEventData,
    YearData,
)
from thidua.exchange.errors import ExchangeError, ExchangeFileInvalid
from thidua.exchange.nodes import NodeChecker, all_read, child
from thidua.organisations.checks import SHARE_HIGH, SHARE_LOW, SHARE_PLACES, lineage_problem
from thidua.organisations.models import AwardTier, Cluster, UnitEvent

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = ["ExchangeData", "parse_exchange", "read_exchange_file"]

T = TypeVar("T")

DECIDED_BY = ("vote", "acclamation", "decision")
MAX_DEPUTIES = 2
# One ballot per delegate present: far more than any cluster's meeting, and a bound on an import's work.
MAX_BALLOTS = 1000

TOP_KEYS = {"format", "source", "organizer", "awards", "units", "cluster", "years"}
TOP_REQUIRED = {"format", "organizer", "awards", "units", "cluster", "years"}
ORGANIZER_KEYS = {"name", "short", "province", "standing_body"}
AWARD_KEYS = {"code", "name", "grantor", "subject", "catalog"}
UNIT_KEYS = {"code", "name", "short", "female_share", "events"}
EVENT_KEYS = {"kind", "other", "date"}
CLUSTER_KEYS = {"code", "kind", "name", "rules"}
RULES_KEYS = {"method", "quotas", "min_approval", "tie_break", "exclusive"}
YEAR_KEYS = {
    "year",
    "members",
    "head",
    "deputies",
    "host",
    "review",
    "scores",
    "ratings",
    "ranking",
    "ballots",
    "outcome",
    "unnamed",
    "status",
    "next",
    "pact_signed",
}
REVIEW_KEYS = {"date", "place", "chair", "board_representative", "present"}
NEXT_KEYS = {"head", "deputies", "decided_by"}


def read_exchange_file(path: Path) -> ExchangeData:
    """Read and check the file at `path`; raise ExchangeFileInvalid listing every problem."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _single(name, None, _("file not found")) from None
    except UnicodeDecodeError:
        raise _single(name, None, _("the file is not UTF-8 text")) from None
    except OSError as error:
        raise _single(name, None, _("cannot read the file ({error})"), error=error.strerror) from None
    return parse_exchange(text, name)


def parse_exchange(text: str, filename: str) -> ExchangeData:
    """Check `text` (e.g. an upload) as an exchange file named `filename` in messages."""
    try:
        loader, root = compose(text)
    except YamlRefused as refused:
        raise _single(filename, refused.line, refused.message) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(part for part in (error.context, error.problem) if part)
        line = mark.line + 1 if mark else None
        raise _single(filename, line, _("YAML syntax error: {problem}"), problem=problem) from None
    except yaml.YAMLError as error:
        raise _single(filename, None, _("YAML error: {error}"), error=error) from None
    if root is None:
        raise _single(filename, 1, _("the file is empty"))
    reader = _Reader(loader, filename)
    data = reader.file(root)
    if reader.errors or data is None:
        raise ExchangeFileInvalid(sorted(reader.errors, key=lambda e: e.line or 0))
    return data


def _single(file: str, line: int | None, message: StrOrPromise, /, **values: Any) -> ExchangeFileInvalid:
    return ExchangeFileInvalid([ExchangeError.said(file, line, message, **values)])


class _Reader(NodeChecker):
    """One pass over the file's sections, in the order references need them."""

    def file(self, root: Node) -> ExchangeData | None:
        top = self.mapping(
            root, pgettext_lazy("the whole exchange file, where an error is", "file"), TOP_KEYS, TOP_REQUIRED
        )
        if top is None:
            return None
        version = self.integer(top["format"], "format") if "format" in top else None
        if version is not None and version != 1:
            self.error(
                top["format"],
                _("only format 1 is supported (the file says format: {version})"),
                version=version,
            )
        source = self.text(top.get("source"), "source", None)
        organizer = self.organizer(top["organizer"]) if "organizer" in top else None
        awards = self.listed(top.get("awards"), "awards", self.award_entry, "code", self.awards, _AWARD_TWICE)
        units = self.listed(top.get("units"), "units", self.unit_entry, "code", self.units, _UNIT_TWICE)
        units = self.check_events(top.get("units"), units)
        cluster = self.cluster(top["cluster"]) if "cluster" in top else None
        years = self.years(top["years"]) if "years" in top else None
        if None in (version, organizer, awards, units, cluster, years) or version != 1:
            return None
        assert organizer and awards is not None and units is not None and cluster and years is not None
        return ExchangeData(
            format=1,
            source=source,
            organizer=organizer,
            awards=tuple(awards),
            units=tuple(units),
            cluster=cluster,
            years=tuple(years),
            file=self.filename,
        )

    def listed(
        self,
        node: Node | None,
        where: str,
        entry: Callable[[Node, str], T | None],
        code_key: str,
        codes: set[str],
        twice: StrOrPromise,
    ) -> list[T] | None:
        """A list of coded entries (awards, units); every code goes into `codes` even if its entry is bad,
        so references to it are not reported a second time."""
        if node is None:
            return None
        items = self.sequence(node, where)
        if items is None:
            return None
        result: list[T] = []
        ok = True
        for index, item in enumerate(items):
            code_node = child(item, code_key)
            code = self.scalar(code_node) if code_node is not None else None
            if isinstance(code, str) and code in codes:
                self.error(code_node or item, twice, code=code)
                ok = False
                continue
            if isinstance(code, str):
                codes.add(code)
            value = entry(item, f"{where}[{index + 1}]")
            if value is None:
                ok = False
            else:
                result.append(value)
        return result if ok else None

    def organizer(self, node: Node) -> OrganizerData | None:
        keys = self.mapping(node, "organizer", ORGANIZER_KEYS, {"name"})
        if keys is None:
            return None
        name = self.text(keys.get("name"), "organizer.name")
        short = self.text(keys.get("short"), "organizer.short", 100)
        province = self.text(keys.get("province"), "organizer.province", 100)
        standing = self.text(keys.get("standing_body"), "organizer.standing_body")
        if name is None or not all_read(keys, short=short, province=province, standing_body=standing):
            return None
        return OrganizerData(name=name, short=short, province=province, standing_body=standing)

    def award_entry(self, node: Node, where: str) -> AwardData | None:
        keys = self.mapping(node, where, AWARD_KEYS, {"code", "name", "grantor"})
        if keys is None:
            return None
        code = self.text(keys.get("code"), f"{where}.code", CODE_LENGTH)
        name = self.text(keys.get("name"), f"{where}.name")
        grantor = self.text(keys.get("grantor"), f"{where}.grantor")
        subject = self.choice(keys.get("subject"), f"{where}.subject", AwardTier.Subject.values)
        catalog = self.text(keys.get("catalog"), f"{where}.catalog", CODE_LENGTH)
        if None in (code, name, grantor) or not all_read(keys, subject=subject, catalog=catalog):
            return None
        assert code and name and grantor
        return AwardData(
            code=code, name=name, grantor=grantor, subject=subject or "collective", catalog=catalog
        )

    def unit_entry(self, node: Node, where: str) -> UnitData | None:
        keys = self.mapping(node, where, UNIT_KEYS, {"code", "name"})
        if keys is None:
            return None
        code = self.text(keys.get("code"), f"{where}.code", CODE_LENGTH)
        name = self.text(keys.get("name"), f"{where}.name")
        short = self.text(keys.get("short"), f"{where}.short")
        share = self.decimal(
            keys.get("female_share"), f"{where}.female_share", SHARE_PLACES, SHARE_LOW, SHARE_HIGH
        )
        events = self.events(keys.get("events"), f"{where}.events", code)
        if code is None or name is None or not all_read(keys, short=short, female_share=share, events=events):
            return None
        line = node.start_mark.line + 1
        return UnitData(code=code, name=name, short=short, female_share=share, events=events, line=line)

    def events(self, node: Node | None, where: str, code: str | None) -> tuple[UnitEventData, ...] | None:
        if node is None:
            return None
        items = self.sequence(node, where)
        if items is None:
            return None
        events: list[UnitEventData] = []
        for index, item in enumerate(items):
            place = f"{where}[{index + 1}]"
            keys = self.mapping(item, place, EVENT_KEYS, EVENT_KEYS)
            if keys is None:
                continue
            kind = self.choice(keys.get("kind"), f"{place}.kind", UnitEvent.Kind.values)
            other = self.text(keys.get("other"), f"{place}.other")  # checked once every unit is known
            date = self.date(keys.get("date"), f"{place}.date")
            if not (kind and other and date):
                continue
            # The same lineage rules as the board's pages (organisations.checks).
            known = [(event.kind, event.other, event.date) for event in events]
            problem = lineage_problem(code or "", kind, other, date, known)
            if problem is not None:
                self.error(item, _("{where}: {problem}"), where=place, problem=problem)
                continue
            events.append(UnitEventData(kind=kind, other=other, date=date))
        return tuple(events) if len(events) == len(items) else None

    def check_events(self, node: Node | None, units: list[UnitData] | None) -> list[UnitData] | None:
        """Lineage may point at a unit listed further down, so `other` is checked after the whole list."""
        if not isinstance(node, SequenceNode):
            return units
        ok = units is not None
        for item in node.value:
            events = child(item, "events")
            if not isinstance(events, SequenceNode):
                continue
            for event in events.value:
                other = child(event, "other")
                value = self.scalar(other) if other is not None else None
                if isinstance(value, str) and value not in self.units:
                    self.unit(other, "events.other")
                    ok = False
        return units if ok else None

    def cluster(self, node: Node) -> ClusterData | None:
        keys = self.mapping(node, "cluster", CLUSTER_KEYS, CLUSTER_KEYS)
        if keys is None:
            return None
        code = self.text(keys.get("code"), "cluster.code", CODE_LENGTH)
        kind = self.choice(keys.get("kind"), "cluster.kind", Cluster.Kind.values)
        name = self.text(keys.get("name"), "cluster.name")
        rules = self.rules(keys["rules"]) if "rules" in keys else None
        if code is None or kind is None or name is None or rules is None:
            return None
        return ClusterData(code=code, kind=kind, name=name, rules=rules)

    def rules(self, node: Node) -> RulesData | None:
        keys = self.mapping(node, "cluster.rules", RULES_KEYS, {"method"})
        if keys is None:
            return None
        method = self.choice(keys.get("method"), "cluster.rules.method", Method.values)
        quotas = self.keyed(keys.get("quotas"), "cluster.rules.quotas", self.award, self.positive)
        approval = self.decimal(keys.get("min_approval"), "cluster.rules.min_approval", 3, 0, 1)
        tie_break = self.tie_break(keys.get("tie_break"))
        exclusive = (
            self.boolean(keys["exclusive"], "cluster.rules.exclusive") if "exclusive" in keys else None
        )
        if method is None or not all_read(
            keys, quotas=quotas, min_approval=approval, tie_break=tie_break, exclusive=exclusive
        ):
            return None
        defaults = RulesData(method=method)
        return RulesData(
            method=method,
            quotas=quotas if quotas is not None else {},
            min_approval=approval if approval is not None else defaults.min_approval,
            tie_break=tie_break if tie_break is not None else defaults.tie_break,
            exclusive=exclusive if exclusive is not None else defaults.exclusive,
        )

    def tie_break(self, node: Node | None) -> tuple[str, ...] | None:
        if node is None:
            return None
        items = self.sequence(node, "cluster.rules.tie_break")
        if items is None:
            return None
        values = [self.choice(item, "cluster.rules.tie_break", TieBreak.values) for item in items]
        return tuple(v for v in values if v) if all(values) else None

    def years(self, node: Node) -> list[YearData] | None:
        items = self.sequence(node, "years")
        if items is None:
            return None
        if not items:
            self.error(node, _("years needs at least one year"))
            return None
        seen: set[int] = set()
        years = []
        for index, item in enumerate(items):
            year = self.year(item, index)
            if year is not None and year.year in seen:
                self.error(item, _("year {year} is given twice"), year=year.year)
            elif year is not None:
                seen.add(year.year)
                years.append(year)
        return years if len(years) == len(items) else None

    def year(self, node: Node, index: int) -> YearData | None:
        year_node = child(node, "year")
        given = self.scalar(year_node) if year_node is not None else None
        label = given if isinstance(given, int) and not isinstance(given, bool) else f"#{index + 1}"
        keys = self.mapping(node, f"years[{label}]", YEAR_KEYS, {"year", "members"})
        if keys is None:
            return None
        number = self.integer(keys["year"], "year") if "year" in keys else None
        if number is not None and not 1945 <= number <= 2999:
            self.error(keys["year"], _("{year} is not a plausible year"), year=number)
            number = None
        where = f"years[{number if number is not None else f'#{index + 1}'}]"
        members = self.unit_list(keys.get("members"), f"{where}.members")
        roster = set(members or ())
        # Without a readable roster, membership cannot be judged; only the codes are checked then.
        on_roster = roster if members is not None else None
        head = self.unit(keys.get("head"), f"{where}.head")
        if (
            head is not None
            and on_roster is not None
            and not self.member(keys["head"], head, f"{where}.head", on_roster)
        ):
            head = None
        deputies = self.deputies(keys.get("deputies"), f"{where}.deputies", on_roster)
        host = self.unit(keys.get("host"), f"{where}.host")
        review = self.review(keys.get("review"), f"{where}.review", on_roster)
        scores = self.keyed(
            keys.get("scores"),
            f"{where}.scores",
            self.roster_key(on_roster),
            lambda n, w: self.decimal(n, w, 2, -999999, 999999),
        )
        ratings = self.keyed(
            keys.get("ratings"),
            f"{where}.ratings",
            self.roster_key(on_roster),
            lambda n, w: self.choice(n, w, Rating.values),
        )
        ranking = self.unit_list(keys.get("ranking"), f"{where}.ranking", on_roster)
        ballots = self.ballots(keys.get("ballots"), f"{where}.ballots")
        outcome = self.choices(keys["outcome"], f"{where}.outcome") if "outcome" in keys else None
        unnamed = self.keyed(keys.get("unnamed"), f"{where}.unnamed", self.award, self.positive)
        status = self.choice(keys.get("status"), f"{where}.status", Review.Status.values)
        following = self.next(keys.get("next"), f"{where}.next")
        pact = self.date(keys.get("pact_signed"), f"{where}.pact_signed")
        # Both may be given: the ballots give the published count, the outcome what the meeting decided
        # (FORMAT.md: with `outcome` given, the lists are taken as decided).
        values = dict(
            head=head,
            deputies=deputies,
            host=host,
            review=review,
            scores=scores,
            ratings=ratings,
            ranking=ranking,
            ballots=ballots,
            outcome=outcome,
            unnamed=unnamed,
            status=status,
            next=following,
            pact_signed=pact,
        )
        if number is None or members is None or not all_read(keys, **values):
            return None
        assert review is not None or "review" not in keys
        return YearData(
            year=number,
            members=members,
            head=head,
            deputies=deputies,
            host=host,
            review=review or ReviewData(),
            scores=scores or {},
            ratings=ratings or {},
            ranking=ranking or (),
            ballots=ballots,
            outcome=outcome,
            unnamed=unnamed or {},
            status=status or Review.Status.PROPOSED.value,
            next=following,
            pact_signed=pact,
            line=node.start_mark.line + 1,
        )

    def roster_key(self, roster: set[str] | None) -> Callable[[Node, str], str | None]:
        def key(node: Node, where: str) -> str | None:
            code = self.unit(node, where)
            if code is not None and roster is not None and not self.member(node, code, where, roster):
                return None
            return code

        return key

    def deputies(self, node: Node | None, where: str, roster: set[str] | None) -> tuple[str, ...] | None:
        codes = self.unit_list(node, where, roster)
        if codes is not None and len(codes) > MAX_DEPUTIES:
            assert node is not None
            self.error(node, _("at most two deputies ({where})"), where=where)
            return None
        return codes

    def review(self, node: Node | None, where: str, roster: set[str] | None) -> ReviewData | None:
        if node is None:
            return None
        keys = self.mapping(node, where, REVIEW_KEYS, set())
        if keys is None:
            return None
        review = ReviewData(
            date=self.date(keys.get("date"), f"{where}.date"),
            place=self.text(keys.get("place"), f"{where}.place"),
            chair=self.text(keys.get("chair"), f"{where}.chair"),
            board_representative=self.text(keys.get("board_representative"), f"{where}.board_representative"),
            present=self.unit_list(keys.get("present"), f"{where}.present", roster),
        )
        return review if all_read(keys, **vars(review)) else None

    def ballots(self, node: Node | None, where: str) -> tuple[Choices, ...] | None:
        if node is None:
            return None
        items = self.sequence(node, where)
        if items is None:
            return None
        if len(items) > MAX_BALLOTS:
            self.error(
                node,
                _("{where} lists {count} ballots; a year's meeting has at most {most}"),
                where=where,
                count=len(items),
                most=MAX_BALLOTS,
            )
            return None
        ballots = [self.choices(item, f"{where}[{index + 1}]") for index, item in enumerate(items)]
        return tuple(b for b in ballots if b is not None) if None not in ballots else None

    def next(self, node: Node | None, where: str) -> NextData | None:
        if node is None:
            return None
        keys = self.mapping(node, where, NEXT_KEYS, set())
        if keys is None:
            return None
        head = self.unit(keys.get("head"), f"{where}.head")
        deputies = self.deputies(keys.get("deputies"), f"{where}.deputies", None)
        decided_by = self.text(keys.get("decided_by"), f"{where}.decided_by")
        if decided_by is not None and decided_by.split(maxsplit=1)[0] not in DECIDED_BY:
            self.error(
                keys["decided_by"],
                _("'{where}.decided_by' must start with vote, acclamation or decision ('{decided_by}')"),
                where=where,
                decided_by=decided_by,
            )
            decided_by = None
        if not all_read(keys, head=head, deputies=deputies, decided_by=decided_by):
            return None
        return NextData(head=head, deputies=deputies, decided_by=decided_by)


_UNIT_TWICE = _("a unit named twice: '{code}'")
_AWARD_TWICE = _("an award named twice: '{code}'")
