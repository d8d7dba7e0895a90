"""The real command line in a real (pseudo-)terminal: open, answer by keys, quit, reopen behind the cover.

These run `python -m slicewise` with Textual's own terminal driver, as a consultant would, so they catch
what the headless pilot cannot: the terminal set-up, the cover painted from a real launch, keys typed while
it is up, and the exit message.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from slicewise.core.store import load_assessment
from slicewise.tui.cover import cover_path, load_cover
from slicewise.tui.session import Session

from .test_cover import _nth_choice, _on_choices

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from terminal import Terminal

SRC = Path(__file__).resolve().parents[2] / "src"
CTRL_Q = "\x11"

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


def _slicewise(*args: str, state: Path, size: tuple[int, int] = (80, 24)) -> Terminal:
    """Start `slicewise ARGS` in a terminal of `size`, with its own state folder."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(state),
        "PYTHONPATH": str(SRC),
        "SLICEWISE_STATE_DIR": str(state),
    }
    return Terminal([sys.executable, "-m", "slicewise", *args], env=env, size=size, timeout=60)


def _prompt_start(session: Session, question_id: str) -> str:
    """The first words of a question's prompt, short enough to sit on one line at 80 columns."""
    question = session.question(question_id)
    assert question is not None
    return question.prompt[:20]


def test_open_answer_by_key_and_quit(session: Session, tmp_path: Path) -> None:
    first = _on_choices(session)
    with _slicewise("open", str(session.path), state=tmp_path / "state") as terminal:
        terminal.wait_for(_prompt_start(session, first))
        terminal.type("2")
        time.sleep(0.3)  # let the answer land before quitting, as a person would
        terminal.type(CTRL_Q)
        assert terminal.wait_exit() == 0
        assert b"Saved:" in terminal.written
        assert b"Traceback" not in terminal.written
    assert load_assessment(session.path).answers[first].choice == _nth_choice(session, first, 2)


def test_reopen_paints_the_cover_and_applies_keys_typed_on_it(session: Session, tmp_path: Path) -> None:
    first = _on_choices(session)
    state = tmp_path / "state"  # the tests' own state folder too (conftest), so cover_path looks there
    prompt = _prompt_start(session, first)
    with _slicewise("open", str(session.path), state=state, size=(100, 30)) as terminal:
        terminal.wait_for(prompt)
        for _ in range(100):  # kept after a quiet second on the question
            if cover_path(session.path).exists():
                break
            time.sleep(0.05)
        assert cover_path(session.path).exists(), "no cover kept after a quiet second"
        terminal.type(CTRL_Q)
        assert terminal.wait_exit() == 0
    cover = load_cover(session.path)
    assert cover is not None and cover.size == (100, 30)  # so the next launch paints it
    with _slicewise("open", str(session.path), state=state, size=(100, 30)) as terminal:
        terminal.wait_for(prompt)
        terminal.type("2")  # typed the moment the cover shows, while the session may still be loading
        time.sleep(0.3)
        terminal.type(CTRL_Q)
        assert terminal.wait_exit() == 0
        assert b"Traceback" not in terminal.written
    assert load_assessment(session.path).answers[first].choice == _nth_choice(session, first, 2)


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
