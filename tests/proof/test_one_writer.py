"""A file has one writer: two processes, a TUI and `ask` never overwrite each other's saved work."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from slicewise.core.errors import FileChangedError
from slicewise.core.models.assessment import Answer
from slicewise.core.rebase import rebase
from slicewise.core.store import (
    FileHold,
    hold_assessment,
    load_assessment,
    new_assessment,
    open_held,
    save_assessment,
    save_held,
)
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.opening import create_session, open_session
from slicewise.tui.screens.conflict import ConflictScreen
from slicewise.tui.session import Session

from .bundles import DATA

WRITER = Path(__file__).with_name("writer.py")
SRC = Path(__file__).resolve().parents[2] / "src"
TUI_MINI = DATA / "mini"


@pytest.fixture(autouse=True)
def _state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the recent-files list inside the test's folder."""
    monkeypatch.setenv("SLICEWISE_STATE_DIR", str(tmp_path / "state"))


def _writer(path: Path, question: str, text: str, mode: str) -> subprocess.Popen[str]:
    """Start a writer child with the checkout on its path."""
    env = {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(path), question, text, mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=WRITER.parent,
    )


def _say(process: subprocess.Popen[str], expected: str) -> None:
    """Read the child's next line and check it."""
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    assert line == expected, (
        f"expected {expected!r}, got {line!r}; stderr: {process.stderr.read() if process.stderr else ''}"
    )


def _go(process: subprocess.Popen[str]) -> None:
    """Tell the child to save."""
    assert process.stdin is not None
    process.stdin.write("go\n")
    process.stdin.flush()


@pytest.mark.parametrize("mode", ["refuse", "merge"])
def test_two_processes_saving_one_file_never_overwrite_each_other(tmp_path: Path, mode: str) -> None:
    """Both hold the same file; the second to save is told and overwrites nothing (and can merge in)."""
    path = tmp_path / "shared.toml"
    session = create_session(TUI_MINI, "Acme", path)
    assert session.path == path
    first = _writer(path, "context.platform", "Shopify", mode)
    second = _writer(path, "context.platform-notes", "Magento", mode)
    _say(first, "loaded")
    _say(second, "loaded")
    _go(first)
    _say(first, "saved")
    after_first = path.read_bytes()
    _go(second)
    _say(second, "changed")
    if mode == "refuse":
        assert second.wait(timeout=60) == 3
        assert path.read_bytes() == after_first
    else:
        _say(second, "merged")
        assert second.wait(timeout=60) == 0
        answers = load_assessment(path).answers
        assert answers["context.platform"].text == "Shopify"
        assert answers["context.platform-notes"].text == "Magento"
    assert first.wait(timeout=60) == 0


def test_a_held_file_changed_by_another_writer_is_refused_by_hash(tmp_path: Path) -> None:
    """Same size, same mtime, other content: the content hash still sees the change."""
    path = tmp_path / "a.toml"
    session = create_session(TUI_MINI, "Acme", path)
    _loaded, hold = hold_assessment(path)
    stat = path.stat()
    original = path.read_bytes()
    changed = original.replace(b"Acme", b"Acne")
    path.write_bytes(changed)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(FileChangedError) as caught:
        save_held(session.assessment, hold)
    assert "changed by someone else" in str(caught.value)
    assert path.read_bytes() == changed


def test_a_new_file_that_appeared_meanwhile_is_not_replaced(tmp_path: Path) -> None:
    """A writer creating a file refuses when another created it first."""
    path = tmp_path / "new.toml"
    hold = FileHold.empty(path)
    other = create_session(TUI_MINI, "Other", path)
    with pytest.raises(FileChangedError):
        save_held(new_assessment_like(other.assessment), hold)
    assert load_assessment(path).engagement.client == "Other"


def new_assessment_like(assessment: object) -> object:
    """Another assessment of the same questionnaire, for a competing save."""
    from slicewise.core.models.assessment import Assessment

    assert isinstance(assessment, Assessment)
    copy = assessment.model_copy(deep=True)
    copy.engagement.client = "Mine"
    return copy


def test_rebase_keeps_both_sides_and_names_what_both_changed(tmp_path: Path) -> None:
    """Ours replayed on theirs: disjoint edits both survive; an answer both changed keeps ours and is named."""
    path = tmp_path / "a.toml"
    session = create_session(TUI_MINI, "Acme", path)
    base = session.assessment.model_copy(deep=True)
    ours = base.model_copy(deep=True)
    theirs = base.model_copy(deep=True)
    ours.answers["context.platform"] = Answer(text="ours")
    ours.answers["failure.idempotency"] = Answer(choice="some-flows")
    theirs.answers["context.platform"] = Answer(text="theirs")
    theirs.answers["context.marketplaces"] = Answer(choice="yes")
    theirs.engagement.client = "Acme Ltd"
    merged = rebase(base, ours, theirs)
    answers = merged.assessment.answers
    assert answers["context.platform"].text == "ours"
    assert answers["failure.idempotency"].choice == "some-flows"
    assert answers["context.marketplaces"].choice == "yes"
    assert merged.assessment.engagement.client == "Acme Ltd"
    assert merged.both_changed == ["answers.context.platform.text"]


