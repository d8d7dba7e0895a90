"""TUI start-up: `slicewise open FILE` to the first question on screen, against a bare Textual app.

Every side runs in a fresh Python subprocess with Textual's headless driver and exits as soon as its first
screen is painted. Reopening a file paints its cover (the last frame of its question screen, kept by the app)
and loads the session behind it; a file never opened on this machine is loaded first and then painted. Both
are measured: the cover row against the goal, the first-time open and the time until the question takes keys
as reported rows, so nothing is hidden behind the cover.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

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

OURS_COVER = """
import sys
from pathlib import Path
from slicewise.cli import build_parser
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.cover import load_cover

args = build_parser().parse_args(["open", sys.argv[1]])
cover = load_cover(Path(args.file))
assert cover is not None, "no cover to reopen with"
assert any(sys.argv[2] in "".join(text for text, _ in line) for line in cover.lines), "the cover lacks the question"
app = SlicewiseApp(cover=cover)
load = app.covering.load

async def first_question():
    # Called once the cover's frame has been written out: the first question is on screen.
    assert "pydantic" not in sys.modules, "the core was imported before the first frame"
    if sys.argv[3] == "painted":
        app.exit()
        return
    await load()
    from slicewise.tui.screens.question import QuestionScreen

    def takes_keys():
        screen = app.screen
        if isinstance(screen, QuestionScreen) and screen.answer_widget is not None and (
            screen.answer_widget.is_mounted and app.covering.held is None
        ):
            app.exit()

    app.set_interval(0.002, takes_keys)

app.covering.load = first_question
app.run(headless=True, size=(100, 30))
"""
"""Reopen with a cover; argv: file, the start of the question's prompt, and `painted` or `keys` (when to stop)."""

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


def _keep_cover(path: Path, state: str) -> str:
    """Open the file once in the app at the bench size, keep its cover, and return the start of its prompt."""
    import asyncio

    os.environ["SLICEWISE_STATE_DIR"] = state
    from slicewise.tui.app import SlicewiseApp
    from slicewise.tui.opening import open_session

    session = open_session(path)
    question = session.question(session.start_question())
    assert question is not None

    async def keep() -> None:
        app = SlicewiseApp(session)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            if not app.covering.keep():
                raise RuntimeError("no cover was kept")

    asyncio.run(keep())
    return question.prompt[:30]


def _launcher(code: str, *args: str, state: str | None = None) -> object:
    """Return a function that runs `code` in a fresh interpreter and checks it exited cleanly."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "SLICEWISE_STATE_DIR": state or tempfile.mkdtemp(prefix="sw-state-")}

    def run() -> None:
        done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"launch failed: {done.stderr[-2000:]}")

    return run


def _launch_row(name: str, ours: object, baseline: object, goal: float | None, goal_text: str, note: str) -> Case:
    """One start-up row: 11 alternating launches per side (5 with --quick)."""
    return Case(
        name=name,
        ours=ours,  # type: ignore[arg-type]
        baseline=baseline,  # type: ignore[arg-type]
        goal=goal,
        goal_text=goal_text,
        notes=[note],
        repeats=11,
        quick_repeats=5,
    )


def cases(quick: bool) -> list[Case]:
    """Reopening (cover) and a first-time open to the first question, against a bare Textual app."""
    path = _assessment(Path(tempfile.mkdtemp(prefix="slicewise-bench-tui-")))
    state = tempfile.mkdtemp(prefix="sw-state-")
    prompt = _keep_cover(path, state)
    bare = _launcher(BASELINE)
    return [
        _launch_row(
            "TUI: reopen FILE to first question on screen",
            _launcher(OURS_COVER, str(path), prompt, "painted", state=state),
            bare,
            1.3,
            "ratio ≤ 1.3 (bare app)",
            "the cover is painted before pydantic or the core is imported",
        ),
        _launch_row(
            "TUI: reopen FILE until the question takes keys",
            _launcher(OURS_COVER, str(path), prompt, "keys", state=state),
            bare,
            None,
            "reported",
            "session loaded behind the cover, keys typed meanwhile applied",
        ),
        _launch_row(
            "TUI: first open of FILE (no cover) to first question",
            _launcher(OURS, str(path)),
            bare,
            None,
            "reported",
            "a file this machine has not drawn yet: loaded, checked and scored before the first frame",
        ),
        _launch_row(
            "TUI: same, against bare app + load and score",
            _launcher(OURS, str(path)),
            _launcher(BASELINE_WITH_CORE, str(path)),
            1.3,
            "ratio ≤ 1.3 (TUI's own)",
            "the baseline loads and scores the same file first: the ratio is the TUI's own cost",
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
        self.app: Any = None
        self._stop: asyncio.Event | None = None

        async def main() -> None:
            app = make_app()  # type: ignore[operator]
            self._stop = asyncio.Event()
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                self.pilot = pilot
                self.app = app
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

    matrix_session = open_session(_assessment(Path(tempfile.mkdtemp(prefix="slicewise-bench-matrix-"))))
    matrix_session.assessment.progress.current = session.assessment.progress.current  # letters are keys there
    matrix = _RunningApp(lambda: SlicewiseApp(matrix_session))
    matrix.press("o")  # the ownership matrix, cursor on the first object's first system
    assert type(matrix.app.screen).__name__ == "OwnershipScreen", "the matrix did not open"

    def cycle_cell() -> None:
        matrix.press("space")

    return [
        Case(
            name="TUI: key cycles an ownership cell (save, rescore, redraw)",
            ours=cycle_cell,
            baseline=move,
            goal=None,
            goal_text="reported",
            repeats=31,
            quick_repeats=11,
            notes=["the grid redraws every cell after a change (the DataTable drops its cell cache on any update)"],
        ),
        Case(
            name="TUI: key answers a question (save, rescore, redraw)",
            ours=answer,
            baseline=move,
            goal=2.0,
            goal_text="ratio ≤ 2 (bare list key)",
            repeats=31,
            quick_repeats=11,
            notes=["both timed through Textual's pilot, which waits for the key to be handled and painted"],
        ),
    ]
