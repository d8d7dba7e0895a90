"""The loader reports every problem in questionnaires and scoring models as file:line: message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from slicewise.core.errors import SlicewiseError
from slicewise.core.loader import load_bundle, validate_folders

DATA = Path(__file__).parent.parent / "data"


def load_with(fixture: str, mini_copy: Path) -> SlicewiseError:
    """Copy a bad fixture over the file its first line names, load, and return the error raised."""
    source = DATA / fixture
    first = source.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# replaces: "), f"{fixture} must say which file it replaces"
    shutil.copyfile(source, mini_copy / first.removeprefix("# replaces: ").strip())
    with pytest.raises(SlicewiseError) as caught:
        load_bundle(mini_copy)
    return caught.value


def lines_of(error: SlicewiseError) -> list[str]:
    """Render each problem as a `file:line: message` string with the file name only."""
    return [f"{Path(p.path).name}:{p.line}: {p.message}" for p in error.problems]


def test_the_mini_questionnaire_loads_whole() -> None:
    bundle = load_bundle(DATA / "mini")
    assert [a.id for a in bundle.questionnaire.areas] == ["context", "failure", "ownership"]
    assert len(bundle.questionnaire.questions) == 8
    assert bundle.questionnaire.question("failure.retry") is not None
    assert [s.id for s in bundle.scoring.slices] == ["decide", "thin", "exceptions"]
    assert len(bundle.questionnaire.digest) == 16
    assert not bundle.builtin


def test_digest_changes_when_content_changes(mini_copy: Path) -> None:
    before = load_bundle(mini_copy).questionnaire.digest
    path = mini_copy / "failure.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("arrives twice", "comes twice"), encoding="utf-8")
    assert load_bundle(mini_copy).questionnaire.digest != before


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("loader_not_toml.toml", ["questionnaire.toml:3: not valid TOML: a string is not closed"]),
        ("loader_wrong_type.toml", ["failure.toml:7: question[0].weight: Input should be a valid number"]),
        ("loader_unknown_key.toml", ["failure.toml:5: unknown key 'question[0].promt'"]),
        ("loader_missing_field.toml", ["failure.toml:2: missing required key 'question[0].guidance'"]),
        ("loader_level_out_of_range.toml", ["failure.toml:14: question[0].choices[1].level: Input should be less"]),
        (
            "loader_unknown_kind.toml",
            ["failure.toml:4: question[0]: unknown kind 'slider' (known: 'choice', 'checklist'"],
        ),
        ("loader_bad_operator.toml", ["failure.toml:7: question[0].show_if: a condition is a table with exactly one"]),
        ("loader_duplicate_id.toml", ["ownership.toml:16: duplicate question id 'ownership.corrections'"]),
        ("loader_empty_area.toml", ["ownership.toml:None: area 'ownership' has no questions"]),
        (
            "loader_dangling_condition.toml",
            [
                "failure.toml:2: failure.idempotency show_if refers to unknown question 'context.platfrom'",
                "failure.toml:2: failure.idempotency show_if: 'context.marketplaces' has no choice 'maybe'",
            ],
        ),
        (
            "loader_bad_calibration.toml",
            [
                "scoring.toml:130: unknown business object 'unicorn'",
                "scoring.toml:132: calibration 'idempotency': likelihood missing for finance-close",
                "scoring.toml:136: calibration 'teleport': impact missing for low",
                "scoring.toml:136: unknown calibration row 'teleport'",
            ],
        ),
        ("loader_never_true.toml", ["failure.toml:2: failure.idempotency show_if can never be true for any answers"]),
        (
            "loader_dangling_risk.toml",
            [
                "risks.toml:2: risk duplicate-orders when: 'failure.idempotency' has no choice 'never'",
                "risks.toml:13: risk duplicate-orders: unknown action 'hire-more-people'",
            ],
        ),
        (
            "loader_dangling_action.toml",
            [
                "roadmap.toml:14: action decide-ownership: unknown question 'ownership.corections'",
                "roadmap.toml:21: action add-idempotency: unknown slice 'later'",
                "roadmap.toml:24: action add-idempotency: depends on unknown action 'write-contracts'",
            ],
        ),
        (
            "loader_cycle.toml",
            ["roadmap.toml:7: dependency cycle: decide-ownership → redesign-latency → add-idempotency"],
        ),
    ],
)
def test_each_bad_fixture_is_reported_with_its_line(fixture: str, expected: list[str], mini_copy: Path) -> None:
    error = load_with(fixture, mini_copy)
    found = lines_of(error)
    for wanted in expected:
        assert any(line.startswith(wanted) for line in found), f"{wanted!r} not in {found}"


def test_every_problem_is_reported_in_one_run(mini_copy: Path) -> None:
    shutil.copyfile(DATA / "loader_dangling_action.toml", mini_copy / "scoring" / "roadmap.toml")
    shutil.copyfile(DATA / "loader_dangling_condition.toml", mini_copy / "failure.toml")
    error = load_with("loader_dangling_risk.toml", mini_copy)
    files = {Path(p.path).name for p in error.problems}
    assert {"failure.toml", "risks.toml", "roadmap.toml"} <= files
    assert len(error.problems) >= 6


def test_an_unselectable_action_is_reported(mini_copy: Path) -> None:
    error = load_with("loader_dangling_action.toml", mini_copy)
    assert any("write-runbook can never be selected" in p.message for p in error.problems)


def test_unknown_questionnaire_id_names_the_built_in_ones() -> None:
    with pytest.raises(SlicewiseError) as caught:
        load_bundle("no-such-questionnaire")
    assert "built-in" in caught.value.problems[0].message


def test_a_folder_without_questionnaire_toml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SlicewiseError) as caught:
        load_bundle(tmp_path)
    assert "no questionnaire.toml" in caught.value.problems[0].message


def test_missing_scoring_model_is_reported(mini_copy: Path) -> None:
    shutil.rmtree(mini_copy / "scoring")
    with pytest.raises(SlicewiseError) as caught:
        load_bundle(mini_copy)
    assert any("no scoring model found for 'mini'" in p.message for p in caught.value.problems)


def test_scoring_model_for_another_questionnaire_is_reported(mini_copy: Path) -> None:
    path = mini_copy / "scoring" / "scoring.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('questionnaire = "mini"', 'questionnaire = "other"'))
    with pytest.raises(SlicewiseError) as caught:
        load_bundle(mini_copy)
    assert any("scoring.toml:1: scoring model is for 'other'" in str(p).split("/")[-1] for p in caught.value.problems)


def test_validate_folders_collects_problems_without_raising(mini_copy: Path) -> None:
    shutil.copyfile(DATA / "loader_cycle.toml", mini_copy / "scoring" / "roadmap.toml")
    checked, problems = validate_folders([str(mini_copy), "no-such-id"])
    assert checked == [str(mini_copy)]
    messages = [p.message for p in problems]
    assert any("dependency cycle" in m for m in messages)
    assert any("no built-in questionnaire has this id" in m for m in messages)
