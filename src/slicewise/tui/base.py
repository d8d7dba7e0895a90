"""Small helpers shared by screens and widgets to reach the app and its open session."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.content import Content
    from textual.css.styles import RulesMap
    from textual.dom import DOMNode
    from textual.widgets import Static

    from slicewise.tui.app import SlicewiseApp
    from slicewise.tui.session import Session


def sw_app(node: DOMNode) -> SlicewiseApp:
    """Return the running slicewise app of a widget or screen."""
    return cast("SlicewiseApp", node.app)


def session_of(node: DOMNode) -> Session:
    """Return the open session of the app a widget or screen runs in."""
    return sw_app(node).current_session


def update_keeping_height(panel: Static, content: Content, most_rows: int) -> None:
    """Show new content in a panel under a grid, which keeps the height it has grown to (up to `most_rows`).

    The grid above then stays put as the content comes and goes instead of jumping under the cursor, and
    content that fits needs no layout pass. `panel.styles.height = "auto"` lets it size itself afresh.
    """
    if _shows(panel, content):
        return
    width = panel.content_region.width
    if width <= 0:  # not laid out yet: the first layout sizes it
        panel.update(content)
        return
    rows = min(most_rows, content.get_height(cast("RulesMap", panel.styles), width))  # as Static does
    grows = rows > panel.size.height
    if grows:
        panel.styles.height = rows
    panel.update(content, layout=grows)


def width_class(width: int, breakpoints: list[tuple[int, str]]) -> str:
    """Return the class of the widest breakpoint a terminal width reaches (as Textual applies it on resize)."""
    return next((name for threshold, name in sorted(breakpoints, reverse=True) if width >= threshold), "")


def update_if_changed(widget: Static, content: Content) -> None:
    """Show new content in a Static, skipping the layout pass an identical update would still cost."""
    if not _shows(widget, content):
        widget.update(content)


def _shows(widget: Static, content: Content) -> bool:
    """Tell whether a Static already shows exactly this content (same text, same styles)."""
    from textual.content import Content

    shown = widget.content
    return isinstance(shown, Content) and shown.plain == content.plain and shown.spans == content.spans
