"""A line with a lead (a key, a marker) whose text wraps under itself rather than back under the lead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.style import Style
    from textual.visual import RenderOptions


class Hanging(Visual):
    """Renders `lead` then `text`; the text's wrapped lines start under its first character.

    Used for rubric choices and list entries, so a long label reads as one block beside its key at 80 columns.
    """

    def __init__(self, lead: Content, text: Content) -> None:
        """Put `text` beside `lead` (the lead never wraps)."""
        self.lead = lead
        self.text = text

    def __str__(self) -> str:
        """The plain text, as one line (what `str(option.prompt)` reads)."""
        return self.lead.plain + self.text.plain

    def _text_width(self, width: int) -> int:
        """The columns left for the text beside the lead (at least one)."""
        return max(1, width - self.lead.cell_length)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """The lead and the text on one line."""
        return self.lead.cell_length + self.text.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        """The lead and one column of text."""
        return self.lead.cell_length + 1

    def get_height(self, rules: RulesMap, width: int) -> int:
        """The lines the text takes in the columns beside the lead."""
        return max(1, self.text.get_height(rules, self._text_width(width)))

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        """The lead on the first line, blank space under it on the others, the wrapped text beside."""
        if not width:
            return []
        lead_width = min(self.lead.cell_length, width)
        lead = self.lead.render_strips(lead_width, 1, style, options)[:1] or [Strip.blank(lead_width)]
        text = self.text.render_strips(self._text_width(width), height, style, options) or [Strip.blank(0)]
        indent = Strip.blank(lead_width, style.rich_style)
        return [Strip.join([lead[0] if row == 0 else indent, line]) for row, line in enumerate(text)]
