"""The worked example: the sample client's answers, stamped with the current questionnaire and saved."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from slicewise.core.errors import SlicewiseError
from slicewise.core.models.assessment import Assessment, QuestionnaireRef
from slicewise.core.store import check_answers, default_file_name, read_assessment, save_assessment

if TYPE_CHECKING:
    from slicewise.core.loader import Bundle

DEMO_QUESTIONNAIRE = "commerce-integration"
DEMO_FILE = Path("examples") / "demo.toml"


def demo_source() -> Path:
    """Return the shipped demo assessment file."""
    from slicewise.core.content import builtin_questionnaire

    folder = builtin_questionnaire(DEMO_QUESTIONNAIRE)
    if folder is None or not (folder / DEMO_FILE).is_file():
        raise SlicewiseError.single(
            "The demo is not installed", DEMO_QUESTIONNAIRE, "the built-in questionnaire or its example is missing"
        )
    return folder / DEMO_FILE


def load_demo() -> tuple[Bundle, Assessment]:
    """Load the demo assessment and its questionnaire, checked like any other file."""
    from slicewise.core.loader import load_bundle

    bundle = load_bundle(DEMO_QUESTIONNAIRE)
    loaded = read_assessment(demo_source())
    problems = check_answers(bundle, loaded)
    if problems:
        raise SlicewiseError("The demo assessment does not fit its questionnaire", problems)
    assessment = loaded.assessment.model_copy(deep=True)
    questionnaire = bundle.questionnaire
    assessment.questionnaire = QuestionnaireRef(
        id=questionnaire.id, version=questionnaire.version, digest=questionnaire.digest
    )
    return bundle, assessment


def write_demo(folder: Path) -> tuple[Bundle, Assessment, Path]:
    """Save the demo assessment into `folder` (created when missing) and return where it went."""
    bundle, assessment = load_demo()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SlicewiseError.single("Cannot write the demo", str(folder), exc.strerror or str(exc)) from None
    path = folder / default_file_name(assessment)
    save_assessment(assessment, path)
    return bundle, assessment, path
