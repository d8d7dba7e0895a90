"""Exports are reproducible: the same assessment gives the same bytes, and the TOML report reads back as
the values it was built from."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from slicewise.core.engine import evaluate
from slicewise.core.models.assessment import Assessment
from slicewise.export import write_exports
from slicewise.export.report import build_report, render_report_toml

from .bundles import BUNDLES, examples
from .strategies import any_text, assessments

TOML_EXAMPLES = {"mini": 30, "builtin": 8}
XLSX_EXAMPLES = {"mini": 6, "builtin": 3}


def _settings(count: int) -> settings:
    """Bounded examples, no deadline (a workbook takes a few hundred milliseconds)."""
    return settings(max_examples=examples(count), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("name", sorted(BUNDLES))
def test_the_toml_report_is_the_same_bytes_and_parses_back(name: str) -> None:
    """Two renders (from two separate evaluations) give one text, and that text parses back to the report's
    values: scores, levels, coverage and every answer's note as built."""
    bundle = BUNDLES[name]()

    @_settings(TOML_EXAMPLES[name])
    @given(assessments(bundle, any_text))
    def check(assessment: Assessment) -> None:
        first = render_report_toml(bundle, assessment, evaluate(bundle, assessment))
        again = render_report_toml(bundle, assessment.model_copy(deep=True), evaluate(bundle, assessment))
        assert first == again
        results = evaluate(bundle, assessment)
        report = build_report(bundle, assessment, results)
        parsed = tomllib.loads(first)
        assert parsed == report
        overall = results.overall.score
        assert parsed["overall"].get("score") == (None if overall is None else round(overall, 3))
        areas = {area["id"]: area for area in parsed["areas"]}
        for area in results.areas:
            expected = None if area.score is None else round(area.score, 3)
            assert areas[area.id].get("score") == expected
            assert areas[area.id]["answered"] == area.answered
        notes = {item["id"]: item.get("note", "") for item in parsed.get("answers", [])}
        for qid, note in notes.items():
            assert note == assessment.answers[qid].note if qid in assessment.answers else note == ""

    check()


@pytest.mark.parametrize("name", sorted(BUNDLES))
def test_both_exports_are_the_same_bytes_every_time(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """write_exports into two fresh folders gives byte-identical TOML and xlsx files."""
    bundle = BUNDLES[name]()

    @_settings(XLSX_EXAMPLES[name])
    @given(assessments(bundle, any_text))
    def check(assessment: Assessment) -> None:
        first_dir, second_dir = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
        first = write_exports(bundle, assessment, evaluate(bundle, assessment), first_dir)
        second = write_exports(bundle, assessment.model_copy(deep=True), evaluate(bundle, assessment), second_dir)
        assert [p.name for p in first] == [p.name for p in second]
        assert {p.suffix for p in first} == {".toml", ".xlsx"}
        for one, two in zip(first, second, strict=True):
            assert Path(one).read_bytes() == Path(two).read_bytes(), one.name

    check()


def test_a_lone_surrogate_in_a_note_does_not_break_the_export(tmp_path: Path) -> None:
    """Text with a lone surrogate (a broken paste still in memory in the TUI) exports like any other text."""
    bundle = BUNDLES["mini"]()
    assessment = Assessment.model_validate(
        {"questionnaire": {"id": "mini"}, "answers": {"failure.idempotency": {"choice": "duplicates"}}}
    )
    assessment.answers["failure.idempotency"].note = "bad \ud800 paste"
    written = write_exports(bundle, assessment, evaluate(bundle, assessment), tmp_path)
    assert "bad \ufffd paste" in written[0].read_text(encoding="utf-8")


def test_exports_are_the_same_bytes_in_separate_processes(tmp_path: Path) -> None:
    """Random assessments and the demo, exported by two processes with different string-hash seeds, give
    byte-identical reports, workbooks and re-saved assessments (no set or dict order leaks into a file)."""
    import os
    import subprocess
    import sys

    from hypothesis import strategies as st

    from slicewise.core.store import save_assessment

    from .bundles import MINI, REPO

    files: list[Path] = []

    @settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        st.tuples(*[assessments(BUNDLES["mini"](), any_text)] * 3, *[assessments(BUNDLES["builtin"](), any_text)] * 2)
    )
    def draw(generated: tuple[Assessment, ...]) -> None:
        for number, assessment in enumerate(generated):
            if assessment.questionnaire.id == "mini":
                assessment.questionnaire.path = str(MINI)
            path = tmp_path / f"input-{number}.toml"
            save_assessment(assessment, path)
            files.append(path)

    draw()
    files.append(REPO / "questionnaires" / "commerce-integration" / "examples" / "demo.toml")
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO / "src")}
        script = Path(__file__).with_name("export_many.py")
        done = subprocess.run(
            [sys.executable, str(script), str(out), *map(str, files)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append({str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert len(outputs[0]) == 3 * len(files)
    assert outputs[0] == outputs[1]
