"""For migrations that move models between apps with their tables (SeparateDatabaseAndState): the moved
models keep their content types (admin history, permissions) and their audit rows' object type."""

from __future__ import annotations

from typing import Any


def relabel_models(apps: Any, moved: dict[str, list[str]], home: str, *, back: bool = False) -> None:
    """Relabel each `old app -> [model names]` of `moved` to `home` (or back, to undo)."""
    content_type = apps.get_model("contenttypes", "ContentType")
    audit_event = apps.get_model("core", "AuditEvent")
    for old, models in moved.items():
        source, target = (home, old) if back else (old, home)
        for model in models:
            if not content_type.objects.filter(app_label=target, model=model).exists():
                content_type.objects.filter(app_label=source, model=model).update(app_label=target)
            audit_event.objects.filter(object_type=f"{source}.{model}").update(
                object_type=f"{target}.{model}"
            )
