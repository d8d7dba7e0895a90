"""Export file names: the client in its own script and the assessment date, never leaving the folder.

Latin letters lose their accents (`Café Ünï` → `cafe-uni`), a fold every reader agrees on; other scripts
(Japanese, Hebrew, Cyrillic …) are kept as written, because no transliteration does every script well and
a readable native name beats a wrong Latin one; a name with no letter or digit at all gets a short hash of
itself so two such clients still get different files.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import date

from slicewise.core.models.assessment import Assessment
from slicewise.core.slug import slugify

MAX_CLIENT_CHARS = 60
"""The longest client part of a file name, in characters."""

MAX_CLIENT_BYTES = 150
"""The longest client part in UTF-8 bytes, so the whole name stays well inside the usual 255-byte limit."""

_KEPT = ("L", "M", "N")
"""Unicode categories kept in names: letters, their combining marks and digits of every script."""


def date_part(text: str) -> str:
    """Return the assessment date as `YYYY-MM-DD`, or `undated` so names never depend on today's clock."""
    text = text.strip()
    if not text:
        return "undated"
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return slugify(text, "undated")[:20].strip("-") or "undated"


def client_part(client: str) -> str:
    """Return a file-name-safe form of a client name: Latin letters folded to ASCII, other scripts kept as written."""
    words: list[str] = []
    current: list[str] = []
    for char in unicodedata.normalize("NFC", client):
        folded = "".join(part for part in unicodedata.normalize("NFKD", char) if part.isascii())
        if folded and folded.isalnum():
            current.append(folded.lower())
        elif unicodedata.category(char)[0] in _KEPT and (current or unicodedata.category(char)[0] != "M"):
            current.append(char.lower())
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    slug = "-".join(words)[:MAX_CLIENT_CHARS]
    slug = slug.encode("utf-8")[:MAX_CLIENT_BYTES].decode("utf-8", errors="ignore").strip("-")
    if slug:
        return slug
    if not client.strip():
        return "assessment"
    return "client-" + hashlib.sha256(client.strip().encode("utf-8")).hexdigest()[:6]


def base_name(assessment: Assessment) -> str:
    """Return the file stem of every export, e.g. `acme-retail-2026-11-27-report`.

    The `-report` ending keeps exports from ever taking the name of the assessment file itself
    (`acme-retail-2026-11-27.toml`), which `slicewise demo` saves in the same folder.
    """
    return f"{client_part(assessment.engagement.client)}-{date_part(assessment.engagement.date)}-report"


ID_PROPERTY = "slicewise-assessment-id"
"""The workbook's custom document property carrying the assessment's stable id (sync and export match on it)."""


def assessment_key(client: str, date_text: str, title: str, questionnaire: str) -> str:
    """Return the short key that tells one assessment's exports from another's (stored in each export)."""
    facts = json.dumps([client.strip(), date_text.strip(), title.strip(), questionnaire], ensure_ascii=True)
    return "slicewise-assessment:" + hashlib.sha256(facts.encode("ascii")).hexdigest()[:16]


def key_of(assessment: Assessment) -> str:
    """Return the key of an assessment from its engagement and questionnaire."""
    engagement = assessment.engagement
    return assessment_key(engagement.client, engagement.date, engagement.title, assessment.questionnaire.id)
