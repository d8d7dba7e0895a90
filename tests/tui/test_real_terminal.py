"""The real command line in a real (pseudo-)terminal: open, answer by keys, quit, reopen with keys typed at once.

These run `python -m slicewise` with Textual's own terminal driver, as a consultant would, so they catch
what the headless pilot cannot: the terminal set-up, keys typed while the app is still starting, and the
exit message.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from slicewise.core.store import load_assessment
from slicewise.tui.session import Session

from .helpers import nth_choice, on_choices

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from terminal import Terminal

SRC = Path(__file__).resolve().parents[2] / "src"
CTRL_Q = "\x11"

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


def _slicewise(*args: str, state: Path, size: tuple[int, int] = (80, 24)) -> Terminal:
    """Start `slicewise ARGS` in a terminal of `size`, with its own state folder (and cache folder inside it)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(state),
        "PYTHONPATH": str(SRC),
        "SLICEWISE_STATE_DIR": str(state),
        "SLICEWISE_CACHE_DIR": str(state / "cache"),
    }
    return Terminal([sys.executable, "-m", "slicewise", *args], env=env, size=size, timeout=300)


def _prompt_start(session: Session, question_id: str) -> str:
    """The first words of a question's prompt, short enough to sit on one line at 80 columns."""
    question = session.question(question_id)
    assert question is not None
    return question.prompt[:20]


def test_open_answer_by_key_and_quit(session: Session, tmp_path: Path) -> None:
    first = on_choices(session)
    with _slicewise("open", str(session.path), state=tmp_path / "state") as terminal:
        terminal.wait_for(_prompt_start(session, first))
        terminal.type("2" + CTRL_Q)  # answered and quit at once: keys are applied in order
        assert terminal.wait_exit() == 0
        assert b"Saved:" in terminal.written
        assert b"Traceback" not in terminal.written
    assert load_assessment(session.path).answers[first].choice == nth_choice(session, first, 2)


TAKES_KEYS = "\x1b[?25l"
"""The first thing a Textual program writes once it has put the terminal in raw mode (it hides the cursor).
Keys typed before that belong to the terminal's line discipline, which no program can read yet: it echoes
them, holds them until ⏎, and takes ctrl+q and ctrl+s as flow control. So "the moment anything shows" is
this write, not the switch to the alternate screen written just before raw mode."""


BURN = "import time\nend = time.monotonic() + 120\nwhile time.monotonic() < end:\n    pass\n"
"""A CPU burner that stops by itself after two minutes, should the test never get to stop it."""


def test_keys_typed_the_moment_anything_shows_are_kept_under_load(session: Session, tmp_path: Path) -> None:
    first = on_choices(session)
    second = session.step(first, 1)
    burners = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(2)]
    try:
        for run in range(2):  # a first open, then a reopen of the file it saved
            with _slicewise("open", str(session.path), state=tmp_path / "state", size=(100, 30)) as terminal:
                terminal.wait_for(TAKES_KEYS)  # the program has the keyboard: it is starting
                terminal.type("2\r1" if run == 0 else "3")  # pick, confirm, pick on the next question
                terminal.type(CTRL_Q)
                assert terminal.wait_exit() == 0
                assert b"Traceback" not in terminal.written
            saved = load_assessment(session.path)
            if run == 0:
                assert saved.answers[first].choice == nth_choice(session, first, 2)
                assert saved.answers[second].choice == nth_choice(session, second, 1)
                assert saved.progress.current == second
            else:
                assert saved.answers[second].choice == nth_choice(session, second, 3)
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


def test_a_corrupt_file_is_refused_with_one_line_and_left_alone(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    original = (Path(__file__).resolve().parents[1] / "data" / "assessment_truncated.toml").read_bytes()
    bad.write_bytes(original)
    with _slicewise("open", str(bad), state=tmp_path / "state") as terminal:
        assert terminal.wait_exit() == 2
        written = terminal.written.decode("utf-8", "replace")
    assert "Traceback" not in written
    assert "bad.toml" in written
    assert bad.read_bytes() == original


def test_a_built_in_questionnaire_reopened_from_the_content_cache_keeps_keys_typed_at_once(tmp_path: Path) -> None:
    from slicewise.tui.opening import create_session

    state = tmp_path / "state"
    session = create_session("commerce-integration", "Acme", tmp_path / "acme.toml")
    first = on_choices(session)
    for run, key in enumerate("23"):  # loaded and kept, then read back from what was kept
        with _slicewise("open", str(session.path), state=state, size=(100, 30)) as terminal:
            terminal.wait_for(TAKES_KEYS)  # the program has the keyboard: it is starting
            terminal.type(key + CTRL_Q)
            assert terminal.wait_exit() == 0
            assert b"Traceback" not in terminal.written
        assert list((state / "cache" / "content").iterdir()), f"run {run}: nothing was kept"
        assert load_assessment(session.path).answers[first].choice == nth_choice(session, first, int(key))
