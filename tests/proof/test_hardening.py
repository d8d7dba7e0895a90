"""One test per case found by trying slicewise adversarially (issue cases 1-16, numbered in each name)."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from slicewise.cli import main
from slicewise.core.store import load_assessment, open_held, save_assessment
from slicewise.tui.opening import create_session, open_session

from .bundles import DATA
from .faults import inject

TUI_MINI = DATA / "tui_mini"


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


def test_case_5_ask_on_a_full_disk_keeps_the_answer_and_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from slicewise.ask import INTERRUPTED, AskSession, Terminal
    from slicewise.core.loader import load_bundle
    from slicewise.core.store import new_assessment

    bundle = load_bundle(DATA / "team_questionnaire")
    path = tmp_path / "ann.toml"
    save_assessment(new_assessment(bundle, respondent="Ann"), path)
    assessment, bundle, hold = open_held(path)
    inject(monkeypatch, "write", errno.ENOSPC, nth=2)  # the save right after the first answer
    lines: list[str] = []
    with create_pipe_input() as pipe:
        pipe.send_text("Shopware 6\r")  # the answer
        pipe.send_text("\r")  # the disk has room again: try again
        pipe.send_text("\x03")
        terminal = Terminal(pipe, DummyOutput(), echo=lines.append)
        assert AskSession(bundle, assessment, path, terminal, hold=hold).run() == INTERRUPTED
    printed = " ".join(lines)
    assert "Not saved" in printed and "disk is full" in printed
    assert load_assessment(path).answers["context.platform"].text == "Shopware 6"


def test_case_5_ctrl_c_on_a_full_disk_says_the_answer_is_not_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from slicewise.ask import AskSession, Terminal
    from slicewise.core.loader import load_bundle
    from slicewise.core.store import new_assessment

    bundle = load_bundle(DATA / "team_questionnaire")
    path = tmp_path / "ann.toml"
    save_assessment(new_assessment(bundle, respondent="Ann"), path)
    assessment, bundle, hold = open_held(path)
    lines: list[str] = []
    with create_pipe_input() as pipe, monkeypatch.context() as patch:
        inject(patch, "write", errno.ENOSPC, nth=2)
        inject(patch, "write", errno.ENOSPC, nth=3)
        pipe.send_text("Shopware 6\r")
        pipe.send_text("\x03")  # stop at the retry prompt: the disk is still full
        terminal = Terminal(pipe, DummyOutput(), echo=lines.append)
        assert AskSession(bundle, assessment, path, terminal, hold=hold).run() == 2
    assert "NOT saved" in " ".join(lines)
    assert "context.platform" not in load_assessment(path).answers
