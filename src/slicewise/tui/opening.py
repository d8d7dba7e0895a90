"""Open an existing assessment or create a new one, for the command line and the start screen alike."""

from __future__ import annotations

import os
from pathlib import Path

from slicewise.core.errors import SlicewiseError
from slicewise.core.paths import is_dir
from slicewise.tui.session import Session


def open_session(path: Path) -> Session:
    """Load an assessment file with its questionnaire; a bad file raises `SlicewiseError` and is not touched."""
    from slicewise.core.store import open_held

    path = Path(path).expanduser()
    if is_dir(path) or not os.path.lexists(path):
        reason = "this path is a folder, not a file" if is_dir(path) else "the file does not exist"
        raise SlicewiseError.single("Cannot open the assessment", str(path), reason)
    assessment, bundle, hold = open_held(path)
    return Session.open(bundle, assessment, path, hold)


def default_path(client: str, folder: Path | None = None) -> Path:
    """Suggest a file for a new assessment from the client and today's date, never an existing file."""
    import datetime as dt

    from slicewise.core.slug import slugify
    from slicewise.core.store import file_exists_nonempty

    folder = folder or Path.cwd()
    stem = f"{slugify(client or 'assessment')}-{dt.date.today().isoformat()}"
    candidate = folder / f"{stem}.toml"
    number = 2
    while file_exists_nonempty(candidate):
        candidate = folder / f"{stem}-{number}.toml"
        number += 1
    return candidate


def create_session(questionnaire: str | Path, client: str, path: Path | None) -> Session:
    """Start a new assessment, refusing to overwrite an existing file, and save it at once."""
    from slicewise.core.loader import load_bundle
    from slicewise.core.store import file_exists_nonempty, new_assessment

    target = Path(path).expanduser() if path else default_path(client)
    if target.is_dir():
        raise SlicewiseError.single("Cannot create the assessment", str(target), "this path is a folder")
    if file_exists_nonempty(target):
        raise SlicewiseError.single(
            "Cannot create the assessment",
            str(target),
            "a file already exists there; open it with 'slicewise open' or choose another name",
        )
    if not target.parent.is_dir():
        raise SlicewiseError.single("Cannot create the assessment", str(target), "its folder does not exist")
    bundle = load_bundle(questionnaire)
    assessment = new_assessment(bundle, client=client.strip())
    session = Session.open(bundle, assessment, target)
    session.save()
    return session
