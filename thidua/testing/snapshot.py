"""What a restored database must give back: every backed-up table's rows and every cluster-year's results.

`snapshot()` reads the database Django is connected to, so the same function runs in the test's process and
in a subprocess connected to a restored database (`python -m thidua.testing.snapshot OUT.json`), and the two
answers are compared as they are. Rows are Django's own serialization of each model, ordered by primary key,
with natural keys for the rows `migrate` recreates (content types, permissions: their ids differ from one
database to another) and many-to-many lists sorted (the database returns them in no fixed order).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core import serializers
from django.core.exceptions import ValidationError

from thidua.operations.exact_json import ExactEncoder


def table_rows() -> dict[str, list[dict[str, Any]]]:
    from thidua.operations.backup import backed_up_models

    tables = {}
    for model in backed_up_models():
        rows = serializers.serialize(
            "python", model._default_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        many = [field.name for field in model._meta.many_to_many]
        for row in rows:
            for name in many:
                row["fields"][name] = sorted(row["fields"][name], key=repr)
        # Through JSON as a backup writes them (to the microsecond): compared as saved and read back.
        tables[model._meta.label_lower] = json.loads(json.dumps(rows, cls=ExactEncoder))
    return tables


def year_results() -> dict[str, Any]:
    """results.json of every cluster-year (as `thidua scenario` and the API write it, with the names of the
    papers its data allows), or the refusal while its ballot is sealed."""
    from thidua.emulation.models import ClusterYear
    from thidua.emulation.papers.render import available_documents
    from thidua.emulation.results import results_for
    from thidua.registry.papers.review import review_papers

    found: dict[str, Any] = {}
    years = ClusterYear.objects.select_related("cluster__organizer").order_by("pk")
    for cluster_year in years:
        key = f"{cluster_year.cluster.organizer.name} / {cluster_year.cluster.code} / {cluster_year.year}"
        try:
            papers = available_documents(cluster_year) + list(review_papers(cluster_year))
            found[key] = results_for(cluster_year, papers)
        except ValidationError as sealed:
            found[key] = {"refused": sealed.messages}
    return json.loads(json.dumps(found, cls=ExactEncoder))


def snapshot() -> dict[str, Any]:
    return {"tables": table_rows(), "results": year_results()}


def differences(expected: dict[str, Any], found: dict[str, Any]) -> list[str]:
    """Where two snapshots part: each table or results.json that differs, with its first differing row."""
    said = []
    for part in ("tables", "results"):
        for name in sorted(set(expected[part]) | set(found[part])):
            want, got = expected[part].get(name), found[part].get(name)
            if want == got:
                continue
            if isinstance(want, list) and isinstance(got, list):
                pairs = [(a, b) for a, b in zip(want, got, strict=False) if a != b]
                if not pairs:
                    said.append(f"{part} {name}: {len(want)} rows → {len(got)} rows")
                    continue
                a, b = pairs[0]
                fields = {k: (a["fields"].get(k), b["fields"].get(k)) for k in a["fields"] | b["fields"]}
                changed = {k: pair for k, pair in fields.items() if pair[0] != pair[1]}
                said.append(f"{part} {name} ({len(pairs)} rows differ), pk {a['pk']!r}: {changed!r}")
            else:
                said.append(f"{part} {name}: {want!r} → {got!r}")
    return said


if __name__ == "__main__":
    import django

    django.setup()
    Path(sys.argv[1]).write_text(json.dumps(snapshot(), ensure_ascii=False), encoding="utf-8")
