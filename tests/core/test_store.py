"""Assessment files: strict reading with located errors, atomic saves, nothing ever overwritten by mistake."""

from __future__ import annotations

import errno
import os
import shutil
import tomllib
from pathlib import Path

import pytest

from slicewise.core import atomic
from slicewise.core.errors import SlicewiseError
from slicewise.core.loader import load_bundle
from slicewise.core.models.assessment import FORMAT_TAG, Answer
from slicewise.core.store import (
    dumps_assessment,
    load_assessment,
    new_assessment,
    open_assessment,
    save_assessment,
)

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A folder with the mini questionnaire beside copies of the assessment fixtures."""
    shutil.copytree(DATA / "mini", tmp_path / "mini")
    for fixture in DATA.glob("assessment_*.toml"):
        shutil.copyfile(fixture, tmp_path / fixture.name)
    return tmp_path


def refused(path: Path) -> SlicewiseError:
    """Open a file expecting a SlicewiseError, and check the file was not touched."""
    before = path.read_bytes()
    with pytest.raises(SlicewiseError) as caught:
        open_assessment(path)
    assert path.read_bytes() == before
    return caught.value


def test_valid_file_opens_with_its_questionnaire_and_keeps_orphan_answers(workspace: Path) -> None:
    assessment, bundle = open_assessment(workspace / "assessment_valid.toml")
    assert bundle.questionnaire.id == "mini"
    assert assessment.answers["failure.idempotency"].choice == "some-flows"
    assert "retired.question" in assessment.answers
    assert assessment.ownership["price"].create == ["erp", "pim"]
    assert assessment.flows[0].pattern == "file"


def test_round_trip_keeps_every_value_including_awkward_text(workspace: Path) -> None:
    assessment, _bundle = open_assessment(workspace / "assessment_valid.toml")
    awkward = 'line one\nline "two" with \\ and \t tab\x07bell, =SUM(A1), emoji 🙂, עברית'
    assessment.answers["failure.idempotency"].note = awkward
    target = workspace / "round-trip.toml"
    save_assessment(assessment, target)
    again, _bundle = open_assessment(target)
    assert again == assessment
    assert again.answers["failure.idempotency"].note == awkward
    assert dumps_assessment(again) == dumps_assessment(assessment)


def test_saved_file_starts_with_the_format_tag_and_drops_empty_defaults(workspace: Path) -> None:
    bundle = load_bundle(workspace / "mini")
    assessment = new_assessment(bundle, client="Acme", date="2026-01-02")
    assessment.answers["failure.retry"] = Answer(choices=[])
    text = dumps_assessment(assessment)
    assert text.startswith(f'format = "{FORMAT_TAG}"\n')
    data = tomllib.loads(text)
    assert data["answers"]["failure.retry"] == {"choices": []}
    assert data["questionnaire"]["digest"] == bundle.questionnaire.digest


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("assessment_truncated.toml", ":23: not valid TOML: unterminated string (at end of file)"),
        ("assessment_binary.toml", ": this is a binary file, not TOML text"),
        ("assessment_invalid_utf8.toml", ":3: not valid UTF-8 text"),
        ("assessment_other_format.toml", ":1: this is a 'slicewise-report/1' file, not a slicewise assessment"),
        ("assessment_newer_version.toml", ":1: written by a newer slicewise (format version 3)"),
        ("assessment_no_format.toml", ": not a slicewise assessment: it has no format"),
        ("assessment_unknown_questionnaire.toml", ":4: questionnaire 'retail-deep-dive' is not built in"),
        ("assessment_wrong_type.toml", ":8: targets.failure: Input should be less than or equal to 4"),
        ("assessment_unknown_key.toml", ":8: unknown key 'answers.failure.idempotency.chioce'"),
    ],
)
def test_each_bad_assessment_is_refused_with_a_located_message(workspace: Path, fixture: str, expected: str) -> None:
    error = refused(workspace / fixture)
    rendered = [f":{p.line}: {p.message}" if p.line else f": {p.message}" for p in error.problems]
    assert any(line.startswith(expected) for line in rendered), rendered


def test_wrong_type_reports_every_problem(workspace: Path) -> None:
    error = refused(workspace / "assessment_wrong_type.toml")
    assert len(error.problems) == 2
    assert any("confidence" in p.message and p.line == 12 for p in error.problems)


def test_answers_naming_unknown_choices_items_and_ids_are_refused(workspace: Path) -> None:
    error = refused(workspace / "assessment_unknown_choice.toml")
    messages = [f"{p.line}: {p.message}" for p in error.problems]
    assert (
        "8: failure.idempotency has no choice 'mostly' (choices: duplicates, some-flows, most-flows, all-flows)"
        in messages
    )
    assert "11: failure.retry has no item 'circuit-breaker'" in messages
    assert "17: flow stock: unknown system role 'warehouse'" in messages
    assert any(m.startswith("18: flow stock: unknown pattern 'carrier-pigeon'") for m in messages)


def test_save_is_atomic_and_leaves_no_temp_files(workspace: Path) -> None:
    assessment, _bundle = open_assessment(workspace / "assessment_valid.toml")
    target = workspace / "saved.toml"
    for index in range(20):
        assessment.answers["failure.idempotency"].note = f"revision {index}"
        save_assessment(assessment, target)
    assert load_assessment(target).answers["failure.idempotency"].note == "revision 19"
    assert [p.name for p in workspace.iterdir() if p.name.startswith(".saved.toml")] == []


def test_a_full_disk_leaves_the_previous_file_intact(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assessment, _bundle = open_assessment(workspace / "assessment_valid.toml")
    target = workspace / "saved.toml"
    save_assessment(assessment, target)
    before = target.read_bytes()

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", no_space)
    assessment.answers["failure.idempotency"].note = "this will not fit"
    with pytest.raises(SlicewiseError) as caught:
        save_assessment(assessment, target)
    assert "disk is full" in caught.value.problems[0].message
    assert target.read_bytes() == before
    assert sorted(p.name for p in workspace.iterdir() if p.name.startswith(".saved")) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_folder_gives_a_clear_error(workspace: Path) -> None:
    assessment, _bundle = open_assessment(workspace / "assessment_valid.toml")
    folder = workspace / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(SlicewiseError) as caught:
            save_assessment(assessment, folder / "a.toml")
        assert "permission denied" in caught.value.problems[0].message
    finally:
        folder.chmod(0o700)


def test_a_missing_folder_gives_a_clear_error(workspace: Path) -> None:
    assessment, _bundle = open_assessment(workspace / "assessment_valid.toml")
    with pytest.raises(SlicewiseError) as caught:
        save_assessment(assessment, workspace / "nowhere" / "a.toml")
    assert "folder does not exist" in caught.value.problems[0].message


def test_a_foreign_file_is_never_overwritten(workspace: Path) -> None:
    assessment, _bundle = open_assessment(workspace / "assessment_valid.toml")
    foreign = workspace / "assessment_no_format.toml"
    before = foreign.read_bytes()
    with pytest.raises(SlicewiseError) as caught:
        save_assessment(assessment, foreign)
    assert "not a slicewise assessment" in caught.value.problems[0].message
    assert foreign.read_bytes() == before


def test_a_folder_path_is_refused(workspace: Path) -> None:
    assessment, _bundle = open_assessment(workspace / "assessment_valid.toml")
    with pytest.raises(SlicewiseError):
        save_assessment(assessment, workspace / "mini")


def test_a_read_only_target_gives_a_clear_error_even_as_root(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assessment, _bundle = open_assessment(workspace / "assessment_valid.toml")
    target = workspace / "saved.toml"
    save_assessment(assessment, target)
    before = target.read_bytes()

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", read_only)
    with pytest.raises(SlicewiseError) as caught:
        save_assessment(assessment, target)
    assert "read-only" in caught.value.problems[0].message
    assert target.read_bytes() == before


def test_temp_files_left_by_a_killed_save_are_cleaned_up_once_stale(workspace: Path) -> None:
    assessment, _bundle = open_assessment(workspace / "assessment_valid.toml")
    target = workspace / "saved.toml"
    stale = workspace / ".saved.toml.abc123.tmp"
    fresh = workspace / ".saved.toml.def456.tmp"
    other = workspace / ".other.toml.abc123.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_text("half a save")
    old = stale.stat().st_mtime - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    save_assessment(assessment, target)
    assert not stale.exists()
    assert fresh.exists(), "a recent temp file may belong to a save still in progress"
    assert other.exists(), "temp files of other files are not ours to remove"


def test_an_answer_holding_ticks_and_dont_know_at_once_is_refused_with_its_line(workspace: Path) -> None:
    error = refused(workspace / "assessment_value_and_unknown.toml")
    assert [p.line for p in error.problems] == [10]
    assert error.problems[0].message.startswith("answers.failure.retry:")
    assert error.problems[0].message.endswith(
        "an answer is one of a value, don't know or N/A, but this one holds a value and don't know: "
        "keep the one that is true and delete the other"
    )


def test_a_format_1_file_loads_scores_and_saves_as_the_current_format(tmp_path: Path) -> None:
    """A `/1` file keeps every answer, flow and ownership row, scores, and is written back as the current format."""
    from slicewise.core.engine import evaluate

    source = tmp_path / "old.toml"
    shutil.copy(DATA / "format1_assessment.toml", source)
    old_text = source.read_text(encoding="utf-8")
    assert 'format = "slicewise-assessment/1"' in old_text
    assessment, bundle = open_assessment(source)
    assert assessment.format == FORMAT_TAG
    results = evaluate(bundle, assessment)
    assert results.overall.score is not None and results.risks
    save_assessment(assessment, source)
    saved = tomllib.loads(source.read_text(encoding="utf-8"))
    old = tomllib.loads(old_text)
    assert saved["format"] == FORMAT_TAG
    assert saved["answers"] == old["answers"]
    assert saved["ownership"] == old["ownership"]
    assert saved["flows"] == old["flows"]
    assert {key: value for key, value in saved["engagement"].items() if value} == old["engagement"]
    again, _ = open_assessment(source)
    assert again == assessment
    assert evaluate(bundle, again).overall == results.overall
