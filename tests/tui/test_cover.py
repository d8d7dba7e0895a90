"""Covers: reopening a file paints its last frame at once, loads the session behind it, and loses no key."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from slicewise.cli import main
from slicewise.core.errors import SlicewiseError
from slicewise.core.store import load_assessment
from slicewise.tui import cover as covers
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.cover import Cover, cover_path, load_cover
from slicewise.tui.screens.cover import CoverScreen
from slicewise.tui.screens.question import QuestionScreen
from slicewise.tui.screens.start import StartScreen
from slicewise.tui.session import Session

SIZE = (100, 30)
SRC = Path(__file__).resolve().parents[2] / "src"


def _text(lines: list[list[tuple[str, str]]]) -> list[str]:
    """The plain text of a frame's lines."""
    return ["".join(text for text, _style in line) for line in lines]


async def _keep_cover(session: Session, size: tuple[int, int] = SIZE) -> list[str]:
    """Open the session in the app, store its cover, and return the text that was on screen."""
    app = SlicewiseApp(session)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.covering.keep()
        from slicewise.tui.screens.cover import frame_lines

        return _text(frame_lines(app.screen._compositor.render_strips()))


def _on_choices(session: Session) -> str:
    """Make the file resume at the first choice question (followed by another one) and return its id."""
    choices = [q.id for q in session.questions if q.kind == "choice"]
    first = next(q for q, following in itertools.pairwise(choices) if session.step(q, 1) == following)
    session.assessment.progress.current = first
    session.save()
    return first


def _gated(app: SlicewiseApp) -> Callable[[], object]:
    """Keep the cover up until the returned function is called, so the cover can be inspected and typed on."""
    load = app.covering.load
    app.covering.load = lambda: None  # type: ignore[assignment,method-assign,return-value]
    return lambda: app.call_later(load)


async def _until_open(app: SlicewiseApp) -> None:
    """Wait until the session is open and every held key has been applied."""
    for _ in range(200):
        screen = app.screen
        if isinstance(screen, QuestionScreen) and app.covering.held is None and screen.is_mounted:
            widget = screen.answer_widget
            if widget is not None and widget.is_mounted:
                return
        await asyncio.sleep(0.01)
    raise AssertionError(f"still on {type(app.screen).__name__}, holding {app.covering.held}")


async def test_a_cover_repeats_the_frame_and_gives_way_to_the_live_screen(session: Session) -> None:
    shown = await _keep_cover(session)
    cover = load_cover(session.path)
    assert cover is not None and cover.size == SIZE
    assert _text(cover.lines) == shown
    assert any("Acme" in line for line in shown)

    app = SlicewiseApp(cover=cover)
    release = _gated(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CoverScreen) and app.session is None
        from slicewise.tui.screens.cover import frame_lines

        assert _text(frame_lines(app.screen._compositor.render_strips())) == shown
        release()
        await _until_open(app)
        await pilot.pause()
        assert app.session is not None and app.session.path == session.path
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question_id == session.assessment.progress.current


async def test_keys_typed_on_the_cover_are_applied_in_order(session: Session) -> None:
    first = _on_choices(session)
    await _keep_cover(session)
    cover = load_cover(session.path)
    assert cover is not None
    app = SlicewiseApp(cover=cover)
    release = _gated(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CoverScreen)
        await pilot.press("2", "enter", "1")  # pick, confirm and go on, pick on the next question
        assert app.session is None and app.covering.held is not None and len(app.covering.held) == 3
        release()
        await _until_open(app)
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        second = app.screen.question_id
        assert second != first
    saved = load_assessment(session.path)
    chosen_first = saved.answers[first].choice
    assert chosen_first is not None and chosen_first == _nth_choice(session, first, 2)
    assert saved.answers[second].choice == _nth_choice(session, second, 1)
    assert saved.progress.current == second


def _nth_choice(session: Session, question_id: str, number: int) -> str:
    """The id of a choice question's n-th choice."""
    question = session.question(question_id)
    assert question is not None and question.kind == "choice"
    return question.choices[number - 1].id  # type: ignore[union-attr]


