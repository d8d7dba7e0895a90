"""Drafts of forms and dialogs: escape closes a form and keeps what was typed, and reopening it shows it again.

A draft is the value of each field of the form by its id; the drafts of the open file are kept in its sidecar
so they survive a quit, those of the start screen's dialogs for as long as the app runs.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

Values = dict[str, Any]


class Drafts:
    """The drafts kept now, by form (`flow:<id>`, `flow:new`, `na:<question>`, ...)."""

    def __init__(self) -> None:
        """Start with none."""
        self.items: dict[str, Values] = {}

    def get(self, key: str) -> Values | None:
        """Return the draft of a form, if one is kept."""
        return self.items.get(key)

    def keep(self, key: str, values: Values) -> None:
        """Keep a form's draft."""
        self.items[key] = values

    def drop(self, key: str) -> bool:
        """Forget a form's draft (it was saved or discarded); return whether there was one."""
        return self.items.pop(key, None) is not None

    def load(self, record: object) -> None:
        """Take the drafts stored for a file, beside those already kept."""
        if isinstance(record, dict):
            self.items.update({k: v for k, v in record.items() if isinstance(k, str) and isinstance(v, dict)})


def form_values(screen: Screen[Any]) -> Values:
    """Return the value of every field of a form that has an id: inputs, selects, tick boxes and tick lists."""
    from textual.widgets import Checkbox, Input, Select, SelectionList  # once a form is up: start-up stays lean

    values: Values = {}
    for widget in screen.query("Input, Select, SelectionList, Checkbox"):
        if widget.id is None:
            continue
        if isinstance(widget, (Input, Checkbox)):
            values[widget.id] = widget.value
        elif isinstance(widget, Select):
            values[widget.id] = None if widget.is_blank() else widget.value
        elif isinstance(widget, SelectionList):
            values[widget.id] = [str(item) for item in widget.selected]
    return values


def fill_form(screen: Screen[Any], values: Values) -> None:
    """Put a draft's values back into the fields of a form (fields it does not know are left alone)."""
    from textual.widgets import Checkbox, Input, Select, SelectionList
    from textual.widgets.select import InvalidSelectValueError

    for field_id, value in values.items():
        found = screen.query(f"#{field_id}")
        if not found:
            continue
        widget = found.first()
        if (isinstance(widget, Input) and isinstance(value, str)) or (
            isinstance(widget, Checkbox) and isinstance(value, bool)
        ):
            widget.value = value
        elif isinstance(widget, Select):
            with contextlib.suppress(InvalidSelectValueError):  # a system or pattern no longer offered
                if value is None:
                    widget.clear()
                else:
                    widget.value = value
        elif isinstance(widget, SelectionList) and isinstance(value, list):
            widget.deselect_all()
            for item in value:
                if isinstance(item, str):
                    widget.select(item)


def resume_draft(screen: Screen[Any], key: str) -> Values:
    """Show a form's kept draft, if any, and return the values the form opened with (to tell a change)."""
    from slicewise.tui.base import sw_app

    opened = form_values(screen)
    draft = sw_app(screen).drafts.get(key)
    if draft is not None and draft != opened:
        fill_form(screen, draft)
        screen.notify("Your draft is back, as you left it. ctrl+r restores the form as it was.", timeout=5)
    return opened


def leave_keeping_draft(screen: Screen[Any], key: str, opened: Values, what: str) -> None:
    """On escape: keep what was typed as the form's draft (and say so), or forget it when nothing changed."""
    from slicewise.tui.base import sw_app

    app = sw_app(screen)
    values = form_values(screen)
    if values != opened:
        app.drafts.keep(key, values)
        app.notify(f"{what} not saved; your draft is kept: reopen the form to go on.", timeout=5)
    elif not app.drafts.drop(key):
        return
    app.keep_sidecar()


def forget_draft(screen: Screen[Any], key: str) -> None:
    """Forget a form's draft once the form is saved."""
    from slicewise.tui.base import sw_app

    app = sw_app(screen)
    if app.drafts.drop(key):
        app.keep_sidecar()
