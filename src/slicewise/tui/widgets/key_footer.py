"""The key footer of every screen: the keys of whatever has the focus, drawn as one line from the bindings active
when it is drawn, leaving a key out rather than cutting its label ("c Confidenc"), the palette key at the end.

One widget, not one per key: a screen's footer costs a single render, and a change of focus a single redraw.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from slicewise.tui.widgets.nav_keys import essential_keys

if TYPE_CHECKING:
    from textual.screen import Screen

KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"
EDGE_STYLE = "$foreground 20%"
"""The thin rule between the keys and the palette key."""


@dataclass(frozen=True)
class ShownKey:
    """One entry of the footer as drawn: a key (or a group's keys) and what it does, at columns start–end."""

    keys: tuple[tuple[str, str], ...]
    """Each key the entry offers, with how it is shown ("left", "←")."""
    description: str
    tooltip: str
    enabled: bool
    start: int = 0
    """The first column of the entry."""

    @property
    def display(self) -> str:
        """The keys as shown, side by side."""
        return "".join(shown for _key, shown in self.keys)

    @property
    def width(self) -> int:
        """Columns taken by the keys and the description (not the gap after it)."""
        return cell_len(self.display) + (1 + cell_len(self.description) if self.description else 0)

    @property
    def end(self) -> int:
        """The column after the entry."""
        return self.start + self.width

    def placed(self, start: int) -> ShownKey:
        """The same entry, starting at a column."""
        return ShownKey(self.keys, self.description, self.tooltip, self.enabled, start)


class KeyFooter(Widget):
    """The keys of the screen on top; a click on one presses it."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    """
    FIRST: ClassVar[frozenset[str]] = frozenset(
        binding.tooltip for binding in essential_keys() if isinstance(binding, Binding)
    )
    """Review, Help and Quit go first, ahead of the focused widget's keys, which Textual lists first."""

    def __init__(self) -> None:
        """A footer with nothing drawn yet."""
        super().__init__()
        self._drawn_keys: list[ShownKey] = []
        """The keys as last drawn, palette key last: what a click or the pointer is over."""

    def on_mount(self) -> None:
        """Redraw whenever the screen's active bindings change (focus moved, a key was enabled)."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop following the screen's bindings."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Draw the keys again (one render, however many changes came within a frame)."""
        self.refresh()

    # ----- what is shown ----------------------------------------------------------------------------

    def entries(self) -> list[ShownKey]:
        """Every key the screen's active bindings offer, in footer order (before leaving out what does not fit)."""
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        entries: list[ShownKey] = []
        for group, actions in groupby(by_action.values(), lambda bindings: bindings[0][0].group):
            firsts = [bindings[0] for bindings in actions]
            if group is not None and len(firsts) > 1:
                keys = tuple((binding.key, self.app.get_key_display(binding)) for binding, _e, _t in firsts)
                enabled = any(enabled for _b, enabled, _t in firsts)
                entries.append(ShownKey(keys, group.description, group.description, enabled))
                continue
            for binding, enabled, tooltip in firsts:
                key = ((binding.key, self.app.get_key_display(binding)),)
                entries.append(ShownKey(key, binding.description, tooltip or binding.description, enabled))
        first = [entry for entry in entries if entry.tooltip in self.FIRST]
        return first + [entry for entry in entries if entry.tooltip not in self.FIRST]

    def palette_key(self) -> ShownKey | None:
        """The command palette's key, drawn at the right end, when the app offers the palette."""
        app = self.app
        if not app.ENABLE_COMMAND_PALETTE:
            return None
        active = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        if active is None:
            return None
        binding = active.binding
        key = ((binding.key, app.get_key_display(binding)),)
        return ShownKey(key, binding.description, binding.tooltip or binding.description, active.enabled)

    def shown(self, width: int | None = None) -> tuple[list[ShownKey], ShownKey | None]:
        """The entries that fit whole before the palette key at this width (the footer's own by default), and
        the palette key placed at the end; the first entry that does not fit is left out with all after it."""
        width = self.size.width if width is None else width
        palette = self.palette_key()
        limit = width
        if palette is not None:
            limit = width - palette.width - 2  # the rule before it, a column after it
            palette = palette.placed(limit + 1)
        shown: list[ShownKey] = []
        column = 0
        for entry in self.entries():
            if column + entry.width > limit:
                break
            shown.append(entry.placed(column))
            column += entry.width + 1
        return shown, palette

    def render(self) -> Content:
        """One line: each key and its description, then the palette key after a thin rule."""
        width = self.size.width
        shown, palette = self.shown(width)
        self._drawn_keys = [*shown, *([palette] if palette else [])]
        parts: list[str | tuple[str, str]] = []
        column = 0
        for entry in shown:
            parts += [" " * (entry.start - column), *_drawn(entry)]
            column = entry.end
        if palette is not None:
            parts += [" " * (palette.start - 1 - column), ("▏", EDGE_STYLE), *_drawn(palette)]
            column = palette.end
        parts.append(" " * (width - column))
        return Content.assemble(*parts)

    # ----- the mouse ----------------------------------------------------------------------------------

    def _at(self, x: int) -> tuple[ShownKey, str] | None:
        """The entry drawn under a column and the key there (a group's key by its own columns)."""
        for entry in self._drawn_keys:
            if entry.start <= x < entry.end:
                offset = entry.start
                for key, display in entry.keys:
                    offset += cell_len(display)
                    if x < offset:
                        return entry, key
                return entry, entry.keys[0][0] if len(entry.keys) == 1 else ""
        return None

    def on_click(self, event: events.Click) -> None:
        """Press the key clicked, as Textual's footer does."""
        found = self._at(event.x)
        if found is not None and found[1] and found[0].enabled:
            self.app.simulate_key(found[1])

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Say what the key under the pointer does."""
        found = self._at(event.x)
        tooltip = found[0].tooltip if found is not None else None
        if tooltip != self.tooltip:
            self.tooltip = tooltip


def _drawn(entry: ShownKey) -> list[tuple[str, str]]:
    """An entry's keys and description, styled (dimmed when the key does nothing now)."""
    dim = "" if entry.enabled else " dim"
    parts = [(entry.display, KEY_STYLE + dim)]
    if entry.description:
        parts.append((f" {entry.description}", DESCRIPTION_STYLE + dim))
    return parts
