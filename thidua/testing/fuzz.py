"""Bad input for the readers' fuzz tests (exchange file, eligibility case file, spreadsheets, API bodies):
hypothesis strategies of the values an attacker or a careless office sends, and the checks every refusal
must pass. Bounded (each test sets max_examples) so CI runs them on both databases.

A document is mutated rather than made from nothing: a valid file (the seed cluster, the documented case
file) with a few of its values replaced, removed or added keeps the reader busy past the first check, deep
in the sections where a wrong type is least expected. Nesting deeper than Python's stack cannot be built
as a Python value nor dumped, so a marker stands in the document and its text is spliced in after dumping.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from typing import Any

import yaml
from django.apps import apps
from hypothesis import strategies as st

SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)
ODD_CHARACTERS = st.sampled_from(
    ["\x00", "\x07", "\t", "\n", "\r", "\u200b", "\ufeff", "\u0301", "\U0001f600"]
)
ODD_TEXT = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.one_of(st.characters(), SURROGATES, ODD_CHARACTERS), max_size=30),
    st.integers(100, 400).map(lambda n: "Sở Tư pháp " * n),  # past any length limit
    st.sampled_from(
        ["", " ", "null", "~", "yes", "2021-02-30", "1e400", "-0", "0x10", "NaN", "!!python/object"]
    ),
)
HUGE_INTS = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, -1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 99999999999999999999, 10**400]),
)
SCALARS = st.one_of(st.none(), st.booleans(), HUGE_INTS, st.floats(), ODD_TEXT)
DEEP_MARK = "DEEPMARK{}X"
DEEP = st.integers(21, 3000).map(DEEP_MARK.format)  # 20 levels is the formats' limit
VALUES = st.recursive(
    st.one_of(SCALARS, DEEP),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ODD_TEXT, inner, max_size=4),
    max_leaves=10,
)


def _paths(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield at
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*at, index))


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        doc = doc[step]
    return doc


@st.composite
def mutated(draw: st.DrawFn, document: Any, keys: tuple[str, ...] = ()) -> Any:
    """`document` with one to three of its values replaced by bad ones, removed, or given a sibling (a
    known key of the format with a bad value, or an unknown key)."""
    doc = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, 3))):
        paths = [path for path in _paths(doc) if path]
        if not paths:
            return draw(VALUES)
        path = draw(st.sampled_from(paths))
        parent, last = _parent(doc, path), path[-1]
        action = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
        if action == "replace":
            parent[last] = draw(VALUES)
        elif action == "remove":
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(keys) | ODD_TEXT if keys else ODD_TEXT)] = draw(VALUES)
        else:
            parent.append(draw(VALUES))
    return doc


def _splice_deep(text: str) -> str:
    def deep(found: re.Match[str]) -> str:
        depth = int(found.group(1))
        return "[" * depth + "]" * depth

    return re.sub(r"['\"]?DEEPMARK(\d+)X['\"]?", deep, text)


def as_yaml(doc: Any) -> str:
    """YAML as a person writes it; a lone surrogate comes out escaped ("\\ud800"), as in a real file."""
    return _splice_deep(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000))


def as_json(doc: Any) -> str:
    """JSON (a YAML the readers also take): non-ASCII escaped, so lone surrogates travel as \\udXXX."""
    return _splice_deep(json.dumps(doc, ensure_ascii=True, default=str))


@st.composite
def documents(draw: st.DrawFn, document: Any, keys: tuple[str, ...] = ()) -> str:
    """A bad file's text: a mutated `document` as YAML or JSON, or anything at all."""
    kind = draw(st.sampled_from(["yaml", "json", "json", "any"]))
    if kind == "any":
        return draw(st.one_of(st.text(max_size=200), VALUES.map(as_json)))
    doc = draw(mutated(document, keys))
    return as_yaml(doc) if kind == "yaml" else as_json(doc)


def table_counts() -> dict[str, int]:
    """Rows of every table of ours (and the accounts): a refused input leaves all of them as they were."""
    models = [
        m for m in apps.get_models() if m.__module__.startswith("thidua.") or m._meta.label == "auth.User"
    ]
    return {m._meta.label: m._default_manager.count() for m in models if not m._meta.proxy}


def vietnamese(message: str) -> bool:
    """A message said in Vietnamese (its catalogue entry was found): every one has a letter with a mark."""
    return any(ch in message for ch in "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
