"""Plain printing of user and file text with control characters made inert (no rich import)."""

from __future__ import annotations

import sys
from typing import IO, Any

from slicewise.core.inert import inert


def say(*parts: Any, file: IO[str] | None = None) -> None:
    """Print like `print`, with user and file text made inert."""
    print(*(inert(str(part)) for part in parts), file=file if file is not None else sys.stdout)
