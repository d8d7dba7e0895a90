"""User and file text made inert for a terminal: control characters and escape sequences shown, never obeyed.

A client name, a note or a key in a file can hold ESC, carriage returns or bidirectional overrides; printed
raw they could retitle the window, clear the screen or make a line read backwards. Every face that prints
such text passes it through `inert` (rich's markup escaping does not cover raw control characters); the TUI draws
every line through `tui/inert_lines.py`, which shows the same characters as one-cell symbols.
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embedding and isolate marks."""


def inert(text: str) -> str:
    """Return `text` with every control character written out as a visible escape like `\\x1b`."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    """Write one control character as a Python-style escape."""
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
