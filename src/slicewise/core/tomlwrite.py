"""Write TOML that reads back exactly: multi-line strings for readability, unless they would change the text."""

from __future__ import annotations

from typing import Any

import tomli_w


def dumps_toml(data: dict[str, Any]) -> str:
    """Render `data` as TOML that `tomllib` parses back to equal values.

    Multi-line strings keep long notes readable, but tomli_w writes a `\\r\\n` inside one as a bare
    newline (TOML readers normalise it), so a document holding any `\\r\\n` is written with escaped
    single-line strings instead.
    """
    return tomli_w.dumps(data, multiline_strings=not _has_crlf(data))


def _has_crlf(value: Any) -> bool:
    """Tell whether any string in a nested structure of dicts, lists and scalars contains `\\r\\n`."""
    if isinstance(value, str):
        return "\r\n" in value
    if isinstance(value, dict):
        return any(_has_crlf(key) or _has_crlf(item) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return any(_has_crlf(item) for item in value)
    return False
