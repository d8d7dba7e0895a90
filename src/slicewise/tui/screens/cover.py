"""The cover screen: an assessment's last frame, painted at once while its session loads behind it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from slicewise.tui.cover import Cover, Span


def frame_lines(strips: Iterable[Strip]) -> list[list[Span]]:
    """Turn rendered screen lines into text and style spans that can be stored."""
    return [
        [(segment.text, str(segment.style) if segment.style else "") for segment in strip if not segment.control]
        for strip in strips
    ]


def frame_strips(lines: list[list[Span]]) -> list[Strip]:
    """Turn stored spans back into screen lines (each distinct style is parsed once)."""
    styles: dict[str, Style] = {}

    def style(text: str) -> Style:
        if text not in styles:
            styles[text] = Style.parse(text) if text else Style.null()
        return styles[text]

    return [Strip([Segment(text, style(name)) for text, name in line]) for line in lines]


class CoverFrame(Widget):
    """Paints the stored frame line by line, and calls `painted` once the first paint has gone out."""

    def __init__(self, lines: list[list[Span]], painted: Callable[[], object]) -> None:
        """Keep the frame's lines, parsed."""
        super().__init__()
        self._strips = frame_strips(lines)
        self._painted: Callable[[], object] | None = painted

    def render_line(self, y: int) -> Strip:
        """Return one stored line, cut or padded to the width."""
        if self._painted is not None:
            # Lines are rendered only to be written to the terminal; the callback runs once that is done.
            self.call_after_refresh(self._painted)
            self._painted = None
        width = self.size.width
        if y >= len(self._strips):
            return Strip.blank(width)
        return self._strips[y].crop_extend(0, width, None)


class CoverScreen(Screen[None]):
    """Shows a cover until the session is ready; `painted` is called once its frame is on the terminal."""

    CSS_PATH = "cover.tcss"

    def __init__(self, cover: Cover, painted: Callable[[], object]) -> None:
        """Show a cover, then call `painted`."""
        super().__init__()
        self.cover = cover
        self._painted = painted

    def compose(self) -> ComposeResult:
        """The frame, filling the screen."""
        yield CoverFrame(self.cover.lines, self._painted)
