"""The key footer of every screen, rebuilt once however many times the bindings change within a frame, and showing
only whole labels: a key that does not fit is left out rather than cut ("c Confidenc")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.widgets import Footer, Label

from slicewise.tui.widgets.nav_keys import essential_keys

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyFooter(Footer):
    """Textual's footer, but a burst of binding changes (mounting, focusing) costs a single rebuild."""

    def __init__(self, *, compact: bool = True) -> None:
        """Build a footer, compact by default like every screen of the app."""
        super().__init__(compact=compact)
        self._shown: tuple[object, ...] | None = None

    def _keys(self) -> tuple[object, ...]:
        """Everything about the active bindings that the footer draws."""
        return tuple(
            (key, binding.action, binding.description, binding.key_display, binding.group, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Let Textual mark the keys ready and ask for a rebuild after the frame; a screen's first keys are
        built at once instead, so they go out with its first frame."""
        super().bindings_changed(screen)
        if self._shown is None and self.is_attached and screen is self.screen:
            self.call_next(self.recompose)

    async def recompose(self) -> None:
        """Rebuild the keys from the bindings active now, unless they are the ones already shown.

        Textual asks for a rebuild after the frame of every change of bindings; all but the first of a burst
        find the keys unchanged and cost nothing.
        """
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
        first = {binding.tooltip for binding in essential_keys() if isinstance(binding, Binding)}
        for key in reversed([child for child in self.children if child.tooltip in first]):
            self.move_child(key, before=0)  # ahead of the focused widget's keys, which Textual lists first
        self.call_after_refresh(self._leave_out_what_does_not_fit)

    def on_resize(self) -> None:
        """Lay every key out again for the new width, then leave out those that no longer fit."""
        for child in self.children:
            child.display = True
        self.call_after_refresh(self._leave_out_what_does_not_fit)

    def _leave_out_what_does_not_fit(self) -> None:
        """Hide the first key that runs past the footer (or under the palette key) and every key after it."""
        if not self.is_attached:
            return
        children = list(self.children)
        palette = [child for child in children if child.has_class("-command-palette")]
        limit = palette[0].region.x if palette else self.region.right
        keys = [child for child in children if child not in palette]
        for index, child in enumerate(keys):
            if child.display and child.region.right > limit:
                # a group's label left out takes its keys with it
                start = index - 1 if index and isinstance(child, Label) else index
                for late in keys[start:]:
                    late.display = False
                return
