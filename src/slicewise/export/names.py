"""Export file names: a safe slug of the client and the assessment date that can never leave the folder."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from slicewise.core.models.assessment import Assessment

MAX_SLUG = 60
"""The longest client slug kept, so names stay readable and far below path limits."""

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slugify(text: str, fallback: str) -> str:
    """Fold text to lower-case ASCII letters, digits and single hyphens, or return `fallback` when nothing is left."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:MAX_SLUG].strip("-")
    if not slug or slug in _RESERVED:
        return fallback if not slug else f"{slug}-{fallback}"
    return slug


def date_part(text: str) -> str:
    """Return the assessment date as `YYYY-MM-DD`, or `undated` so names never depend on today's clock."""
    text = text.strip()
    if not text:
        return "undated"
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return slugify(text, "undated")[:20].strip("-") or "undated"


def base_name(assessment: Assessment) -> str:
    """Return the file stem of every export, e.g. `acme-retail-2026-11-27-report`.

    The `-report` ending keeps exports from ever taking the name of the assessment file itself
    (`acme-retail-2026-11-27.toml`), which `slicewise demo` saves in the same folder.
    """
    client = slugify(assessment.engagement.client, "assessment")
    return f"{client}-{date_part(assessment.engagement.date)}-report"
