"""A rich console for user and file text that never passes control characters on (see `core.inert`)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from slicewise.core.inert import inert


class InertConsole(Console):
    """A rich console whose rendered text is made inert; rich's own styling codes are added after this step."""

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        """Render as rich does, then escape control characters in every text segment."""
        for segment in super().render(renderable, options):
            if segment.control is None and segment.text:
                yield Segment(inert(segment.text), segment.style)
            else:
                yield segment