@pytest.mark.parametrize("change", ["size", "theme"])
async def test_a_cover_drawn_at_another_size_or_theme_is_not_shown(session: Session, change: str) -> None:
    await _keep_cover(session)
    stored = load_cover(session.path)
    assert stored is not None
    cover = Cover(
        stored.file,
        (80, 24) if change == "size" else SIZE,
        "textual-light" if change == "theme" else stored.theme,
        stored.lines,
    )
    app = SlicewiseApp(cover=cover)
    release = _gated(app)
    release()
    async with app.run_test(size=SIZE) as pilot:
        await _until_open(app)
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_a_cover_is_not_kept_while_a_message_shows_or_another_screen_is_up(session: Session) -> None:
    app = SlicewiseApp(session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.notify("hello", timeout=30)
        await pilot.pause()
        assert not app.covering.keep(retry=False)
        app.clear_notifications()
        await pilot.pause()
        app.action_scorecard()
        await pilot.pause()
        assert not app.covering.keep(retry=False)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.covering.keep(retry=False)


async def test_an_answer_keeps_a_new_cover_after_a_quiet_moment(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("slicewise.tui.covering.COVER_DELAY", 0.05)
    first = _on_choices(session)
    app = SlicewiseApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause(0.3)
        cover = load_cover(session.path)
        assert cover is not None, "no cover after the answer was saved"
        assert load_assessment(session.path).answers[first].choice == _nth_choice(session, first, 2)


async def test_changes_on_disk_make_the_cover_stale(session: Session, tmp_path: Path) -> None:
    await _keep_cover(session)
    stored = cover_path(session.path).read_bytes()
    assert load_cover(session.path) is not None

    original = session.path.read_bytes()
    session.path.write_bytes(original + b"\n")  # the file changed outside the app
    assert load_cover(session.path) is None
    assert not cover_path(session.path).exists(), "a stale cover is deleted"
    session.path.write_bytes(original)
    cover_path(session.path).write_bytes(stored)
    assert load_cover(session.path) is not None

    content = next(session.bundle.questionnaire_path.rglob("*.toml"))
    stat = content.stat()
    os.utime(content, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_cover(session.path) is None  # the questionnaire was edited since
    assert not cover_path(session.path).exists()
    os.utime(content, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    cover_path(session.path).write_bytes(stored)
    assert load_cover(session.path) is not None

    record = json.loads(stored)
    for field, value in [("version", "0.0.0"), ("format", 99), ("file", str(tmp_path / "other.toml"))]:
        cover_path(session.path).write_text(json.dumps({**record, field: value}), encoding="utf-8")
        assert load_cover(session.path) is None, field


async def test_covers_are_readable_by_their_owner_only(session: Session) -> None:
    await _keep_cover(session)
    assert cover_path(session.path).stat().st_mode & 0o777 == 0o600
    assert covers.covers_folder().stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize(
    "stored",
    ["{not json", "[]", '{"format": 1}', "\udcff"],
    ids=["malformed", "not-a-table", "missing-fields", "bad-utf8"],
)
def test_a_damaged_cover_is_ignored(session: Session, stored: str) -> None:
    target = cover_path(session.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(stored.encode("utf-8", "surrogateescape"))
    assert load_cover(session.path) is None


def test_only_the_newest_covers_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(covers, "KEEP", 3)
    content = tmp_path / "content"
    content.mkdir()
    (content / "q.toml").write_text("x = 1\n", encoding="utf-8")
    for number in range(5):
        file = tmp_path / f"a{number}.toml"
        file.write_text(f"n = {number}\n", encoding="utf-8")
        assert covers.save_cover(file, lines=[[("x", "")]], size=SIZE, theme="t", content=[content])
        os.utime(cover_path(file), ns=(number * 10**9, number * 10**9))
    kept = sorted(p.name for p in covers.covers_folder().glob("*.json"))
    assert kept == sorted(cover_path(tmp_path / f"a{n}.toml").name for n in (2, 3, 4))


def test_a_cover_that_cannot_be_written_is_skipped(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = session.path.parent / "state-is-a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SLICEWISE_STATE_DIR", str(blocker))
    assert not covers.save_cover(
        session.path, lines=[], size=SIZE, theme="t", content=[session.bundle.questionnaire_path]
    )


def _run_headless_until_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `SlicewiseApp.run` run headless until the file behind the cover has failed to load."""

    def run(self: SlicewiseApp, *args: object, **kwargs: object) -> None:
        async def go() -> None:
            async with self.run_test(size=SIZE) as pilot:
                for _ in range(100):
                    if self.load_error is not None:
                        break
                    await pilot.pause(0.01)

        asyncio.run(go())

    monkeypatch.setattr(SlicewiseApp, "run", run)


def test_open_fails_cleanly_when_the_file_behind_a_cover_cannot_be_loaded(
    session: Session, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(_keep_cover(session))
    before = session.path.read_bytes()

    def refuse(path: Path) -> Session:
        raise SlicewiseError.single("Cannot read the assessment file", str(path), "broken on purpose")

    monkeypatch.setattr("slicewise.tui.opening.open_session", refuse)
    _run_headless_until_loaded(monkeypatch)
    assert main(["open", str(session.path)]) == 2
    error = capsys.readouterr().err
    assert "broken on purpose" in error and "Traceback" not in error
    assert session.path.read_bytes() == before


COVER_OPEN = """
import sys
from pathlib import Path
from slicewise.tui.app import SlicewiseApp
from slicewise.tui.cover import load_cover

cover = load_cover(Path(sys.argv[1]))
assert cover is not None, "no cover"
app = SlicewiseApp(cover=cover)
load = app.covering.load

async def painted():
    print("AT-COVER:" + ",".join(n for n in ("pydantic", "tomllib", "slicewise.core.models") if n in sys.modules))
    await load()
    app.exit()

app.covering.load = painted
app.run(headless=True, size=(100, 30))
"""


def test_the_cover_is_painted_before_the_core_is_imported(session: Session, tmp_path: Path) -> None:
    asyncio.run(_keep_cover(session))
    done = subprocess.run(
        [sys.executable, "-c", COVER_OPEN, str(session.path)],
        env={"PYTHONPATH": str(SRC), "SLICEWISE_STATE_DIR": os.environ["SLICEWISE_STATE_DIR"], "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "AT-COVER:\n" in done.stdout + "\n", done.stdout


async def test_a_cover_due_as_the_app_closes_is_skipped_quietly(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("slicewise.tui.covering.COVER_DELAY", 0.01)
    first = _on_choices(session)
    app = SlicewiseApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")  # a change: a cover is due shortly
        app.exit()
    await asyncio.sleep(0.05)
    assert not app.covering.keep()  # no screens left: nothing to keep, and no error
    assert load_assessment(session.path).answers[first].choice == _nth_choice(session, first, 2)


def test_an_unexpected_failure_behind_a_cover_is_one_line(
    session: Session, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(_keep_cover(session))

    def broken(path: Path) -> Session:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("slicewise.tui.opening.open_session", broken)
    _run_headless_until_loaded(monkeypatch)
    assert main(["open", str(session.path)]) == 2
    error = capsys.readouterr().err
    assert "unexpected error: RuntimeError: disk on fire" in error and "Traceback" not in error


async def test_a_recent_file_chosen_on_the_start_screen_opens_behind_its_cover(session: Session) -> None:
    await _keep_cover(session)  # also puts the file on the recent list
    app = SlicewiseApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        release = _gated(app)
        await pilot.press("down", "down", "enter")  # the recent file
        await pilot.pause()
        assert isinstance(app.screen, CoverScreen) and app.session is None
        release()
        await _until_open(app)
        assert app.current_session.path == session.path.resolve()


async def test_a_file_that_fails_behind_its_cover_returns_to_the_start_screen_with_the_reason(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _keep_cover(session)

    def refuse(path: Path) -> Session:
        raise SlicewiseError.single("Cannot read the assessment file", str(path), "broken on purpose")

    monkeypatch.setattr("slicewise.tui.opening.open_session", refuse)
    app = SlicewiseApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.covering.held is None
        assert "broken on purpose" in str(app.screen.query_one("#start-error", Static).render())
        await pilot.press("n")  # keys work again
        await pilot.pause()
        assert not isinstance(app.screen, StartScreen)
