"""TUI start-up, as a person sees it: from launching `slicewise open FILE` in a terminal until the first question
is on screen, against a bare Textual app launched the same way.

Every launch runs in a fresh Python process inside a pseudo-terminal with Textual's real driver, and is timed
until the question's text has been written to the terminal; it is then killed, so neither side is charged for
shutting down. A first open uses a fresh state folder (nothing about the file is known) with the cache folder
of an earlier run (the built-in content kept by `core/contentcache`, as on any machine where slicewise has run
before); a reopen uses the state folder of a launch that already opened and quit the file (its recent list and
theme are there). Both read, check and score the file and draw the real question screen. A first launch after
installing, with an empty cache folder too, is reported on its own row.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness import Case, SelfTimed
from terminal import time_to_text

SRC = Path(__file__).resolve().parent.parent / "src"

BASELINE = """
import sys
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static(sys.argv[-1])
        yield Footer()

Bare().run()
"""
"""The bare app: a header, one line of text (its last argument) and a footer."""

BASELINE_WITH_CORE = (
    """
import os
import sys
from pathlib import Path
from slicewise.cli import build_parser
from slicewise.core.contentcache import keep_bundles_in
from slicewise.core.engine import evaluate
from slicewise.core.store import open_assessment

keep_bundles_in(Path(os.environ["SLICEWISE_CACHE_DIR"]) / "content")
args = build_parser().parse_args(["open", sys.argv[1]])
assessment, bundle = open_assessment(Path(args.file))
evaluate(bundle, assessment)
"""
    + BASELINE
)
"""The bare app after the same command-line parsing, loading (with the same cache folder) and scoring: isolates
what the TUI itself adds."""

START_TEXT = "New assessment"
"""The start screen's first choice: the sign that `slicewise` is up."""
FIRST_PROMPT = "Which commerce platform runs"
"""The start of the built-in questionnaire's first question, where a new assessment opens."""

PALETTE_KEY = "\x10"
"""ctrl+p, typed the moment the first question shows: it opens the command palette on any screen."""
PALETTE_TEXT = "for commands"
"""Part of the command palette's prompt (its first letter is under the cursor): the sign that the key typed on
the first frame was applied."""


def _assessment(folder: Path) -> Path:
    """Write a half-answered assessment of the built-in questionnaire to open."""
    sys.path.insert(0, str(SRC))
    from slicewise.core.demo import write_demo

    _bundle, _assessment, path = write_demo(folder)
    return path


def _prompt(path: Path) -> str:
    """Return the start of the prompt of the question the file resumes at."""
    from slicewise.tui.opening import open_session

    session = open_session(path)
    question = session.question(session.start_question())
    assert question is not None
    return question.prompt[:30]


def _opened_once(path: Path, state: str, cache: str) -> None:
    """Open the file once in the app and quit, so the state folder knows it (the reopen case) and the cache
    folder keeps the built-in content (as any earlier run leaves it)."""
    import asyncio

    os.environ["SLICEWISE_STATE_DIR"] = state
    from slicewise.core.contentcache import keep_bundles_in
    from slicewise.tui.app import SlicewiseApp
    from slicewise.tui.opening import open_session

    keep_bundles_in(Path(cache) / "content")

    async def once() -> None:
        app = SlicewiseApp(open_session(path))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()

    asyncio.run(once())
    keep_bundles_in(None)


def _launch(
    argv: list[str] | Callable[[], list[str]],
    text: str,
    *,
    state: str | None = None,
    cache: str | None = None,
    then_type: str = "",
    then_text: str = "",
) -> Callable[[], SelfTimed]:
    """Return a function that launches `argv` (or what `argv()` returns, afresh each time) in a terminal and
    times it until `text` is on screen (or, with `then_type`, until `then_text` is, after typing it the moment
    `text` appears)."""

    def run() -> SelfTimed:
        command = argv() if callable(argv) else argv
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/tmp"),
            "PYTHONPATH": str(SRC),
            "SLICEWISE_STATE_DIR": state or tempfile.mkdtemp(prefix="sw-state-"),  # none: never drawn before
            "SLICEWISE_CACHE_DIR": cache or tempfile.mkdtemp(prefix="sw-cache-"),  # none: never run before
        }
        timing = time_to_text(command, text, env=env, then_type=then_type, then_text=then_text)
        return SelfTimed(timing.then_ms if then_type and timing.then_ms is not None else timing.shown_ms)

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


def _new_assessment_argv() -> list[str]:
    """`slicewise new` with the client given, writing a file that does not exist yet."""
    target = Path(tempfile.mkdtemp(prefix="slicewise-bench-new-")) / "acme.toml"
    return [sys.executable, "-m", "slicewise", "new", "--client", "Acme", "-o", str(target)]


def cases(quick: bool) -> list[Case]:
    """The start screen, a new assessment, a first open and a reopen, against a bare Textual app."""
    path = _assessment(Path(tempfile.mkdtemp(prefix="slicewise-bench-tui-")))
    state = tempfile.mkdtemp(prefix="sw-state-")
    cache = tempfile.mkdtemp(prefix="sw-cache-")
    _opened_once(path, state, cache)
    prompt = _prompt(path)
    python = sys.executable
    ours = [python, "-m", "slicewise", "open", str(path)]
    bare = _launch([python, "-c", BASELINE, prompt], prompt)
    return [
        _launch_row(
            "TUI: `slicewise` to the start screen",
            _launch([python, "-m", "slicewise"], START_TEXT),
            _launch([python, "-c", BASELINE, START_TEXT], START_TEXT),
            1.3,
            "ratio ≤ 1.3 (bare app)",
            "the start screen lists the recent files; nothing of the core is loaded until a file is chosen",
        ),
        _launch_row(
            "TUI: `slicewise new --client` to first question",
            _launch(_new_assessment_argv, FIRST_PROMPT, cache=cache),
            _launch([python, "-c", BASELINE, FIRST_PROMPT], FIRST_PROMPT),
            None,
            "reported",
            "the questionnaire is loaded and checked, the file created and saved, then the first question drawn",
        ),
        _launch_row(
            "TUI: first open of FILE to first question painted",
            _launch(ours, prompt, cache=cache),
            bare,
            2.0,
            "ratio ≤ 2.0 (bare app)",
            "a fresh state folder, the cache folder of an earlier run: read, checked and scored, then drawn",
        ),
        _launch_row(
            "TUI: first launch after installing, FILE to first question",
            _launch(ours, prompt),
            bare,
            None,
            "reported",
            "fresh state and cache folders: the built-in content is also parsed, checked and kept",
        ),
        _launch_row(
            "TUI: reopen FILE to first question painted",
            _launch(ours, prompt, state=state, cache=cache),
            bare,
            2.0,
            "ratio ≤ 2.0 (bare app)",
            "the state folder of an earlier open: the same load, check and draw from the real file",
        ),
        _launch_row(
            "TUI: reopen FILE, ctrl+p typed as it shows until applied",
            _launch(ours, prompt, state=state, cache=cache, then_type=PALETTE_KEY, then_text=PALETTE_TEXT),
            _launch([python, "-c", BASELINE, prompt], prompt, then_type=PALETTE_KEY, then_text=PALETTE_TEXT),
            None,
            "reported",
            "ctrl+p typed the moment the question shows; the bare app gets the same key",
        ),
        _launch_row(
            "TUI: first open, against bare app + load and score",
            _launch(ours, prompt, cache=cache),
            _launch([python, "-c", BASELINE_WITH_CORE, str(path), prompt], prompt, cache=cache),
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
