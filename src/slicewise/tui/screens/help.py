"""Every key of the screen underneath, and what each screen is for."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from slicewise.tui.base import update_if_changed
from slicewise.tui.widgets.key_footer import KeyFooter

SCREENS = [
    ("Questions", "one question at a time; every answer is saved the moment it is given"),
    ("Scorecard (s)", "level per area against its target, coverage, overall and the top risks"),
    ("Ownership (o)", "business objects × systems: who creates, updates, consumes"),
    ("Flows (f)", "the integration flows with pattern, latency, safeguards and failure owner"),
    ("Review (r)", "disagreements (merged files), unanswered and don't-know questions, then export"),
    ("Details (e)", "client, consultant, participants, targets, the client's system names"),
    ("Palette (ctrl+p)", "jump to any question by its text, export, theme, details"),
]


SAVED_NOTE = "Everything is saved to the assessment file after every change; ctrl+q quits at any time."


def keys_content(screen: Screen[object], width: int = 0) -> Content:
    """List the keys bound on a screen (and the app) and what each screen is for, each description wrapped
    to `width` columns under itself (0: not wrapped)."""
    keys: list[tuple[str, str]] = []
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        description = binding.tooltip or binding.description
        if not description or not (binding.show or binding.tooltip) or binding.system:
            continue
        if binding.action.startswith("pick"):
            if "pick" in seen:
                continue
            seen.add("pick")
            key_text = "1–9"
        else:
            key_text = binding.key_display or screen.app.get_key_display(binding)
        seen.add(binding.action)
        keys.append((key_text, description))
    blank = Content("")
    lines = [Content.styled("Keys here", "bold $accent"), blank]
    lines.extend(_entry(key, 10, description, width) for key, description in keys)
    lines.extend([blank, Content.styled("Screens", "bold $accent"), blank])
    lines.extend(_entry(name, 18, text, width) for name, text in SCREENS)
    lines.extend([blank, Content.styled(SAVED_NOTE, "$text-muted")])
    return Content("\n").join(lines)


def _entry(label: str, label_width: int, text: str, width: int) -> Content:
    """One line of the list: the label in bold, then the text, its wrapped lines starting under its first."""
    indent = 2 + label_width
    wrapped = Content(text).wrap(max(20, width - indent)) if width else [Content(text)]
    first = Content.assemble((f"  {label:<{label_width}}", "bold"), wrapped[0])
    return Content("\n").join([first, *(Content(" " * indent) + line for line in wrapped[1:])])


class KeysList(Static):
    """The list of keys and screens, wrapped to the dialog's width."""

    def __init__(self, underneath: Screen[object]) -> None:
        """Describe the keys of the screen underneath."""
        super().__init__(keys_content(underneath))
        self.underneath = underneath

    def on_resize(self) -> None:
        """Wrap the descriptions again for the width the dialog now has (after this layout pass, so the new
        height is laid out too)."""
        self.call_after_refresh(self._rewrap)

    def _rewrap(self) -> None:
        """Show the list wrapped to the current width."""
        update_if_changed(self, keys_content(self.underneath, self.content_region.width))


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys and screens."""

    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help-close"),
    ]

    def __init__(self, underneath: Screen[object]) -> None:
        """Describe the keys of the screen underneath."""
        super().__init__()
        self.underneath = underneath

    def compose(self) -> ComposeResult:
        """The list in a scrolling dialog."""
        with VerticalScroll(classes="dialog help"):
            yield KeysList(self.underneath)
        yield KeyFooter()
