"""Plan data is checked at load with file:line; `validate` also reports a risk no action can answer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from slicewise.core.errors import SlicewiseError
from slicewise.core.loader import load_bundle, validate_folders
from slicewise.core.plan.check import placeholder_problems

DATA = Path(__file__).parent.parent / "data"


def use(fixture: str, mini_copy: Path) -> None:
    """Copy a roadmap fixture over the mini questionnaire's roadmap."""
    shutil.copyfile(DATA / fixture, mini_copy / "scoring" / "roadmap.toml")


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "plan_unknown_placeholder.toml",
            "roadmap.toml:79: action fix-flow: subject_title: unknown placeholder {flw} (known here: flow, source,",
        ),
        (
            "plan_format_spec.toml",
            "roadmap.toml:79: action fix-flow: subject_title: placeholder {flow} must be a plain name, without a "
            "format spec or conversion",
        ),
        (
            "plan_missing_subject_title.toml",
            "roadmap.toml:77: action fix-object: per = 'object' needs a subject_title",
        ),
        (
            "plan_unknown_answers.toml",
            "roadmap.toml:77: action fix-latency: answers unknown risk 'flows.latency'",
        ),
        (
            "plan_title_placeholder.toml",
            "roadmap.toml:72: action fix-flow: title is shown as written; placeholders belong in subject_title",
        ),
        (
            "plan_moves_unscored.toml",
            "roadmap.toml:78: action write-it-down: moves 'context.platform', which is not a scored question",
        ),
    ],
)
def test_bad_plan_data_is_refused_at_load_with_its_line(fixture: str, expected: str, mini_copy: Path) -> None:
    use(fixture, mini_copy)
    with pytest.raises(SlicewiseError) as caught:
        load_bundle(mini_copy)
    found = [f"{Path(p.path).name}:{p.line}: {p.message}" for p in caught.value.problems]
    assert len(found) == 1 and found[0].startswith(expected), found


def test_every_effort_size_in_use_needs_days_on_the_scale(mini_copy: Path) -> None:
    use("plan_effort_scale_gap.toml", mini_copy)
    with pytest.raises(SlicewiseError) as caught:
        load_bundle(mini_copy)
    found = sorted(f"{Path(p.path).name}:{p.line}: {p.message}" for p in caught.value.problems)
    assert found == [
        "roadmap.toml:2: action add-dead-letter: effort 'M' has no days on the plan's effort scale",
        "roadmap.toml:2: action add-idempotency: effort 'M' has no days on the plan's effort scale",
    ]


def test_validate_reports_a_risk_that_only_decisions_answer(mini_copy: Path) -> None:
    use("plan_only_decisions.toml", mini_copy)
    load_bundle(mini_copy)  # such content still loads and scores
    _checked, problems = validate_folders([str(mini_copy)])
    found = [f"{Path(p.path).name}:{p.line}: {p.message}" for p in problems]
    assert found[0].startswith(
        "risks.toml:1: risk duplicate-orders: no action can remove or reduce its cause (only decisions answer it: "
        "add-idempotency)"
    )
    assert found[1].startswith("scoring.toml:105: risk flows.missing_safeguards: no action can remove")
    assert len(found) == 2


def test_the_built_in_content_answers_every_risk_with_a_change() -> None:
    _checked, problems = validate_folders([])
    assert problems == []


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("Fix {flow} from {source}", ""),
        ("Braces {{kept}} as text", ""),
        ("{flow!r}", "placeholder {flow} must be a plain name, without a format spec or conversion"),
        ("{flow.name}", "unknown placeholder {flow.name} (known here: flow, source)"),
        ("{0}", "unknown placeholder {0} (known here: flow, source)"),
        ("{}", "unknown placeholder {} (known here: flow, source)"),
        ("Open { brace", "cannot be read as a template ("),
    ],
)
def test_placeholders_are_names_only(template: str, problem: str) -> None:
    found = placeholder_problems(template, ("flow", "source"))
    assert found == [] if not problem else (len(found) == 1 and found[0].startswith(problem)), found
