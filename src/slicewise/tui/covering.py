"""The app's part in covers: paint one while the session loads behind it, hold the keys typed meanwhile,
and keep a new cover after a quiet moment on the question screen (see `slicewise.tui.cover`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events

from slicewise.core.errors import SlicewiseError
from slicewise.tui.startup import release_collection

if TYPE_CHECKING:
    from textual.timer import Timer

    from slicewise.tui.app import SlicewiseApp
    from slicewise.tui.cover import Cover

COVER_DELAY = 1.0
"""Seconds of quiet on the question screen before its frame is kept as the file's cover."""


class Covering:
    """Opens a file behind its cover without losing a key, and keeps the file's cover up to date."""

    def __init__(self, app: SlicewiseApp, cover: Cover | None) -> None:
        """Work for an app, opened on a cover or not."""
        self.app = app
        self.cover = cover
        self.held: list[events.Key] | None = [] if cover is not None else None
        """Keys typed while the cover is up, applied in order once the session is open (None: not holding)."""
        self._replayed: set[int] = set()
        self._timer: Timer | None = None
        self._on_error: Callable[[SlicewiseError], None] | None = None

    def begin(self, cover: Cover, on_error: Callable[[SlicewiseError], None]) -> bool:
        """Open a file chosen in the running app (the start screen) behind its cover, when the cover fits.

        Returns False, doing nothing, when it does not; a file that then fails to load goes to `on_error`.
        """
        from slicewise.tui.screens.cover import CoverScreen

        if not self.fits(cover):
            return False
        self.cover = cover
        self.held = []
        self._on_error = on_error
        self.app.push_screen(CoverScreen(cover, self.load))
        return True

    def fits(self, cover: Cover) -> bool:
        """Tell whether a cover was drawn at the terminal's size and in the app's theme."""
        return cover.size == tuple(self.app.size) and cover.theme == self.app.theme

    async def load(self) -> None:
        """Open the session behind the cover (the frame stays up meanwhile), then apply the keys held."""
        from slicewise.tui.opening import open_session

        assert self.cover is not None
        try:
            session = open_session(self.cover.file)
        except SlicewiseError as error:
            self._failed(error)
            return
        except Exception as error:  # reported by the command line after the app closes, as on a first open
            self.app.load_error = error
            self.held = None
            self.app.exit(return_code=2)
            return
        self.app.open_session(session)
        self.app.call_after_refresh(release_collection)  # start-up ends once the live screen is painted
        if self.held:
            self.app.run_worker(self._release(), name="held keys", exclusive=True)
        else:
            self.held = None  # nothing typed meanwhile: keys go straight to the question screen

    def _failed(self, error: SlicewiseError) -> None:
        """Give way to the screen the file was chosen on, with the error; from the command line, exit with it."""
        release_collection()
        self.held = None
        if self._on_error is None:
            self.app.load_error = error
            self.app.exit(return_code=2)
            return
        self.app.pop_screen()
        self._on_error(error)

    async def _release(self) -> None:
        """Apply the keys typed while the cover was up, one at a time as if typed now, then stop holding."""
        from textual._wait import wait_for_idle

        from slicewise.tui.screens.question import QuestionScreen

        app = self.app
        while not (isinstance(app.screen, QuestionScreen) and app.screen.is_mounted):
            await wait_for_idle(0)
        held = self.held or []
        while held:
            key = events.Key(held[0].key, held[0].character)
            self._replayed.add(id(key))
            app.post_message(key)
            await wait_for_idle(0)
            self._replayed.discard(id(key))
            held.pop(0)
        self.held = None
        self.schedule()

    def holds(self, event: events.Event) -> bool:
        """Hold a key typed while the cover is up or held keys are being applied; True when held.

        A key being applied passes, also as it bubbles back up to the app.
        """
        if isinstance(event, events.Key) and self.held is not None and id(event) not in self._replayed:
            self.held.append(event)
            return True
        return False

    def schedule(self) -> None:
        """Keep the question screen's frame as the file's cover once things have been quiet for a moment."""
        if self.app.session is None:
            return
        self.stop()
        self._timer = self.app.set_timer(COVER_DELAY, self.keep)

    def stop(self) -> None:
        """Forget a cover that is due (the app is closing)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def keep(self, *, retry: bool = True) -> bool:
        """Store the frame on screen as the open file's cover, if it shows the file exactly as saved.

        Not while a save is pending or failed, a message is showing, or another screen is up. Returns
        whether a cover was stored.
        """
        from slicewise.tui.screens.question import QuestionScreen

        app = self.app
        session = app.session
        if session is None or self.held is not None or not app.is_running:
            return False
        stack = app.screen_stack  # empty while the app shuts down
        screen = stack[-1] if stack else None
        if not isinstance(screen, QuestionScreen) or not screen.is_mounted:
            return False
        if app.save_pending or (app.last_save is not None and not app.last_save.ok):
            return False
        if screen.query("Toast"):
            if retry:
                self.schedule()
            return False
        from slicewise.tui.cover import save_cover
        from slicewise.tui.screens.cover import frame_lines

        lines = frame_lines(screen._compositor.render_strips())
        folders = [session.bundle.questionnaire_path, session.bundle.scoring_path]
        size = (app.size.width, app.size.height)
        return save_cover(session.path, lines=lines, size=size, theme=app.theme, content=folders)
