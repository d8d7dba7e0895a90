"""Three-way merge of assessments: add our changes since a common base to what another writer saved.

Used when a save finds that someone else changed the file: their version is kept and ours is replayed
on top, entry by entry (an answer, an ownership row, a flow, a system name, an engagement field). Where
both sides changed the same entry, ours wins and the entry is named, so the person can check it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from slicewise.core.models.assessment import Assessment

_MISSING = object()


@dataclass
class Rebased:
    """The merged assessment and the entries both sides had changed (ours kept)."""

    assessment: Assessment
    """Their file with our changes replayed on it."""
    both_changed: list[str] = field(default_factory=list)
    """Entries (like `answers.pim.q1`) that both writers changed; our value was kept."""


def rebase(base: Assessment | None, ours: Assessment, theirs: Assessment) -> Rebased:
    """Replay the changes from `base` to `ours` on `theirs` (with no base, every entry of ours is a change)."""
    base_data = base.model_dump(mode="python") if base is not None else {}
    ours_data = ours.model_dump(mode="python")
    theirs_data = theirs.model_dump(mode="python")
    both: list[str] = []
    merged: dict[str, Any] = {}
    for key in {**theirs_data, **ours_data}:
        merged[key] = _merge_entry(
            key,
            base_data.get(key, _MISSING),
            ours_data.get(key, _MISSING),
            theirs_data.get(key, _MISSING),
            both,
            depth=0,
        )
    merged = {k: v for k, v in merged.items() if v is not _MISSING}
    return Rebased(Assessment.model_validate(merged), both)


def _merge_entry(name: str, base: Any, ours: Any, theirs: Any, both: list[str], depth: int) -> Any:
    """Merge one entry: whoever changed it wins; tables and id-keyed lists are merged entry by entry."""
    if ours == base:
        return theirs
    if theirs in (base, ours):
        return ours
    if depth < 2 and isinstance(ours, dict) and isinstance(theirs, dict):
        return _merge_tables(name, base if isinstance(base, dict) else {}, ours, theirs, both, depth)
    if depth == 0 and all(_keyed_list(v) for v in (base, ours, theirs) if v is not _MISSING):
        keyed = [{item["id"]: item for item in v} if isinstance(v, list) else {} for v in (base, ours, theirs)]
        table = _merge_tables(name, keyed[0], keyed[1], keyed[2], both, depth)
        return list(table.values())
    both.append(name)
    return ours


def _merge_tables(
    name: str, base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], both: list[str], depth: int
) -> dict[str, Any]:
    """Merge two tables key by key against their base, keeping their order and adding our new keys last."""
    merged: dict[str, Any] = {}
    for key in {**theirs, **ours}:
        value = _merge_entry(
            f"{name}.{key}",
            base.get(key, _MISSING),
            ours.get(key, _MISSING),
            theirs.get(key, _MISSING),
            both,
            depth + 1,
        )
        if value is not _MISSING:
            merged[key] = value
    return merged


def _keyed_list(value: Any) -> bool:
    """Tell whether a value is a list of tables with unique ids (the flow inventory)."""
    if not isinstance(value, list) or not all(isinstance(item, dict) and "id" in item for item in value):
        return False
    return len({item["id"] for item in value}) == len(value)
