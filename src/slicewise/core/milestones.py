"""One side of a comparison: an assessment file as it stands, or a milestone recorded in it (`FILE@NAME`)."""

from __future__ import annotations

from pathlib import Path

from slicewise.core.engine import evaluate
from slicewise.core.errors import SlicewiseError
from slicewise.core.models.tracking import Snapshot
from slicewise.core.store import open_assessment
from slicewise.core.tracking import snapshot


def split_side(text: Path) -> tuple[Path, str | None]:
    """Split `FILE@NAME` into the file and the milestone name; a path that exists as given is a plain file."""
    raw = str(text)
    if Path(raw).exists() or "@" not in raw:
        return Path(raw), None
    file_part, _, name = raw.rpartition("@")
    return Path(file_part), name


def side_snapshot(text: Path) -> tuple[Snapshot, str]:
    """Return the snapshot of one side and the name it is shown under (refusing an unknown milestone)."""
    path, name = split_side(text)
    assessment, bundle = open_assessment(path)
    if name is None:
        return snapshot(assessment, evaluate(bundle, assessment)), path.name
    found = next((m for m in assessment.milestones if m.name == name), None)
    if found is None:
        recorded = ", ".join(m.name for m in assessment.milestones) or "none yet"
        raise SlicewiseError.single(
            "Cannot compare", str(path), f"no milestone '{name}' in this file (recorded: {recorded})"
        )
    return found.snapshot, f"{path.name}@{name}"
