"""TUI start-up: `slicewise open FILE` to the first question on screen, against a bare Textual app.

Both sides run in a fresh Python subprocess with Textual's headless driver and exit as soon as their first
screen is painted (ours: the question's answer widget is mounted and a refresh has passed; the baseline:
Header, Static and Footer are mounted and a refresh has passed). Both import the same Textual, so the ratio
measures what slicewise adds: the command line, pydantic, loading and checking the questionnaire, scoring the
answers and building the question screen.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from harness import Case

SRC = Path(__file__).resolve().parent.parent / "src"

OURS = """
import sys
from pathlib import Path
from slicewise.cli import build_parser
from slicewise.tui.opening import open_session
from slicewise.tui.app import SlicewiseApp

args = build_parser().parse_args(["open", sys.argv[1]])
app = SlicewiseApp(open_session(Path(args.file)))

async def first_question(pilot):
    from slicewise.tui.screens.question import QuestionScreen
    while not (isinstance(app.screen, QuestionScreen) and app.screen.answer_widget is not None
               and app.screen.answer_widget.is_mounted):
        await pilot.pause()
    await pilot.pause()
    assert "openpyxl" not in sys.modules and "questionary" not in sys.modules, "heavy import at start-up"
    app.exit()

app.run(headless=True, auto_pilot=first_question, size=(100, 30))
"""

BASELINE = """
import sys
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Which commerce platform runs the storefront?")
        yield Footer()

app = Bare()

async def first_screen(pilot):
    while not app.screen.query(Static):
        await pilot.pause()
    await pilot.pause()
    app.exit()

app.run(headless=True, auto_pilot=first_screen, size=(100, 30))
"""


BASELINE_WITH_CORE = (
    """
import sys
from pathlib import Path
from slicewise.cli import build_parser
from slicewise.core.engine import evaluate
from slicewise.core.store import open_assessment

args = build_parser().parse_args(["open", sys.argv[1]])
assessment, bundle = open_assessment(Path(args.file))
evaluate(bundle, assessment)
"""
    + BASELINE
)
"""The bare app after the same command-line parsing, loading and scoring: isolates what the TUI itself adds."""


def _assessment(folder: Path) -> Path:
    """Write a half-answered assessment of the built-in questionnaire to open."""
    sys.path.insert(0, str(SRC))
    from slicewise.core.demo import write_demo

    _bundle, _assessment, path = write_demo(folder)
    return path


def _launcher(code: str, *args: str) -> object:
    """Return a function that runs `code` in a fresh interpreter and checks it exited cleanly."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "SLICEWISE_STATE_DIR": tempfile.mkdtemp(prefix="sw-state-")}

    def run() -> None:
        done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"launch failed: {done.stderr[-2000:]}")

    return run


def cases(quick: bool) -> list[Case]:
    """One row: launch to the first question, against a bare Textual app."""
    path = _assessment(Path(tempfile.mkdtemp(prefix="slicewise-bench-tui-")))
    return [
        Case(
            name="TUI: open FILE to first question on screen",
            ours=_launcher(OURS, str(path)),  # type: ignore[arg-type]
            baseline=_launcher(BASELINE),  # type: ignore[arg-type]
            goal=1.3,
            goal_text="ratio ≤ 1.3 (bare app)",
            repeats=11,
            quick_repeats=5,
            notes=["subprocess, headless driver, exits once the first screen is painted"],
        ),
        Case(
            name="TUI: same, against bare app + load and score",
            ours=_launcher(OURS, str(path)),  # type: ignore[arg-type]
            baseline=_launcher(BASELINE_WITH_CORE, str(path)),  # type: ignore[arg-type]
            goal=1.3,
            goal_text="ratio ≤ 1.3 (TUI's own)",
            repeats=11,
            quick_repeats=5,
            notes=["the baseline loads and scores the same file first: the ratio is the TUI's own cost"],
        ),
        *keypress_cases(),
    ]


class _RunningApp:
    """A Textual app driven by its pilot from a background event loop, so each key can be timed alone."""

    def __init__(self, make_app: object, size: tuple[int, int] = (100, 30)) -> None:
        """Start the app (built by `make_app()`) headless and wait until its first screen is up."""
        import asyncio
        import threading

        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.pilot: object = None
        self._stop: asyncio.Event | None = None

        async def main() -> None:
            app = make_app()  # type: ignore[operator]
            self._stop = asyncio.Event()
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                self.pilot = pilot
                self.ready.set()
                await self._stop.wait()

        self.thread = threading.Thread(target=lambda: self.loop.run_until_complete(main()), daemon=True)
        self.thread.start()
        self.ready.wait(60)

    def press(self, key: str) -> None:
        """Press one key and return once the app has handled it and repainted."""
        import asyncio

        async def go() -> None:
            await self.pilot.press(key)  # type: ignore[attr-defined]

        asyncio.run_coroutine_threadsafe(go(), self.loop).result(30)


def keypress_cases() -> list[Case]:
    """Answering a choice by key (answer, rescore, redraw) against moving the highlight of a bare list."""
    sys.path.insert(0, str(SRC))
    os.environ["SLICEWISE_STATE_DIR"] = tempfile.mkdtemp(prefix="sw-state-")  # keep the user's recent list clean
    from textual.app import App
    from textual.widgets import Footer, OptionList

    from slicewise.tui.app import SlicewiseApp
    from slicewise.tui.opening import open_session

    path = _assessment(Path(tempfile.mkdtemp(prefix="slicewise-bench-keys-")))
    session = open_session(path)
    session.assessment.progress.current = next(q.id for q in session.questions if q.kind == "choice")
    ours = _RunningApp(lambda: SlicewiseApp(session))

    class Bare(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield OptionList(*[f"choice {n}" for n in range(5)])
            yield Footer()

    bare = _RunningApp(Bare)
    turn = {"ours": 0, "bare": 0}

    def answer() -> None:
        turn["ours"] += 1
        ours.press("2" if turn["ours"] % 2 else "3")

    def move() -> None:
        turn["bare"] += 1
        bare.press("down" if turn["bare"] % 2 else "up")

    return [
        Case(
            name="TUI: key answers a question (save, rescore, redraw)",
            ours=answer,
            baseline=move,
            goal=2.0,
            goal_text="ratio ≤ 2 (bare list key)",
            repeats=31,
            quick_repeats=11,
            notes=["both timed through Textual's pilot, which waits for the key to be handled and painted"],
        )
    ]
