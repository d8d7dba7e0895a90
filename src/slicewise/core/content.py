"""Where built-in questionnaires and scoring models live: installed package data first, then the checkout."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from slicewise.core.paths import is_file, lexists

PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""The installed `slicewise` package folder."""

CHECKOUT_DIR = PACKAGE_DIR.parent.parent
"""The repository root when running from a checkout or an editable install (`src/slicewise/..`)."""


def content_roots() -> list[Path]:
    """Return the folders holding `questionnaires/` and `scoring/`, installed wheel data before the checkout."""
    roots = []
    for root in (PACKAGE_DIR / "_content", CHECKOUT_DIR):
        if (root / "questionnaires").is_dir() and root not in roots:
            roots.append(root)
    return roots


def is_builtin(folder: Path) -> bool:
    """Tell whether a questionnaire folder is one shipped with slicewise (its scoring model is too)."""
    resolved = folder.resolve()
    return any(resolved.is_relative_to((root / "questionnaires").resolve()) for root in content_roots())


@dataclass(frozen=True)
class BuiltIn:
    """A built-in questionnaire found on disk."""

    id: str
    """The folder name, which is the questionnaire id."""
    path: Path
    """The questionnaire folder."""

    def heading(self) -> tuple[str, str]:
        """Return the questionnaire's title and version as its header states them, for a picker.

        Read with tomllib alone (the loader checks the whole folder when the questionnaire is used); a header
        that cannot be read shows the id and no version.
        """
        import tomllib

        try:
            with open(self.path / "questionnaire.toml", "rb") as header_file:
                header = tomllib.load(header_file)
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            return self.id, ""
        title, version = header.get("title"), header.get("version")
        return (
            title.strip() if isinstance(title, str) and title.strip() else self.id,
            version if isinstance(version, str) else "",
        )


def list_questionnaires() -> list[BuiltIn]:
    """List the built-in questionnaires (those with a `questionnaire.toml`), first root winning per id."""
    found: dict[str, BuiltIn] = {}
    for root in content_roots():
        for folder in sorted((root / "questionnaires").iterdir()):
            if is_file(folder / "questionnaire.toml") and folder.name not in found:
                found[folder.name] = BuiltIn(folder.name, folder)
    return list(found.values())


def builtin_questionnaire(questionnaire_id: str) -> Path | None:
    """Return the folder of a built-in questionnaire, or None."""
    for root in content_roots():
        folder = root / "questionnaires" / questionnaire_id
        if is_file(folder / "questionnaire.toml"):
            return folder
    return None


def scoring_folder_for(questionnaire_dir: Path, questionnaire_id: str) -> Path | None:
    """Find a questionnaire's scoring model: beside it, in a sibling `scoring/<id>/`, or built in."""
    candidates = [
        questionnaire_dir / "scoring",
        questionnaire_dir.parent.parent / "scoring" / questionnaire_id,
        questionnaire_dir.parent / "scoring" / questionnaire_id,
    ]
    candidates.extend(root / "scoring" / questionnaire_id for root in content_roots())
    for candidate in candidates:
        if lexists(candidate / "scoring.toml"):  # anything there (a pipe, a loop) is read and reported
            return candidate
    return None
