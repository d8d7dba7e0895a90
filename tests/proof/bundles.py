"""The questionnaire bundles the proof tests run on, loaded once per test session."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from slicewise.core.loader import Bundle, load_bundle

DATA = Path(__file__).resolve().parent.parent / "data"
MINI = DATA / "mini"
BUILTIN = "commerce-integration"
REPO = DATA.parent.parent


@cache
def mini() -> Bundle:
    """The small test questionnaire (every question kind, a critical question, a show_if)."""
    return load_bundle(MINI)


@cache
def builtin() -> Bundle:
    """The built-in commerce-integration questionnaire."""
    return load_bundle(BUILTIN)


BUNDLES = {"mini": mini, "builtin": builtin}
"""Name → loader, for parametrised tests."""


def examples(count: int) -> int:
    """Scale a test's example count by `SLICEWISE_PROOF_SCALE` (default 1) for a longer run."""
    scale = float(os.environ.get("SLICEWISE_PROOF_SCALE", "1"))
    return max(1, round(count * scale))