def _two_windows(path: Path, other_edit: Callable[[Session], None], choice: str) -> SlicewiseApp:
    """Run the app on `path`; another window saves `other_edit` meanwhile, one key typed here is refused
    with the conflict dialog (checked), and `choice` answers it. Returns the app, closed."""
    create_session(TUI_MINI, "Acme", path)
    app = SlicewiseApp(open_session(path))

    async def run() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            other = open_session(path)  # the other window opens the file as this one left it
            other_edit(other)
            other.save()
            before = path.read_bytes()
            await pilot.press("enter")  # on to the next question: one save (the place to resume), refused
            await pilot.pause()
            assert isinstance(app.screen, ConflictScreen)
            assert app.last_save is not None and not app.last_save.ok
            assert path.read_bytes() == before  # nothing overwritten
            await pilot.press(choice)
            await pilot.pause()
            assert app.last_save is not None and app.last_save.ok

    asyncio.run(run())
    return app


def test_two_tui_sessions_the_second_is_told_and_merges_in(tmp_path: Path) -> None:
    """Two windows on one file: this one is told, and merging in keeps both windows' answers."""
    path = tmp_path / "room.toml"
    app = _two_windows(path, lambda other: other.choose("context.marketplaces", "yes"), "m")
    saved = load_assessment(path)
    assert saved.answers["context.marketplaces"].choice == "yes"  # theirs
    assert saved.progress.current == app.current_session.assessment.progress.current != "context.platform"  # ours


def test_reload_takes_the_other_file(tmp_path: Path) -> None:
    """Reload drops this window's unsaved change and shows the file on disk."""
    path = tmp_path / "room.toml"
    app = _two_windows(path, lambda other: other.set_text("context.platform", "Magento"), "r")
    assert app.current_session.answer("context.platform").text == "Magento"
    assert load_assessment(path).answers["context.platform"].text == "Magento"


def test_open_held_and_save_assessment_agree(tmp_path: Path) -> None:
    """A file saved by the plain save is held by content afterwards."""
    path = tmp_path / "a.toml"
    session = create_session(TUI_MINI, "Acme", path)
    save_assessment(session.assessment, path)
    assessment, _bundle, hold = open_held(path)
    save_held(assessment, hold)
    assert hold.digest is not None


def test_ctrl_c_in_ask_keeps_what_another_writer_saved_meanwhile(tmp_path: Path) -> None:
    """While `ask` waits at a prompt the TUI saves an answer; ctrl+c then reloads and adds ours, never
    re-saving the stale copy, and the person is told."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from slicewise.ask import INTERRUPTED, AskSession, Terminal
    from slicewise.core.loader import load_bundle

    team = DATA / "team_questionnaire"
    path = tmp_path / "ann.toml"
    bundle = load_bundle(team)
    save_assessment(new_assessment_of(bundle), path)
    assessment, bundle, hold = open_held(path)
    lines: list[str] = []

    def echo(line: str) -> None:
        lines.append(line)
        if "question 2 of" in line:  # the room saves while the person reads the second question
            room = open_session(path)
            room.set_note("context.platform", "checked in the workshop")
            room.save()

    with create_pipe_input() as pipe:
        pipe.send_text("Shopware 6\r")
        pipe.send_text("\x03")
        terminal = Terminal(pipe, DummyOutput(), echo=echo)
        assert AskSession(bundle, assessment, path, terminal, hold=hold).run() == INTERRUPTED
    saved = load_assessment(path).answers["context.platform"]
    assert saved.text == "Shopware 6"
    assert saved.note == "checked in the workshop"
    assert "changed by someone else" in " ".join(lines)


def new_assessment_of(bundle: object) -> object:
    """An empty assessment of a bundle for respondent Ann."""
    from slicewise.core.loader import Bundle

    assert isinstance(bundle, Bundle)
    return new_assessment(bundle, client="Northwind", respondent="Ann")


def test_saved_is_printed_only_for_what_was_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Leaving the app with the last save refused says 'Not saved' (exit 1), never 'Saved'."""
    from datetime import datetime

    from slicewise.cli import main
    from slicewise.tui.app import SaveState

    path = tmp_path / "room.toml"
    create_session(TUI_MINI, "Acme", path)

    def left_unsaved(app: SlicewiseApp) -> None:
        app.last_save = SaveState(False, datetime.now(), "The file was changed by someone else\nmore")

    monkeypatch.setattr(SlicewiseApp, "run", left_unsaved)
    assert main(["open", str(path)]) == 1
    printed = capsys.readouterr().err
    assert "Not saved:" in printed and "changed by someone else" in printed and "Saved:" not in printed
    monkeypatch.setattr(SlicewiseApp, "run", lambda app: None)
    assert main(["open", str(path)]) == 0
    assert f"Saved: {path}" in capsys.readouterr().err
