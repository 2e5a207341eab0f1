"""Checking YAML nodes one value at a time, each error noted with its line (the reader's vocabulary).

Values are built from composed nodes rather than loaded, so every value still knows where it came from.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from thidua.core.text import CODE_LENGTH, NAME_LENGTH, clean_text
from thidua.exchange.data import Choices
from thidua.exchange.errors import ExchangeError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

T = TypeVar("T")

# The names of the value types a key may hold.
TEXT = pgettext_lazy("the type of a value", "text")
INTEGER = pgettext_lazy("the type of a value", "an integer")
NUMBER = pgettext_lazy("the type of a value", "a number")
LIST = pgettext_lazy("the type of a value", "a list")
MAPPING = pgettext_lazy("the type of a value", "a mapping")
BOOLEAN = pgettext_lazy("the type of a value", "true or false")


class NodeChecker:
    """Each method returns the checked value, or None after noting the errors; codes are checked against
    `units` and `awards`, which the reader fills from the file before any reference is read."""

    def __init__(self, loader: yaml.SafeLoader, filename: str) -> None:
        self.loader = loader
        self.filename = filename
        self.errors: list[ExchangeError] = []
        self.units: set[str] = set()
        self.awards: set[str] = set()

    def error(self, node: Node, message: StrOrPromise, /, **values: Any) -> None:
        self.errors.append(ExchangeError.said(self.filename, node.start_mark.line + 1, message, **values))

    # --- structure -------------------------------------------------------------------------------

    def mapping(
        self, node: Node, where: StrOrPromise, keys: set[str], required: set[str]
    ) -> dict[str, Node] | None:
        """The mapping's value nodes by key, after reporting unknown, repeated and missing keys."""
        if not isinstance(node, MappingNode):
            self.wrong_type(node, where, MAPPING)
            return None
        found: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node)
            if not isinstance(key, str) or key not in keys:
                self.error(key_node, _("unknown key '{key}' in {where}"), key=key, where=where)
            elif key in found:
                self.error(key_node, _("key '{key}' given twice in {where}"), key=key, where=where)
            else:
                found[key] = value_node
        for key in sorted(required - found.keys()):
            self.error(node, _("missing required key '{key}' in {where}"), key=key, where=where)
        return found

    def sequence(self, node: Node, where: StrOrPromise) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.wrong_type(node, where, LIST)
            return None
        return list(node.value)

    def scalar(self, node: Node) -> Any:
        if not isinstance(node, ScalarNode):
            return node  # a collection where a plain value belongs: the caller reports the type
        try:
            return self.loader.construct_object(node)
        except (ValueError, yaml.YAMLError):
            return Unreadable(node.value)

    def wrong_type(self, node: Node, where: StrOrPromise, expected: StrOrPromise) -> None:
        value = self.scalar(node)
        if value is None or value == "":
            self.error(node, _("'{where}' is empty; leave the key out when it is not known"), where=where)
        else:
            self.error(node, _("'{where}' must be {expected}"), where=where, expected=expected)

    # --- plain values ----------------------------------------------------------------------------

    def text(self, node: Node | None, where: str, max_length: int | None = NAME_LENGTH) -> str | None:
        """Non-empty text the database can hold the same way on every engine (core/text.py), in NFC."""
        if node is None:
            return None
        value = self.scalar(node)
        if not isinstance(value, str):
            self.wrong_type(node, where, TEXT)
            return None
        if not value.strip():
            self.wrong_type(node, where, TEXT)
            return None
        value, problem = clean_text(value, max_length)
        if problem is not None:
            self.error(node, _("'{where}' {problem}"), where=where, problem=problem)
            return None
        return value

    def integer(self, node: Node, where: str) -> int | None:
        value = self.scalar(node)
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong_type(node, where, INTEGER)
            return None
        return value

    def decimal(self, node: Node | None, where: str, places: int, low: int, high: int) -> Decimal | None:
        if node is None:
            return None
        value = self.scalar(node)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong_type(node, where, NUMBER)
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.wrong_type(node, where, NUMBER)
            return None
        if not number.is_finite() or not low <= number <= high:
            self.error(node, _("'{where}' must be between {low} and {high}"), where=where, low=low, high=high)
            return None
        if number != round(number, places):
            self.error(node, _("'{where}' has more than {places} decimal places"), where=where, places=places)
            return None
        return number

    def boolean(self, node: Node, where: str) -> bool | None:
        value = self.scalar(node)
        if not isinstance(value, bool):
            self.wrong_type(node, where, BOOLEAN)
            return None
        return value

    def date(self, node: Node | None, where: str) -> datetime.date | None:
        if node is None:
            return None
        value = self.scalar(node)
        if isinstance(value, datetime.datetime):
            value = None  # a time of day has no place here
        elif isinstance(value, Unreadable | str):
            try:
                value = datetime.date.fromisoformat(str(value))
            except ValueError:
                value = None
        if not isinstance(value, datetime.date):
            shown = node.value if isinstance(node, ScalarNode) else "…"
            self.error(
                node, _("'{where}' is not a valid YYYY-MM-DD date ({value})"), where=where, value=shown
            )
            return None
        return value

    def choice(self, node: Node | None, where: str, allowed: list[str] | tuple[str, ...]) -> str | None:
        if node is None:
            return None
        value = self.text(node, where)
        if value is None:
            return None
        if value not in allowed:
            options = ", ".join(allowed)
            self.error(
                node,
                _("'{value}' is not a valid {where}; expected one of: {options}"),
                value=value,
                where=where,
                options=options,
            )
            return None
        return value

    # --- codes -----------------------------------------------------------------------------------

    def unit(self, node: Node | None, where: str) -> str | None:
        if node is None:
            return None
        code = self.text(node, where, CODE_LENGTH)
        if code is not None and code not in self.units:
            self.error(node, _("unit code '{code}' ({where}) is not in units"), code=code, where=where)
            return None
        return code

    def award(self, node: Node, where: str) -> str | None:
        code = self.text(node, where, CODE_LENGTH)
        if code is not None and code not in self.awards:
            self.error(node, _("award code '{code}' ({where}) is not in awards"), code=code, where=where)
            return None
        return code

    def unit_list(
        self, node: Node | None, where: str, members: set[str] | None = None
    ) -> tuple[str, ...] | None:
        """A list of known unit codes without repeats; with `members`, each must be on that roster."""
        if node is None:
            return None
        items = self.sequence(node, where)
        if items is None:
            return None
        codes: list[str] = []
        ok = True
        for item in items:
            code = self.unit(item, where)
            if code is None:
                ok = False
            elif code in codes:
                self.error(item, _("'{code}' is listed twice in {where}"), code=code, where=where)
                ok = False
            elif members is not None and not self.member(item, code, where, members):
                ok = False
            else:
                codes.append(code)
        return tuple(codes) if ok else None

    def member(self, node: Node, code: str, where: str, members: set[str]) -> bool:
        if code in members:
            return True
        self.error(node, _("'{code}' ({where}) is not a member that year (members)"), code=code, where=where)
        return False

    def keyed(
        self,
        node: Node | None,
        where: str,
        key: Callable[[Node, str], str | None],
        value: Callable[[Node, str], T | None],
    ) -> dict[str, T] | None:
        """A mapping from codes to values, each checked; None if any part is wrong."""
        if node is None:
            return None
        if not isinstance(node, MappingNode):
            self.wrong_type(node, where, MAPPING)
            return None
        result: dict[str, T] = {}
        ok = True
        for key_node, value_node in node.value:
            code = key(key_node, where)
            checked = value(value_node, f"{where}.{code or key_node.value}")
            if code is not None and code in result:
                self.error(key_node, _("'{code}' given twice in {where}"), code=code, where=where)
                ok = False
            elif code is None or checked is None:
                ok = False
            else:
                result[code] = checked
        return result if ok else None

    def positive(self, node: Node, where: str) -> int | None:
        value = self.integer(node, where)
        if value is not None and value < 1:
            self.error(node, _("'{where}' must be a positive integer"), where=where)
            return None
        return value

    def choices(self, node: Node, where: str) -> Choices | None:
        """One ballot or one outcome: {award code: [unit codes]}. Membership is judged at count time."""
        return self.keyed(node, where, self.award, self.unit_list)


class Unreadable(str):
    """A scalar YAML recognised but could not build (e.g. the timestamp 2022-02-30)."""


def child(node: Node, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return value_node
    return None


def all_read(keys: dict[str, Node], **values: Any) -> bool:
    """True when every key present in the file produced a value (None marks an error already reported)."""
    return all(values[name] is not None for name in values if name in keys)
