"""Safe slugs for file names built from user text: lower-case ASCII, no separators, never empty."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 60


def slugify(text: str, fallback: str = "assessment") -> str:
    """Turn any text into a file-name-safe slug that cannot name a folder or leave one."""
    normalised = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", normalised.lower()).strip("-")
    slug = slug[:MAX_SLUG].strip("-")
    return slug or fallback
