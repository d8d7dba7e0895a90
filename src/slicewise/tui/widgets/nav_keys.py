"""The moving-on keys every answer widget shares, so they win over the keys of the widget underneath."""

from __future__ import annotations

from textual.binding import Binding, BindingType

MOVE = Binding.Group("Move")
"""Back and skip share one footer entry to leave room for the other keys at 80 columns."""


def essential_keys(review: str = "r") -> list[BindingType]:
    """Review, Help and Quit: first among a screen's keys, so its footer shows them even at 80 columns."""
    return [
        Binding(review, "app.review", "Review", id="review", tooltip="Review gaps and export"),
        Binding("question_mark", "app.help", "Help", id="help-key", tooltip="Every key and screen"),
        Binding("ctrl+q", "app.quit", "Quit", id="quit-key", tooltip="Quit (everything is saved)"),
    ]


def dialog_keys(close: str = "cancel") -> list[BindingType]:
    """Help and Quit in every dialog's footer, after its own keys; quitting first closes the dialog with its
    `close` action, as esc does, so a form keeps its draft."""
    return [
        Binding("f1", "app.help", "Help", key_display="F1", id="dialog-help", tooltip="Every key of this dialog"),
        Binding(
            "ctrl+q",
            f"app.quit_from_dialog({close!r})",
            "Quit",
            id="dialog-quit",
            tooltip="Quit (a form keeps what was typed as its draft, as esc does)",
        ),
    ]


LIST_NAV_KEYS: list[BindingType] = [
    Binding("enter", "screen.confirm", "Next", key_display="⏎", tooltip="Confirm the answer and go on", id="next"),
    Binding("left", "screen.back", "Back", key_display="←", tooltip="Previous question", group=MOVE, id="back"),
    Binding(
        "right",
        "screen.forward",
        "Skip",
        key_display="→",
        tooltip="Next question without answering",
        group=MOVE,
        id="skip",
    ),
]
"""For the rubric and checklist: up and down move within the list, left and right between questions."""

TEXT_NAV_KEYS: list[BindingType] = [
    Binding("enter", "screen.confirm", "Next", key_display="⏎", tooltip="Keep the text and go on", id="text-next"),
    Binding("up", "screen.back", "Back", key_display="↑", tooltip="Previous question", group=MOVE, id="text-back"),
    Binding("down", "screen.forward", "Skip", key_display="↓", tooltip="Next question", group=MOVE, id="text-skip"),
    Binding(
        "escape",
        "screen.leave_field",
        "Keys",
        key_display="esc",
        tooltip="Leave the field to use letter keys",
        id="text-leave",
    ),
]
"""For a text answer, where left, right and letters edit the text."""
