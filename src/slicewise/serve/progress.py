"""How far each respondent of a round is, read from their files (re-read only when a file changed)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from slicewise.core.errors import SlicewiseError

if TYPE_CHECKING:
    from slicewise.core.loader import Bundle


@dataclass(frozen=True)
class Progress:
    """One respondent's progress as their file holds it."""

    dealt: int
    """Questions asked that have an answer, a don't-know or an N/A."""
    asked: int
    """Questions currently asked (conditions applied)."""
    areas_done: int
    """Areas where every question asked is dealt with."""
    areas: int
    """Areas of the questionnaire."""
    problem: str = ""
    """Why the file could not be read, when it could not."""

    @property
    def started(self) -> bool:
        """Whether anything is answered yet."""
        return self.dealt > 0


class ProgressReader:
    """Reads respondents' progress, keeping each file's last result until the file changes."""

    def __init__(self) -> None:
        """Start with nothing read."""
        self._seen: dict[Path, tuple[tuple[int, int], Progress]] = {}
        self._bundles: dict[str, Bundle] = {}

    def read(self, path: Path) -> Progress:
        """Return the progress in a file (a missing or bad file is reported, never raised)."""
        try:
            stat = path.stat()
        except OSError:
            return Progress(0, 0, 0, 0, "the file is missing")
        key = (stat.st_mtime_ns, stat.st_size)
        seen = self._seen.get(path)
        if seen is not None and seen[0] == key:
            return seen[1]
        progress = self._compute(path)
        self._seen[path] = (key, progress)
        return progress

    def _compute(self, path: Path) -> Progress:
        """Load the file and count what is dealt with per area."""
        from slicewise.core.engine import evaluate
        from slicewise.core.store import load_assessment, load_bundle_for

        try:
            assessment = load_assessment(path)
            reference = assessment.questionnaire
            cache_key = f"{reference.id}|{reference.version}|{reference.path}"
            bundle = self._bundles.get(cache_key)
            if bundle is None:
                bundle = self._bundles[cache_key] = load_bundle_for(assessment, path)
            results = evaluate(bundle, assessment)
        except SlicewiseError as error:
            return Progress(0, 0, 0, 0, error.title)
        dealt = asked = done = 0
        for area in results.areas:
            area_dealt = area.answered + area.unknown + area.na
            dealt += area_dealt
            asked += area_dealt + area.unanswered
            done += area.unanswered == 0
        return Progress(dealt, asked, done, len(results.areas))
