"""Dependencies point one way (STYLE.md): no two apps import each other, nor any longer cycle; `core`
imports no app; the year's home and the board's hold their models, writers, readers, pages and rules."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

PACKAGE = Path(settings.BASE_DIR) / "thidua"
APPS = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}


def _imports() -> dict[str, set[str]]:
    """App -> the other apps its code (not its tests or migrations) imports."""
    edges: dict[str, set[str]] = {app: set() for app in APPS}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or parts[0] not in APPS or {"tests", "migrations"} & set(parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                bits = name.split(".")
                if len(bits) > 1 and bits[0] == "thidua" and bits[1] in APPS and bits[1] != parts[0]:
                    edges[parts[0]].add(bits[1])
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph, as the apps along it, or [] when there is none."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(app: str) -> list[str]:
        state[app] = 1
        path.append(app)
        for other in sorted(edges.get(app, ())):
            if state.get(other) == 1:
                return [*path[path.index(other) :], other]
            if other not in state and (found := visit(other)):
                return found
        path.pop()
        state[app] = 2
        return []

    for app in sorted(edges):
        if app not in state and (found := visit(app)):
            return found
    return []


def test_no_two_apps_import_each_other_nor_any_longer_cycle():
    cycle = _cycle(_imports())
    assert not cycle, "apps importing in a circle: " + " -> ".join(cycle)


def test_core_imports_no_app():
    assert _imports()["core"] == set()


def test_the_installed_apps_are_listed_in_the_order_of_their_dependencies():
    """Each app imports only apps listed before it in INSTALLED_APPS (settings.py)."""
    order = [name.split(".")[-1] for name in settings.INSTALLED_APPS if name.startswith("thidua.")]
    edges = _imports()
    late = sorted(
        f"{app} -> {other}"
        for app in order
        for other in edges.get(app, ())
        if other in order and order.index(other) > order.index(app)
    )
    assert not late, "an app imports an app listed after it: " + ", ".join(late)


def test_each_home_has_its_models_writers_readers_pages_and_rules():
    for home in ("emulation", "registry"):
        for part in ("models", "actions", "queries", "views", "rules"):
            assert (PACKAGE / home / part).exists() or (PACKAGE / home / f"{part}.py").exists(), (home, part)
