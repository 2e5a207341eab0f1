"""Composing a YAML file the formats can hold, and nothing more (the exchange file, the eligibility file).

PyYAML's safe loader still composes any depth (a list nested 1,000 deep overflows Python's stack: a
RecursionError, a 500), keeps unknown tags silently (`!python/object` became a plain string) and lets an
alias repeat a subtree any number of times (a few lines expanding to millions of values for the reader).
This loader refuses all three, with the line, before the reader sees a node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import Node

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Deep enough for both formats (the exchange file needs 7 levels: file, years, a year, ballots, a ballot,
# its units, a code), far short of Python's stack.
MAX_DEPTH = 20
# The tags YAML's core schema gives plain values and that a person may also write out (`!!str 2021`).
CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)


class YamlRefused(Exception):
    """The file uses what the formats do not: `line` (from 1) and `message` (an English msgid, formatted)."""

    def __init__(self, line: int, message: StrOrPromise, /, **values: Any) -> None:
        self.line = line
        self.message = format_lazy(message, **values)
        super().__init__(f"{line}: {self.message}")


class BoundedLoader(yaml.SafeLoader):
    def __init__(self, text: str, max_depth: int = MAX_DEPTH) -> None:
        super().__init__(text)
        self.max_depth = max_depth
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            raise YamlRefused(
                line,
                _(
                    "the alias *{name} is not allowed: write the value out in full (anchors & and aliases "
                    "* are not part of the format)"
                ),
                name=event.anchor,
            )
        tag = event.tag if isinstance(event, ScalarEvent | CollectionStartEvent) else None
        if tag not in (None, "!") and tag not in CORE_TAGS:
            raise YamlRefused(line, _("unknown YAML tag '{tag}': remove it"), tag=tag)
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                raise YamlRefused(
                    line,
                    _("values are nested more than {depth} levels deep; the format needs far fewer"),
                    depth=self.max_depth,
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def compose(text: str) -> tuple[BoundedLoader, Node | None]:
    """The root node of the single document in `text` (None when empty) and the loader that made it (its
    constructors turn scalar nodes into values). Raises YamlRefused, or yaml.YAMLError on a syntax error."""
    loader = BoundedLoader(text)
    try:
        return loader, loader.get_single_node()
    finally:
        loader.dispose()
