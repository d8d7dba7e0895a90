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
from slicewise.core.loader import Bundle
from slicewise.core.models.assessment import Assessment
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


def _adjusted(path: Path) -> tuple[Bundle, Assessment, Assessment]:
    """The demo's bundle, its assessment, and the same with a move, a status, a re-rate and a custom risk."""
    from slicewise.core.tracking import add_custom_risk, adjust

    assessment, bundle = open_assessment(path)
    engine = evaluate(bundle, assessment)
    first = engine.roadmap[0].actions[0].id
    changed = adjust(assessment, engine, first, {"slice": engine.roadmap[-1].id}, "Budget")
    changed = adjust(changed, engine, engine.roadmap[1].actions[0].id, {"status": "done"}, "Done")
    changed = adjust(changed, engine, engine.risks[0].id, {"likelihood": 1}, "Handled")
    changed = add_custom_risk(changed, engine, title="Key person", reason="One developer")
    return bundle, assessment, changed


def cases(quick: bool) -> list[Case]:
    """The core rows."""
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
    bundle, plain, adjusted = _adjusted(demo)
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
        Case(
            name="re-score the demo with adjustments",
            ours=lambda: evaluate(bundle, adjusted),
            baseline=lambda: evaluate(bundle, plain),
            goal=1.5,
            goal_text="ratio ≤ 1.5",
        ),
    ]
