"""The eligibility case file (ELIGIBILITY.md, format 1): read strictly, with the line of every value.

The YAML is composed into nodes so each value keeps its line. Every problem is collected (not just the
first) and raised together as CaseFileInvalid, each as "FILE:LINE: <Vietnamese> / <English>". An absent
key stays None (unknown); nothing is filled in.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import yaml
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from thidua.awards.catalogue import (
    AWARDS,
    DISCIPLINE_LEVELS,
    EVENT_KINDS,
    HOLD_KINDS,
    INITIATIVE_LEVELS,
    PERSON,
    RATINGS,
    UNIT,
)
from thidua.awards.engine import LINEAGES, Verdict, evaluate
from thidua.awards.facts import Event, Hold, Initiative, Subject, YearRecord
from thidua.awards.wording import vi_en
from thidua.core.text import clean_text, printable
from thidua.core.yamlfile import YamlRefused, compose

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TOP_KEYS = {"format", "province", "lineage", "subjects", "queries"}
SUBJECT_KEYS = {
    PERSON: {"code", "kind", "name", "sex", "direct_labourer", "years", "holds", "events"},
    UNIT: {"code", "kind", "name", "female_share", "years", "holds", "events"},
}
YEAR_KEYS = {
    "rating",
    "titles",
    "initiatives",
    "staff",
    "staff_completed",
    "staff_titles",
    "staff_disciplined_warning_or_above",
    "cluster_place",
}
INITIATIVE_KEYS = {"id", "level", "used_for"}
HOLD_KEYS = {"kind", "level", "from", "to"}
EVENT_KEYS = {"kind", "other", "date"}
QUERY_KEYS = {"subject", "award", "year", "decided_on"}
SEXES = ("female", "male")
# About 0.4 ms of the engine each (a 33,000-query file took 12 s of CPU): at most about a second a file.
MAX_QUERIES = 2000


@dataclass(frozen=True)
class Query:
    subject: str
    award: str
    year: int
    decided_on: date | None
    line: int


@dataclass(frozen=True)
class CaseFile:
    province: str | None
    lineage: str
    subjects: Mapping[str, Subject]
    queries: tuple[Query, ...]


class CaseFileInvalid(Exception):
    """A case file that cannot be answered; `errors` holds every problem found, each naming its line."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


def read_case_file(path: Path) -> CaseFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CaseFileInvalid([_said(f"{path}", _("cannot read the file ({error})"), error=error)]) from None
    return parse_case_file(text, str(path))


