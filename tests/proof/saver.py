"""A child process for the fault tests: save an assessment in a loop and acknowledge each saved revision.

Usage: `python saver.py FILE [PAUSE_SECONDS]`. After each `save_assessment` returns it prints
`saved <revision>` and flushes, so the parent knows that revision is acknowledged. A refused save prints
`refused <message>` and exits with code 3. The revision is in `engagement.notes`; the answer note grows and
shrinks so file sizes vary between saves.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from slicewise.core.errors import SlicewiseError
from slicewise.core.models.assessment import Answer, Assessment, QuestionnaireRef
from slicewise.core.store import save_assessment

CHOICES = ("duplicates", "some-flows", "most-flows", "all-flows")


def revision_of(assessment: Assessment) -> int:
    """Read back the revision number a saver wrote."""
    return int(assessment.engagement.notes.removeprefix("revision "))


def assessment_at(revision: int) -> Assessment:
    """The assessment as it stands at one revision."""
    assessment = Assessment(questionnaire=QuestionnaireRef(id="mini", version="1.2.0"))
    assessment.engagement.notes = f"revision {revision}"
    assessment.answers["failure.idempotency"] = Answer(
        choice=CHOICES[revision % len(CHOICES)], note=f"r{revision} " + "x" * (revision * 37 % 3000)
    )
    assessment.answers["failure.retry"] = Answer(choices=["backoff", "limit"][: revision % 3])
    return assessment


def main() -> int:
    """Save revision 1, 2, 3, ... until killed or refused."""
    path = Path(sys.argv[1])
    pause = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
    revision = 0
    while True:
        revision += 1
        try:
            save_assessment(assessment_at(revision), path)
        except SlicewiseError as error:
            print("refused " + str(error).replace("\n", " | "), flush=True)
            return 3
        print(f"saved {revision}", flush=True)
        if pause:
            time.sleep(pause)


if __name__ == "__main__":
    sys.exit(main())
