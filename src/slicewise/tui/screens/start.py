"""The start screen of a bare `slicewise`: a new assessment, a recent one, or a file by path."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from slicewise.core.errors import SlicewiseError
from slicewise.tui.base import sw_app
from slicewise.tui.widgets.key_footer import KeyFooter

NEW = "__new__"
OPEN = "__open__"


def _folder(path: Path) -> str:
    """The folder of a recent file, under `~` when it is in the home folder, so files of the same name differ."""
    folder = path.parent
    try:
        return str(Path("~") / folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)


class StartScreen(Screen[None]):
    """Choose what to work on."""

    CSS_PATH = "start.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New", id="start-new", tooltip="Start a new assessment"),
        Binding("o", "open", "Open file", id="start-open", tooltip="Open an assessment file by path"),
    ]

    def __init__(self, error: SlicewiseError | None = None) -> None:
        """Open, showing an error from an earlier attempt when there is one."""
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        """A title, the choices and an error line."""
        from slicewise.tui import recent

        with Vertical(id="start-box"):
            yield Static(Content.styled("slicewise", "bold $text-accent"), id="start-title")
            yield Static(
                "Integration architecture discovery: answer, score, see the risks and the roadmap.",
                id="start-tagline",
            )
            options: list[Option | None] = [
                Option(Content.assemble(("n ", "bold $text-accent"), "New assessment…"), id=NEW),
                Option(Content.assemble(("o ", "bold $text-accent"), "Open a file…"), id=OPEN),
            ]
            files = recent.recent_files()
            if files:
                options.append(None)
                options.extend(
                    Option(Content.assemble((f"{p.name}  ", "bold"), (_folder(p), "$text-muted")), id=str(p))
                    for p in files
                )
            yield OptionList(*options, id="start-choices")
            yield Static(id="start-error")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show any error and focus the choices."""
        if self.error is not None:
            self.show_error(self.error)
        self.query_one("#start-choices", OptionList).focus()

    def show_error(self, error: SlicewiseError) -> None:
        """Show why something could not be opened."""
        self.query_one("#start-error", Static).update(Content.styled(str(error), "$text-error"))

    @on(OptionList.OptionSelected, "#start-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Act on a choice."""
        if event.option.id == NEW:
            self.action_new()
        elif event.option.id == OPEN:
            self.action_open()
        elif event.option.id:
            self.open_file(Path(event.option.id))

    def action_new(self) -> None:
        """Ask for the questionnaire, client and file, then start."""
        from slicewise.tui.screens.new_assessment import NewAssessmentScreen

        self.app.push_screen(NewAssessmentScreen())

    def action_open(self) -> None:
        """Ask for a file path, then open it."""
        from slicewise.tui.screens.open_file import OpenFileScreen

        def opened(path: Path | None) -> None:
            if path is not None:
                self.open_file(path)

        self.app.push_screen(OpenFileScreen(), opened)

    def open_file(self, path: Path) -> None:
        """Open an assessment, or show why it cannot be opened (the file is left as it is)."""
        from slicewise.tui.opening import open_session

        try:
            session = open_session(path)
        except SlicewiseError as error:
            self.show_error(error)
            return
        sw_app(self).open_session(session)
