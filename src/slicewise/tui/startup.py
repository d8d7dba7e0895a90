"""Keep Python's cyclic garbage collector out of the TUI's start-up, so full collections do not delay its
first frame.

Start-up imports Textual, pydantic and the core and builds their models and the first screen: some 77,000
tracked objects that live as long as the app. Each full collection walks all of them and finds nothing to
free, so the collector is held from the command's start until the first working screen is painted, then
everything built so far is frozen (left out of later collections) and collection resumes as normal.
"""

from __future__ import annotations

import gc

_held = False


def hold_collection() -> None:
    """Pause the cyclic collector for start-up (a no-op when it is already off)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_collection() -> None:
    """Freeze what start-up built and let the collector run again; safe to call more than once."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
