"""One test per case found by trying slicewise adversarially (issue cases 1-16, numbered in each name)."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from slicewise.cli import main
from slicewise.core.errors import SlicewiseError
from slicewise.core.store import load_assessment, open_held, save_assessment
from slicewise.tui.opening import create_session, open_session

from .bundles import DATA
from .faults import inject

TUI_MINI = DATA / "mini"


@pytest.fixture(autouse=True)
def _state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the recent-files list inside the test's folder."""
    monkeypatch.setenv("SLICEWISE_STATE_DIR", str(tmp_path / "state"))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run the command line and return its exit code and everything printed."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


# -- work lost (1-5); case 1 is tests/proof/test_one_writer.py -------------------------------------------


@pytest.mark.parametrize(
    "rewrite",
    [
        lambda text: "# written by hand\n\n" + text,
        lambda text: text.replace('format = "', 'format="', 1),
        lambda text: text.replace('format = "slicewise-assessment/1"', "'format' = 'slicewise-assessment/1'", 1),
    ],
    ids=["leading-comment", "no-spaces", "quoted-key-literal-string"],
)
def test_case_2_a_file_that_loads_also_saves(tmp_path: Path, rewrite: object) -> None:
    path = tmp_path / "a.toml"
    create_session(TUI_MINI, "Acme", path)
    assert callable(rewrite)
    path.write_text(rewrite(path.read_text()))
    session = open_session(path)
    session.set_text("context.platform", "Shopify")
    session.save()
    assert load_assessment(path).answers["context.platform"].text == "Shopify"


def test_case_3_saving_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real" / "a.toml"
    real.parent.mkdir()
    create_session(TUI_MINI, "Acme", real)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    session = open_session(link)
    session.set_text("context.platform", "Shopify")
    session.save()
    assert link.is_symlink()
    assert load_assessment(real).answers["context.platform"].text == "Shopify"
    assert not [p for p in real.parent.iterdir() if p.name.endswith(".tmp")]


def test_case_4_a_session_opened_by_a_relative_path_saves_after_its_folder_is_recreated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    create_session(TUI_MINI, "Acme", Path("a.toml"))
    session = open_session(Path("a.toml"))
    assert session.path.is_absolute()
    shutil.rmtree(work)
    work.mkdir()
    session.set_text("context.platform", "Shopify")
    session.save()
    assert load_assessment(work / "a.toml").answers["context.platform"].text == "Shopify"


