"""When another window or program saved the open file: tell the room and offer reload, merge-in or save-as."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from slicewise.core.errors import SlicewiseError
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.nav_keys import dialog_keys

if TYPE_CHECKING:
    from slicewise.tui.app import SlicewiseApp


class ConflictScreen(ModalScreen[str | None]):
    """Returns `merge`, `reload` or `save-as`, or None to decide later (the changes stay unsaved)."""

    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "choose('merge')", "Merge in", id="conflict-merge"),
        Binding("r", "choose('reload')", "Reload", id="conflict-reload"),
        Binding("s", "choose('save-as')", "Save as", id="conflict-save-as"),
        Binding("escape", "choose(None)", "Later", id="conflict-later"),
        *dialog_keys("choose(None)"),
    ]

    def __init__(self, path: Path) -> None:
        """Explain that `path` was changed by someone else."""
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        """The explanation and one button per way out."""
        with Vertical(classes="dialog"):
            yield Label("Someone else saved this file", classes="dialog-title")
            yield Static(
                f"{self.path} was changed by another window or program since it was opened here. Nothing was "
                "overwritten; the changes made here are not saved yet.\n\n"
                "Merge in: keep their changes and add ours (ours win where both changed the same answer).\n"
                "Reload: take their file and drop the changes made here since the last save.\n"
                "Save as: write ours to a new file and leave theirs alone.",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Merge in (m)", variant="primary", id="merge")
                yield Button("Reload (r)", id="reload")
                yield Button("Save as (s)", id="save-as")
        yield KeyFooter()  # its keys, then Help and Quit, like every dialog

    def on_mount(self) -> None:
        """Focus the choice that loses nothing."""
        self.query_one("#merge", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Choose by button."""
        self.dismiss(event.button.id)

    def action_choose(self, choice: str | None) -> None:
        """Choose by key."""
        self.dismiss(choice)


def offer(app: SlicewiseApp) -> None:
    """Show the conflict dialog once (further failed saves while it is up do not stack another)."""
    if any(isinstance(screen, ConflictScreen) for screen in app.screen_stack) or app.session is None:
        return
    app.push_screen(ConflictScreen(app.current_session.path), lambda choice: resolve(app, choice))


def resolve(app: SlicewiseApp, choice: str | None) -> None:
    """Carry out the room's choice and save; errors are told, never raised into the app."""
    if choice is None:
        return
    try:
        if choice == "save-as":
            _save_as(app)
            return
        message = _merge_in(app) if choice == "merge" else _reload(app)
    except SlicewiseError as error:
        app.notify(str(error), title="Not resolved", severity="error", timeout=8)
        return
    app.notify(message, title="File resolved")


def _reload(app: SlicewiseApp) -> str:
    """Replace the session's answers with the file on disk."""
    from slicewise.core.store import open_held

    session = app.current_session
    assessment, _bundle, hold = open_held(session.path)
    session.assessment, session.hold = assessment, hold
    app.persist()
    return f"Reloaded {session.path}; the changes made here since the last save were dropped."


def _merge_in(app: SlicewiseApp) -> str:
    """Keep the file on disk and replay the changes made here on it, then save."""
    from slicewise.core.rebase import rebase
    from slicewise.core.store import open_held

    session = app.current_session
    base = session.hold.base_assessment() if session.hold is not None else None
    theirs, _bundle, hold = open_held(session.path)
    rebased = rebase(base, session.assessment, theirs)
    session.assessment, session.hold = rebased.assessment, hold
    app.persist()
    both = rebased.both_changed
    checked = f" Both changed {len(both)}; ours kept: {', '.join(both[:5])}." if both else ""
    return f"Merged the other changes into {session.path}.{checked}"


def _save_as(app: SlicewiseApp) -> None:
    """Ask for a new file name and save there from now on; the other file is left alone."""
    from slicewise.tui.screens.text_prompt import TextPromptScreen

    session = app.current_session
    suggestion = session.path.with_name(f"{session.path.stem}-mine{session.path.suffix}")

    def chosen(name: str | None) -> None:
        if not name:
            offer(app)
            return
        from slicewise.core.store import FileHold

        hold = FileHold.empty(Path(name))
        session.path, session.hold = hold.path, hold
        app.persist()

    app.push_screen(TextPromptScreen("Save the changes made here as", str(suggestion)), chosen)
