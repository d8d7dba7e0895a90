"""A tiny benchmark harness: each case runs ours and a baseline alternately and reports medians and ratio."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Case:
    """One benchmark row: our operation against the baseline it is judged by."""

    name: str
    """The row label."""
    ours: Callable[[], object]
    """Our operation, run once per repetition."""
    baseline: Callable[[], object]
    """The baseline doing comparable work, run alternately with ours."""
    goal: float | None
    """The largest acceptable ratio ours / baseline (None: a row that is reported, not judged)."""
    goal_text: str = ""
    """The goal in words, for the table."""
    repeats: int = 15
    """Repetitions of each side (alternating)."""
    quick_repeats: int = 5
    """Repetitions with --quick."""
    absolute_goal_ms: float | None = None
    """An optional absolute limit on our median, in milliseconds."""
    notes: list[str] = field(default_factory=list)
    """Anything the table should say beside the figures."""


@dataclass
class Outcome:
    """The measured medians for one case."""

    case: Case
    ours_ms: float
    baseline_ms: float

    @property
    def ratio(self) -> float:
        """Ours divided by baseline."""
        return self.ours_ms / self.baseline_ms if self.baseline_ms else float("inf")

    @property
    def met(self) -> bool:
        """Whether the ratio (and any absolute goal) is met."""
        absolute_ok = self.case.absolute_goal_ms is None or self.ours_ms <= self.case.absolute_goal_ms
        return (self.case.goal is None or self.ratio <= self.case.goal) and absolute_ok


@dataclass(frozen=True)
class SelfTimed:
    """What an operation returns when it times itself (e.g. until text is on a terminal), in milliseconds."""

    ms: float


def _timed(operation: Callable[[], object]) -> float:
    """Run once and return the wall time in milliseconds, or the time the operation measured itself."""
    start = time.perf_counter()
    result = operation()
    elapsed = (time.perf_counter() - start) * 1000
    return result.ms if isinstance(result, SelfTimed) else elapsed


def measure(case: Case, quick: bool) -> Outcome:
    """Run a case alternately (ours, baseline, ours, ...) after one warm-up of each, and take medians."""
    repeats = case.quick_repeats if quick else case.repeats
    case.ours()
    case.baseline()
    ours: list[float] = []
    base: list[float] = []
    for index in range(repeats):
        if index % 2 == 0:
            ours.append(_timed(case.ours))
            base.append(_timed(case.baseline))
        else:
            base.append(_timed(case.baseline))
            ours.append(_timed(case.ours))
    return Outcome(case, statistics.median(ours), statistics.median(base))