def parse_case_file(text: str, filename: str) -> CaseFile:
    try:
        root = compose(text)[1]
    except YamlRefused as refused:
        raise CaseFileInvalid([_said(f"{filename}:{refused.line}", refused.message)]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        raise CaseFileInvalid(
            [_said(f"{filename}:{line}", _("invalid YAML ({problem})"), problem=problem)]
        ) from None
    reader = _Reader(filename)
    case_file = reader.read(root)
    if reader.errors or case_file is None:
        raise CaseFileInvalid(sorted(reader.errors, key=_line_of))
    return case_file


def answer(case_file: CaseFile) -> list[Verdict]:
    """The verdict of every query of the file, in order."""
    return [
        evaluate(
            case_file.subjects[query.subject],
            query.award,
            query.year,
            decided_on=query.decided_on,
            province=case_file.province,
            lineage=case_file.lineage,
            subjects_by_code=case_file.subjects,
        )
        for query in case_file.queries
    ]


def _said(where: str, message: StrOrPromise, /, **values: Any) -> str:
    """ "WHERE: <Vietnamese> / <English>" of one message."""
    vi, en = vi_en(format_lazy(message, **values))
    return printable(f"{where}: {vi} / {en}")


def _line_of(error: str) -> int:
    # "FILE:LINE: …": report the errors in the order of the file.
    parts = error.split(":", 2)
    return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else 0


def _line(node: Node) -> int:
    return node.start_mark.line + 1


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _Reader:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.errors: list[str] = []

    def error(self, node: Node | None, message: StrOrPromise, /, **values: Any) -> None:
        line = _line(node) if node is not None else 1
        self.errors.append(_said(f"{self.filename}:{line}", message, **values))

    # --- structure -----------------------------------------------------------------------------------------

    def mapping(
        self, node: Node, allowed: set[str], required: tuple[str, ...], where: StrOrPromise
    ) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.error(node, _("{where} must be a mapping"), where=where)
            return None
        found: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node)
            if not isinstance(key, str) or key not in allowed:
                known = ", ".join(sorted(allowed))
                self.error(
                    key_node,
                    _("unknown key '{key}' in {where} (allowed: {known})"),
                    key=key,
                    where=where,
                    known=known,
                )
            elif key in found:
                self.error(key_node, _("duplicate key '{key}' in {where}"), key=key, where=where)
            else:
                found[key] = value_node
        for key in required:
            if key not in found:
                self.error(node, _("missing required key '{key}' in {where}"), key=key, where=where)
        return found

    def sequence(self, node: Node, where: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.error(node, _("{where} must be a list"), where=where)
            return []
        return list(node.value)

    def scalar(self, node: Node) -> Any:
        if not isinstance(node, ScalarNode):
            return node
        try:
            return _CONSTRUCTOR.construct_object(node)
        except (ValueError, yaml.constructor.ConstructorError):
            return _Unreadable(node.value)

    # --- values --------------------------------------------------------------------------------------------

    def text(self, node: Node, where: str) -> str | None:
        value = self.scalar(node)
        if isinstance(value, str | int) and not isinstance(value, bool | _Unreadable) and str(value).strip():
            text, problem = clean_text(str(value))
            if problem is None:
                return text
            self.error(node, _("'{where}' {problem}"), where=where, problem=problem)
            return None
        self.error(node, _("{where} must be a non-empty string"), where=where)
        return None

    def integer(self, node: Node, where: StrOrPromise, low: int, high: int | None = None) -> int | None:
        value = self.scalar(node)
        whole = isinstance(value, int) and not isinstance(value, bool)
        if whole and low <= value and (high is None or value <= high):
            return value
        bound = f"{low}..{high}" if high is not None else f">= {low}"
        self.error(
            node,
            _("{where} must be an integer {bound}: '{value}'"),
            where=where,
            bound=bound,
            value=_shown(node),
        )
        return None

    def share(self, node: Node, where: str) -> float | None:
        value = self.scalar(node)
        if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1:
            return float(value)
        self.error(node, _("{where} must be a share from 0 to 1: '{value}'"), where=where, value=_shown(node))
        return None

    def boolean(self, node: Node, where: str) -> bool | None:
        value = self.scalar(node)
        if isinstance(value, bool):
            return value
        self.error(node, _("{where} must be true or false: '{value}'"), where=where, value=_shown(node))
        return None

    def choice(self, node: Node, where: str, allowed: tuple[str, ...]) -> str | None:
        value = self.scalar(node)
        if isinstance(value, str) and value in allowed:
            return value
        options = " | ".join(allowed)
        self.error(
            node,
            _("{where} must be one of {options}, not '{value}'"),
            where=where,
            options=options,
            value=_shown(node),
        )
        return None

    def day(self, node: Node, where: str) -> date | None:
        value = self.scalar(node)
        if isinstance(value, str) and not isinstance(value, _Unreadable):
            with contextlib.suppress(ValueError):
                value = date.fromisoformat(value)
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
        self.error(
            node, _("{where} is not a valid date (YYYY-MM-DD): '{value}'"), where=where, value=_shown(node)
        )
        return None

    def award(self, node: Node, where: str) -> str | None:
        value = self.scalar(node)
        if isinstance(value, str) and value in AWARDS:
            return value
        self.error(node, _("unknown award code '{value}' ({where})"), value=_shown(node), where=where)
        return None

    # --- the file ------------------------------------------------------------------------------------------

    def read(self, root: Node | None) -> CaseFile | None:
        if root is None:
            self.error(None, _("the file is empty"))
            return None
        top = self.mapping(root, TOP_KEYS, ("format",), _("file"))
        if top is None:
            return None
        if "format" in top and self.scalar(top["format"]) != 1:
            self.error(top["format"], _("only format: 1 is supported"))
        province = self.text(top["province"], "province") if "province" in top else None
        lineage = self.choice(top["lineage"], "lineage", LINEAGES) if "lineage" in top else "inherit"
        subjects: dict[str, Subject] = {}
        pending: list[tuple[str, list[Node]]] = []
        for node in self.sequence(top["subjects"], "subjects") if "subjects" in top else []:
            subject, events = self.subject(node, subjects)
            if subject is not None:
                subjects[subject.code] = subject
                pending.append((subject.code, events))
        self.check_events(pending, subjects)
        query_nodes = (self.sequence(top["queries"], "queries") or []) if "queries" in top else []
        if len(query_nodes) > MAX_QUERIES:
            # Each query costs the law engine's time: a file is answered in about a second at most.
            self.error(
                top["queries"],
                _("the file asks {count} queries; at most {most} are answered at once: split the file"),
                count=len(query_nodes),
                most=MAX_QUERIES,
            )
            return None
        queries = [query for node in query_nodes if (query := self.query(node, subjects)) is not None]
        return CaseFile(province, lineage or "inherit", MappingProxyType(subjects), tuple(queries))

    def subject(self, node: Node, seen: Mapping[str, Subject]) -> tuple[Subject | None, list[Node]]:
        kind_node = _child(node, "kind")
        kind = self.choice(kind_node, "kind", (PERSON, UNIT)) if kind_node is not None else None
        allowed = SUBJECT_KEYS.get(kind or "", SUBJECT_KEYS[PERSON] | SUBJECT_KEYS[UNIT])
        keys = self.mapping(node, allowed, ("code", "kind"), "subjects[]")
        if keys is None or "code" not in keys:
            return None, []
        code = self.text(keys["code"], "code")
        if code is not None and code in seen:
            self.error(keys["code"], _("subject code '{code}' appears twice"), code=code)
            code = None
        values = {
            "name": self.optional(keys, "name", lambda n: self.text(n, "name")),
            "sex": self.optional(keys, "sex", lambda n: self.choice(n, "sex", SEXES)),
            "direct_labourer": self.optional(
                keys, "direct_labourer", lambda n: self.boolean(n, "direct_labourer")
            ),
            "female_share": self.optional(keys, "female_share", lambda n: self.share(n, "female_share")),
        }
        years = self.years(keys["years"]) if "years" in keys else {}
        holds = self.holds(keys["holds"]) if "holds" in keys else None
        events = self.sequence(keys["events"], "events") if "events" in keys else []
        if code is None or kind is None:
            return None, []
        subject = Subject(code, kind, years=MappingProxyType(years), holds=holds, **values)
        return subject, events

    def optional(self, keys: dict[str, Node], key: str, read: Callable[[Node], Any]) -> Any:
        return read(keys[key]) if key in keys else None

    def years(self, node: Node) -> dict[int, YearRecord]:
        if not isinstance(node, MappingNode):
            self.error(node, _("years must be a mapping of year: record"))
            return {}
        records: dict[int, YearRecord] = {}
        for key_node, value_node in node.value:
            year = self.integer(key_node, pgettext_lazy("a key of the case file", "year"), 1945, 2100)
            record = self.year_record(value_node, year)
            if year is not None and year in records:
                self.error(key_node, _("year {year} appears twice"), year=year)
            elif year is not None and record is not None:
                records[year] = record
        return records

    def year_record(self, node: Node, year: int | None) -> YearRecord | None:
        keys = self.mapping(node, YEAR_KEYS, (), f"years.{year}")
        if keys is None:
            return None
        staff = self.optional(keys, "staff", lambda n: self.integer(n, "staff", 1))
        cap = staff if staff is not None else None

        def count(name: str) -> Callable[[Node], int | None]:
            return lambda n: self.integer(n, name, 0, cap)

        return YearRecord(
            rating=self.optional(keys, "rating", lambda n: self.choice(n, "rating", RATINGS)),
            titles=self.optional(keys, "titles", self.titles),
            initiatives=self.optional(keys, "initiatives", self.initiatives),
            staff=staff,
            staff_completed=self.optional(keys, "staff_completed", count("staff_completed")),
            staff_titles=self.optional(keys, "staff_titles", lambda n: self.staff_titles(n, cap)),
            staff_disciplined_warning_or_above=self.optional(
                keys, "staff_disciplined_warning_or_above", count("staff_disciplined_warning_or_above")
            ),
            cluster_place=self.optional(keys, "cluster_place", lambda n: self.integer(n, "cluster_place", 1)),
        )

    def titles(self, node: Node) -> tuple[str, ...]:
        return tuple(code for n in self.sequence(node, "titles") if (code := self.award(n, "titles")))

    def staff_titles(self, node: Node, cap: int | None) -> Mapping[str, int]:
        if not isinstance(node, MappingNode):
            self.error(node, _("staff_titles must be a mapping code: count"))
            return MappingProxyType({})
        counts: dict[str, int] = {}
        for key_node, value_node in node.value:
            code = self.award(key_node, "staff_titles")
            number = self.integer(value_node, f"staff_titles.{code}", 0, cap)
            if code is not None and number is not None:
                counts[code] = number
        return MappingProxyType(counts)

    def initiatives(self, node: Node) -> tuple[Initiative, ...]:
        found = []
        for index, item in enumerate(self.sequence(node, "initiatives"), start=1):
            keys = self.mapping(item, INITIATIVE_KEYS, (), "initiatives[]")
            if keys is None:
                continue
            found.append(
                Initiative(
                    # An initiative without an id is still one initiative; its place in the list names it.
                    id=self.optional(keys, "id", lambda n: self.text(n, "id")) or f"#{index}",
                    level=self.optional(keys, "level", lambda n: self.choice(n, "level", INITIATIVE_LEVELS)),
                    used_for=self.optional(keys, "used_for", lambda n: self.award(n, "used_for")),
                )
            )
        return tuple(found)

    def holds(self, node: Node) -> tuple[Hold, ...]:
        found = []
        for item in self.sequence(node, "holds"):
            keys = self.mapping(item, HOLD_KEYS, ("kind",), "holds[]")
            if keys is None or "kind" not in keys:
                continue
            kind = self.choice(keys["kind"], "kind", HOLD_KINDS)
            level = self.optional(keys, "level", lambda n: self.choice(n, "level", DISCIPLINE_LEVELS))
            start = self.optional(keys, "from", lambda n: self.day(n, "from"))
            end = self.optional(keys, "to", lambda n: self.day(n, "to"))
            if start and end and end < start:
                self.error(keys["to"], _("'to' is before 'from'"))
            if kind is not None:
                found.append(Hold(kind, start, end, level))
        return tuple(found)

    def check_events(self, pending: list[tuple[str, list[Node]]], subjects: dict[str, Subject]) -> None:
        """Events name other subjects, so they are read once every subject is known."""
        for code, items in pending:
            events = []
            for item in items:
                keys = self.mapping(item, EVENT_KEYS, ("kind", "other", "date"), "events[]")
                if keys is None or not {"kind", "other", "date"} <= keys.keys():
                    continue
                kind = self.choice(keys["kind"], "kind", EVENT_KINDS)
                other = self.text(keys["other"], "other")
                # `other` may be a unit the file does not describe (the body a unit merged into, say):
                # the contract's own example names one. Chains read only the subjects on file.
                day = self.day(keys["date"], "date")
                if kind and other and day:
                    events.append(Event(kind, other, day))
            if events:
                subjects[code] = replace(subjects[code], events=tuple(events))

    def query(self, node: Node, subjects: Mapping[str, Subject]) -> Query | None:
        keys = self.mapping(node, QUERY_KEYS, ("subject", "award", "year"), "queries[]")
        if keys is None or not {"subject", "award", "year"} <= keys.keys():
            return None
        code = self.text(keys["subject"], "subject")
        if code is not None and code not in subjects:
            self.error(keys["subject"], _("unknown subject code '{code}'"), code=code)
            code = None
        award = self.award(keys["award"], "award")
        year = self.integer(keys["year"], "year", 1945, 2100)
        decided_on = self.optional(keys, "decided_on", lambda n: self.day(n, "decided_on"))
        if code is None or award is None or year is None:
            return None
        kind = subjects[code].kind
        if kind not in AWARDS[award].subjects:
            given = _("{award} is not given to a person ({code})")
            if kind != PERSON:
                given = _("{award} is not given to a unit ({code})")
            self.error(keys["award"], given, award=award, code=code)
            return None
        if "decided_on" in keys and decided_on is None:
            return None
        return Query(code, award, year, decided_on, _line(node))


class _Unreadable(str):
    """A scalar YAML could not construct (e.g. 2024-02-30): kept as text so the error can quote it."""


def _child(node: Node, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return value_node
    return None


def _shown(node: Node) -> str:
    return str(node.value) if isinstance(node, ScalarNode) else type(node).__name__
