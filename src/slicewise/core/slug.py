"""Safe slugs for file names and ids built from user text, and unique variants of them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

MAX_SLUG = 60


def slugify(text: str, fallback: str = "assessment") -> str:
    """Turn any text into a file-name-safe slug that cannot name a folder or leave one."""
    normalised = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", normalised.lower()).strip("-")
    slug = slug[:MAX_SLUG].strip("-")
    return slug or fallback


def unique(base: str, taken: Collection[str], form: str = "{base}-{number}") -> str:
    """Return `base`, or its first numbered variant (from 2) not in `taken`, so a new id or name never collides."""
    candidate, number = base, 2
    while candidate in taken:
        candidate = form.format(base=base, number=number)
        number += 1
    return candidate