def _ask(path: Path, keys: str, lines: list[str]) -> int:
    """Run `ask` on a new file of the team questionnaire with these keys; return its exit code."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from slicewise.ask import AskSession, Terminal
    from slicewise.core.loader import load_bundle
    from slicewise.core.store import new_assessment

    save_assessment(new_assessment(load_bundle(DATA / "team_questionnaire"), respondent="Ann"), path)
    assessment, bundle, hold = open_held(path)
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        terminal = Terminal(pipe, DummyOutput(), echo=lines.append)
        return AskSession(bundle, assessment, path, terminal, hold=hold).run()


def test_case_5_ask_on_a_full_disk_keeps_the_answer_and_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from slicewise.ask import INTERRUPTED

    path = tmp_path / "ann.toml"
    inject(monkeypatch, "write", errno.ENOSPC, nth=3)  # the save right after the first answer
    lines: list[str] = []
    # the answer, then Enter to try again once the disk has room, then ctrl+c
    assert _ask(path, "Shopware 6\r" + "\r" + "\x03", lines) == INTERRUPTED
    printed = " ".join(lines)
    assert "Not saved" in printed and "disk is full" in printed
    assert load_assessment(path).answers["context.platform"].text == "Shopware 6"


def test_case_5_ctrl_c_on_a_full_disk_says_the_answer_is_not_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ann.toml"
    lines: list[str] = []
    inject(monkeypatch, "write", errno.ENOSPC, nth=3)
    inject(monkeypatch, "write", errno.ENOSPC, nth=4)
    assert _ask(path, "Shopware 6\r" + "\x03", lines) == 2  # stopped at the retry prompt, disk still full
    assert "NOT saved" in " ".join(lines)
    assert "context.platform" not in load_assessment(path).answers


# -- crashes and hangs on small inputs (6-14) -----------------------------------------------------------


def _mini_with(fixture: str, tmp_path: Path) -> Path:
    """A copy of the mini questionnaire with one file replaced by a fixture (its first line names which)."""
    folder = tmp_path / "mini"
    shutil.copytree(DATA / "mini", folder)
    source = DATA / fixture
    first = source.read_text(encoding="utf-8").splitlines()[0]
    shutil.copyfile(source, folder / first.removeprefix("# replaces: ").strip())
    return folder


def _assessment_in(fixture: str, tmp_path: Path) -> Path:
    """An assessment fixture copied beside a copy of the mini questionnaire it names."""
    shutil.copytree(DATA / "mini", tmp_path / "mini", dirs_exist_ok=True)
    target = tmp_path / fixture
    shutil.copyfile(DATA / fixture, target)
    return target


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("hardening_version_superscript.toml", "unreadable format version"),
        ("hardening_version_5000_digits.toml", "unreadable format version"),
    ],
)
def test_case_6_odd_format_versions_are_refused_with_a_line(
    fixture: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _assessment_in(fixture, tmp_path)
    for command in ("score", "explain"):
        code, printed = _run(capsys, command, str(path))
        assert code == 2
        assert f"{fixture}:1: {expected}" in printed
        assert "unexpected" not in printed and len(printed) < 2000


@pytest.mark.parametrize(
    "fixture",
    ["hardening_nested_arrays.toml", "hardening_nested_inline_tables.toml", "hardening_nested_tables_in_file.toml"],
)
def test_case_7_deep_nesting_is_refused_with_a_line(
    fixture: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _assessment_in(fixture, tmp_path)
    for command in ("score", "explain", "export"):
        code, printed = _run(
            capsys, command, str(path), *(["-o", str(tmp_path / "out")] if command == "export" else [])
        )
        assert code == 2, printed
        assert "nested more than" in printed and f"{fixture}:4" in printed
        assert "unexpected" not in printed


def _loop(tmp_path: Path, name: str) -> Path:
    """A symbolic link that points to itself."""
    link = tmp_path / name
    link.symlink_to(link)
    return link


def test_case_8_symlink_loops_get_a_clear_message_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = _loop(tmp_path, "loop.toml")
    for argv in (["score", str(loop)], ["merge", str(loop), "-o", str(tmp_path / "t.toml")]):
        code, printed = _run(capsys, *argv)
        assert code == 2 and "symbolic link loop" in printed and "unexpected" not in printed
    code, printed = _run(capsys, "merge", *map(str, [DATA / "team_respondent_ann.toml"]), "-o", str(loop))
    assert code == 2 and "symbolic link loop" in printed
    with pytest.raises(SlicewiseError, match="symbolic link loop"):
        open_session(loop)


@pytest.mark.parametrize("target", ["context.toml", "scoring/risks.toml", "scoring/scoring.toml"])
def test_case_8_a_symlink_loop_in_a_questionnaire_folder_is_reported(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(DATA / "mini", folder)
    (folder / target).unlink()
    _loop(folder, target)
    code, printed = _run(capsys, "validate", str(folder))
    assert code == 1
    assert "symbolic link loop" in printed and Path(target).name in printed


@pytest.mark.parametrize("fixture", ["hardening_weight_inf.toml", "hardening_weight_nan.toml"])
def test_case_9_an_infinite_weight_is_refused_by_validate(
    fixture: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _mini_with(fixture, tmp_path)
    code, printed = _run(capsys, "validate", str(folder))
    assert code == 1
    assert "failure.toml:8: question[0].weight" in printed and "finite" in printed


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("hardening_number_out_of_range.toml", ":18: targets.failure: 99999999999 is out of range"),
        ("hardening_number_400_digits.toml", ":18: targets.failure: a number of 400 digits is out of range"),
        ("hardening_number_5000_digits.toml", ":18: a number has thousands of digits"),
    ],
)
def test_case_9_numbers_out_of_range_are_refused(
    fixture: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _assessment_in(fixture, tmp_path)
    code, printed = _run(capsys, "score", "--json", str(path))
    assert code == 2 and f"{fixture}{expected}" in printed and "NaN" not in printed


def test_case_10_fifos_and_devices_are_refused_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    for path, kind in ((fifo, "named pipe"), (Path("/dev/zero"), "device"), (link, "device")):
        code, printed = _run(capsys, "score", str(path))
        assert code == 2 and kind in printed, printed
    with pytest.raises(SlicewiseError, match="named pipe"):
        save_assessment(load_assessment(_assessment_in("hardening_bom.toml", tmp_path)), fifo)


def test_case_10_a_fifo_as_a_scoring_file_or_area_file_is_reported_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(DATA / "mini", folder)
    for name in ("scoring/roadmap.toml", "context.toml"):
        (folder / name).unlink()
        os.mkfifo(folder / name)
    (folder / "failure.toml").unlink()
    (folder / "failure.toml").mkdir()
    code, printed = _run(capsys, "validate", str(folder))
    assert code == 1
    assert "roadmap.toml: this is a named pipe (FIFO)" in printed
    assert "context.toml: this is a named pipe (FIFO)" in printed
    assert "failure.toml: this is a folder" in printed


def test_case_10_a_file_above_the_limit_is_refused_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from slicewise.core.paths import MAX_INPUT_BYTES

    big = tmp_path / "big.toml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)  # sparse: no disk used, and never read
    code, printed = _run(capsys, "score", str(big))
    assert code == 2 and "slicewise reads files up to 32 MiB" in printed


def test_case_11_a_condition_naming_24_checklist_items_validates_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import tracemalloc

    folder = _mini_with("hardening_checklist_condition_24_items.toml", tmp_path)
    tracemalloc.start()
    code, printed = _run(capsys, "validate", str(folder))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert code == 0, printed
    assert peak < 200 * 2**20  # bounded before any state is built (was 4.2 GB at 20 items)


def test_case_12_a_template_format_spec_is_refused_by_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _mini_with("hardening_template_format_spec.toml", tmp_path)
    code, printed = _run(capsys, "validate", str(folder))
    assert code == 1
    assert "scoring.toml:118: flows.no_failure_owner.title: '{flow:>1500000000}' is not a placeholder" in printed


def test_case_12_a_format_spec_is_never_expanded_when_filling() -> None:
    from slicewise.core.risks import _fill  # the one function that fills templates

    assert _fill("{flow:>1500000000} and {flow}", {"flow": "Orders"}) == "{flow:>1500000000} and Orders"


@pytest.mark.parametrize("argv", [["new"], ["open", "x.toml"], []])
def test_case_13_the_tui_refuses_without_a_terminal(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.undo()  # the real terminal check (the suite's default pretends there is one)
    monkeypatch.setenv("SLICEWISE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    code, printed = _run(capsys, *argv)
    assert code == 2
    assert "No terminal for the TUI" in printed and "not a terminal" in printed
    assert list(tmp_path.glob("*.toml")) == []


# -- user text reaching the terminal (15) and messages (16) ----------------------------------------------


def test_case_15_escape_sequences_in_user_text_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _assessment_in("hardening_escape_sequences.toml", tmp_path)
    outputs = []
    for argv in (["score", str(path)], ["explain", str(path)], ["validate", str(DATA / "mini")]):
        code, printed = _run(capsys, *argv)
        assert code == 0, printed
        outputs.append(printed)
    merged = tmp_path / "team.toml"
    code, printed = _run(
        capsys, "merge", str(path), str(_assessment_in("assessment_valid.toml", tmp_path)), "-o", str(merged)
    )
    outputs.append(printed)
    bad = tmp_path / "bad.toml"
    bad.write_text(path.read_text().replace("[engagement]", '[engagement]\n"\\u001b]0;owned\\u0007" = 1'))
    code, printed = _run(capsys, "score", str(bad))
    assert code == 2 and "unknown key" in printed
    outputs.append(printed)
    for printed in outputs:
        assert "\x1b" not in printed and "\x07" not in printed and "\u202e" not in printed
    assert "\\x1b" in outputs[0]  # shown, escaped, not dropped


def test_case_16_a_table_name_typo_is_reported_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _assessment_in("hardening_answer_typo.toml", tmp_path)
    code, printed = _run(capsys, "score", str(path))
    assert code == 2
    assert "hardening_answer_typo.toml:20: unknown key 'answer'" in printed


def test_case_16_a_byte_order_mark_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _assessment_in("hardening_bom.toml", tmp_path)
    code, printed = _run(capsys, "score", str(path))
    assert code == 0, printed


@pytest.mark.parametrize("fixture", ["hardening_long_text.toml"])
def test_strings_above_the_bound_are_refused_with_a_line(
    fixture: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _assessment_in(fixture, tmp_path)
    code, printed = _run(capsys, "score", str(path))
    assert code == 2 and f"{fixture}:14: answers.failure.idempotency.note: text of 100,001 characters" in printed


def test_case_14_a_respondent_name_of_megabytes_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The text bound stops a 2 MB name before any merge work (scale itself is measured in bench/bench_scale.py)."""
    ann = DATA / "team_respondent_ann.toml"
    huge = tmp_path / "huge.toml"
    huge.write_text(ann.read_text().replace('respondent = "Ann"', 'respondent = "' + "A" * 2_000_000 + '"'))
    assert "A" * 1000 in huge.read_text()
    code, printed = _run(capsys, "merge", str(ann), str(huge), "-o", str(tmp_path / "team.toml"))
    assert code == 2
    assert "huge.toml:" in printed and "engagement.respondent: text of 2,000,000 characters is too long" in printed
    assert len(printed) < 2000 and not (tmp_path / "team.toml").exists()


def test_case_8_and_10_open_names_a_loop_or_a_pipe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    for path, expected in ((_loop(tmp_path, "loop.toml"), "symbolic link loop"), (fifo, "named pipe (FIFO)")):
        code, printed = _run(capsys, "open", str(path))
        assert code == 2 and expected in printed and "unexpected" not in printed


def test_case_10_ask_onto_a_pipe_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from slicewise.ask import Terminal
    from slicewise.cli.team_commands import run_ask

    fifo = tmp_path / "answers.toml"
    os.mkfifo(fifo)
    args = argparse.Namespace(
        output=fifo,
        respondent="Ann",
        client="",
        questionnaire=str(DATA / "team_questionnaire"),
        area=None,
        revisit=False,
    )
    with create_pipe_input() as pipe, pytest.raises(SlicewiseError, match="named pipe"):
        run_ask(args, Terminal(pipe, DummyOutput(), echo=lambda line: None))
