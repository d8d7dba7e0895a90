"""Export file names: a safe slug of the client and the assessment date that can never leave the folder."""

from __future__ import annotations

from datetime import date

from slicewise.core.models.assessment import Assessment
from slicewise.core.slug import slugify


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
