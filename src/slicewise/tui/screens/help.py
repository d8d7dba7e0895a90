"""Every key of the screen underneath, and what each screen is for."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from slicewise.tui.widgets.hanging import Hanging
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.nav_keys import dialog_keys

SCREENS = [
    ("Questions", "one question at a time; every answer is saved the moment it is given"),
    ("Scorecard (s)", "level per area against its target, coverage, overall and the top risks"),
    ("Ownership (o)", "business objects × systems: who creates, updates, consumes"),
    ("Flows (f)", "the integration flows with pattern, latency, safeguards and failure owner"),
    ("Review (r)", "disagreements (merged files), unanswered and don't-know questions, then export"),
    ("Details (e)", "client, consultant, participants, targets, the client's system names"),
    ("Risks, Plan (r, p)", "from the review: the register and the plan; adjust (a) or add your own (n)"),
    ("Palette (ctrl+p)", "jump to any question by its text, export, theme, details"),
]


SAVED_NOTE = "Everything is saved to the assessment file after every change; ctrl+q quits at any time."


def help_lines(screen: Screen[object]) -> list[Content | Hanging]:
    """The help's lines: the keys bound on a screen (and the app), then what each screen is for; each
    description wraps under itself, beside its key."""
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
    blank = Content(" ")
    lines: list[Content | Hanging] = [Content.styled("Keys here", "bold $text-accent"), blank]
    lines.extend(Hanging(Content.styled(f"  {key:<10}", "bold"), Content(text)) for key, text in keys)
    lines.extend([blank, Content.styled("Screens", "bold $text-accent"), blank])
    lines.extend(Hanging(Content.styled(f"  {name:<18}", "bold"), Content(text)) for name, text in SCREENS)
    lines.extend([blank, Content.styled(SAVED_NOTE, "$text-muted")])
    return lines


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys and screens."""

    CSS_PATH = "modal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help-close"),
        *dialog_keys("dismiss")[1:],  # Quit only: Help is this screen
    ]

    def __init__(self, underneath: Screen[object]) -> None:
        """Describe the keys of the screen underneath."""
        super().__init__()
        self.underneath = underneath

    def compose(self) -> ComposeResult:
        """The list in a scrolling dialog."""
        with VerticalScroll(classes="dialog help"):
            for line in help_lines(self.underneath):
                yield Static(line, classes="help-line")
        yield KeyFooter()
