"""The key footer of every screen, rebuilt once per frame however many times the bindings change in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyFooter(Footer):
    """Textual's footer, but bursts of binding changes (mounting, focusing) cost a single rebuild."""

    def __init__(self, *, compact: bool = True) -> None:
        """Build a footer, compact by default like every screen of the app."""
        super().__init__(compact=compact)
        self._rebuild_pending = False
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        """Schedule one rebuild after the next refresh unless one is already scheduled."""
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_pending:
            self._rebuild_pending = True
            if self._shown is None:
                self.call_next(self._rebuild)  # the first keys go out with the screen's first frame
            else:
                self.call_after_refresh(self._rebuild)

    def _keys(self) -> tuple[object, ...]:
        """Everything about the active bindings that the footer draws."""
        return tuple(
            (key, binding.action, binding.description, binding.key_display, binding.group, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show
        )

    async def _rebuild(self) -> None:
        """Rebuild the keys from the bindings active now, unless they are the ones already shown."""
        self._rebuild_pending = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await self.recompose()
