"""Core speed: load + validate + score the built-in content, and a 1,000-question questionnaire with 500 flows."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

from generate import generate
from harness import Case
from slicewise.core.content import builtin_questionnaire, scoring_folder_for
from slicewise.core.demo import demo_source
from slicewise.core.engine import evaluate
from slicewise.core.store import open_assessment


def _parse_all(paths: list[Path]) -> None:
    """The baseline: parse the same TOML files with tomllib and nothing else."""
    for path in paths:
        tomllib.loads(path.read_text(encoding="utf-8"))


def _files_of(questionnaire: Path, scoring: Path, assessment: Path) -> list[Path]:
    """Every file the operation reads."""
    return [*sorted(questionnaire.glob("*.toml")), *sorted(scoring.glob("*.toml")), assessment]


def _score(path: Path) -> None:
    """Load the assessment and its questionnaire with every check, then evaluate it."""
    assessment, bundle = open_assessment(path)
    evaluate(bundle, assessment)


def cases(quick: bool) -> list[Case]:
    """The two core rows."""
    folder = builtin_questionnaire("commerce-integration")
    assert folder is not None
    scoring = scoring_folder_for(folder, "commerce-integration")
    assert scoring is not None
    workdir = Path(tempfile.mkdtemp(prefix="slicewise-bench-"))
    demo = workdir / "demo.toml"
    demo.write_bytes(demo_source().read_bytes())
    big_questionnaire, big_assessment = generate(workdir / "big")
    demo_files = _files_of(folder, scoring, demo)
    big_files = _files_of(big_questionnaire, big_questionnaire / "scoring", big_assessment)
    return [
        Case(
            name="load + validate + score the demo",
            ours=lambda: _score(demo),
            baseline=lambda: _parse_all(demo_files),
            goal=20.0,
            goal_text="< 100 ms absolute",
            absolute_goal_ms=100.0,
        ),
        Case(
            name="1,000 questions + 500 flows: load + score",
            ours=lambda: _score(big_assessment),
            baseline=lambda: _parse_all(big_files),
            goal=20.0,
            goal_text="< 1,000 ms absolute",
            absolute_goal_ms=1000.0,
            repeats=7,
            quick_repeats=3,
        ),
    ]
