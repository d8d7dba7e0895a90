"""Small helpers shared by screens and widgets to reach the app and its open session."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.content import Content
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


def width_class(width: int, breakpoints: list[tuple[int, str]]) -> str:
    """Return the class of the widest breakpoint a terminal width reaches (as Textual applies it on resize)."""
    return next((name for threshold, name in sorted(breakpoints, reverse=True) if width >= threshold), "")


def update_if_changed(widget: Static, content: Content) -> None:
    """Show new content in a Static, skipping the layout pass an identical update would still cost."""
    from textual.content import Content

    shown = widget.content
    if isinstance(shown, Content) and shown.plain == content.plain and shown.spans == content.spans:
        return
    widget.update(content)
