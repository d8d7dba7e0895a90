"""A list of items ticked with space, each showing ✓ or ☐ so a tick reads without colour (on a projector, to
colour-blind readers)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import SelectionList

TICKED = "✓"
UNTICKED = "☐"


class TickList(SelectionList[str]):
    """A selection list whose items carry a tick glyph that follows their state."""

    def __init__(self, *items: tuple[str | Content, str, bool], **options: str | None) -> None:
        """Build the list from (label, value, ticked) items; `options` are the widget's id and classes."""
        self._labels = {value: Content(label) if isinstance(label, str) else label for label, value, _ in items}
        super().__init__(
            *[(self._prompt(value, ticked), value, ticked) for _label, value, ticked in items],
            id=options.get("id"),
            classes=options.get("classes"),
        )

    def _prompt(self, value: str, ticked: bool) -> Content:
        """An item's line: its glyph, then its label."""
        glyph = (TICKED, "bold $text-success") if ticked else (UNTICKED, "$text-muted")
        return Content.assemble(glyph, " ", self._labels[value])

    def show_glyphs(self) -> None:
        """Bring every item's glyph in line with whether it is ticked."""
        chosen = set(self.selected)
        for index in range(self.option_count):
            value = self.get_option_at_index(index).value
            if isinstance(value, str):
                self.replace_option_prompt_at_index(index, self._prompt(value, value in chosen))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        """Redraw the glyphs after a tick; the message goes on to the form."""
        self.show_glyphs()
