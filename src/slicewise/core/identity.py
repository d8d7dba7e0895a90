"""An assessment's stable identity: generated when it is created, derived once for files written before ids.

Exports carry it, so a workbook edited by stakeholders is matched to the assessment it came from even when two
assessments share client, date, title and questionnaire, and even after those facts are corrected.
"""

from __future__ import annotations

import hashlib
import json

from slicewise.core.models.assessment import Assessment


def new_assessment_id() -> str:
    """Return a fresh id for an assessment being created (32 hexadecimal digits, random)."""
    import uuid  # only on creating: opening a file does not pay for the module

    return uuid.uuid4().hex


def derived_id(assessment: Assessment) -> str:
    """Return the id an assessment written before ids gets: the same every time it is read, until it is saved."""
    engagement = assessment.engagement
    facts = [engagement.client.strip(), engagement.date.strip(), engagement.title.strip(), assessment.questionnaire.id]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=True).encode("ascii")).hexdigest()[:32]
