"""`merge -o` never replaces what it should not: existing files, its own inputs, a file given twice; a
team file already worked on is merged into, keeping the room's settled answers and notes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from slicewise.cli import main
from slicewise.cli.team_commands import merge_files
from slicewise.core.store import load_assessment, save_assessment

from .helpers import DATA, RESPONDENTS


def _merge(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run `slicewise merge` and return its exit code and everything it printed."""
    code = main(["merge", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_an_existing_assessment_is_not_replaced_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "team.toml"
    out.write_bytes(RESPONDENTS[0].read_bytes())
    before = out.read_bytes()
    code, printed = _merge(capsys, *map(str, RESPONDENTS[1:]), "-o", str(out))
    assert code == 2
    assert "not a team file" in printed and "--force" in printed and "team.toml" in printed
    assert out.read_bytes() == before
    code, printed = _merge(capsys, *map(str, RESPONDENTS[1:]), "-o", str(out), "--force")
    assert code == 0
    assert load_assessment(out).merge is not None


def test_a_foreign_file_is_never_replaced_even_with_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("my own notes\n")
    for extra in ([], ["--force"]):
        code, printed = _merge(capsys, *map(str, RESPONDENTS), "-o", str(out), *extra)
        assert code == 2
        assert "not a slicewise assessment" in printed
    assert out.read_text() == "my own notes\n"


def test_the_output_may_not_be_an_input_even_through_a_symlink(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ann = tmp_path / "ann.toml"
    ann.write_bytes(RESPONDENTS[0].read_bytes())
    link = tmp_path / "link.toml"
    link.symlink_to(ann)
    before = ann.read_bytes()
    code, printed = _merge(capsys, str(ann), str(RESPONDENTS[1]), "-o", str(link), "--force")
    assert code == 2
    assert "ann.toml: is also the output file" in printed
    assert ann.read_bytes() == before and link.is_symlink()


def test_the_same_file_given_twice_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, printed = _merge(
        capsys, str(RESPONDENTS[0]), str(RESPONDENTS[1]), str(RESPONDENTS[0]), "-o", str(tmp_path / "t.toml")
    )
    assert code == 2
    assert f"{RESPONDENTS[0]}: is given twice" in printed
    other = tmp_path / "again.toml"
    os.symlink(RESPONDENTS[1], other)
    code, printed = _merge(capsys, str(RESPONDENTS[1]), str(other), "-o", str(tmp_path / "t.toml"))
    assert code == 2
    assert f"again.toml: is given twice (the same file as {RESPONDENTS[1]})" in printed
    assert not (tmp_path / "t.toml").exists()


def test_a_team_file_is_merged_into_and_keeps_what_the_room_settled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = tmp_path / "team.toml"
    assert _merge(capsys, *map(str, RESPONDENTS[:2]), "-o", str(team))[0] == 0
    worked = load_assessment(team)
    question = "ownership.source-of-truth"
    answer = worked.answers[question]
    rebuilt = merge_files(RESPONDENTS).answers[question].choice
    answer.choice = next(c for c in ("all", "none") if c != rebuilt)  # the room decided otherwise
    answer.note = "Agreed in the workshop: the ERP is the source of truth."
    worked.answers[question] = answer
    save_assessment(worked, team)
    code, printed = _merge(capsys, str(RESPONDENTS[2]), "-o", str(team))
    assert code == 0, printed
    assert "settled answers" in printed
    after = load_assessment(team)
    assert after.merge is not None
    assert after.merge.respondents == ["Ann", "Bo", "Cy"]
    kept = after.answers[question]
    assert kept.note == "Agreed in the workshop: the ERP is the source of truth."
    assert kept.choice == answer.choice
    assert [r.respondent for r in kept.respondents] == ["Ann", "Bo", "Cy"]


def test_merging_a_respondent_again_replaces_their_earlier_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = tmp_path / "team.toml"
    assert _merge(capsys, *map(str, RESPONDENTS[:2]), "-o", str(team))[0] == 0
    assert _merge(capsys, str(RESPONDENTS[1]), "-o", str(team))[0] == 0
    after = load_assessment(team)
    assert after.merge is not None and after.merge.respondents == ["Ann", "Bo"]
    for answer in after.answers.values():
        names = [r.respondent for r in answer.respondents]
        assert len(names) == len(set(names))


def test_a_team_file_of_another_version_is_not_merged_into(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = tmp_path / "team.toml"
    assert _merge(capsys, *map(str, RESPONDENTS[:2]), "-o", str(team))[0] == 0
    before = team.read_bytes()
    code, printed = _merge(capsys, str(DATA / "team_other_version.toml"), "-o", str(team))
    assert code == 2 and "one version only" in printed
    assert team.read_bytes() == before
