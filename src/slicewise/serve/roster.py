"""The respondents of a round: who is invited, their assessment file, and the hash of their link's token.

Tokens are never stored: only their SHA-256, so a copy of the round folder does not hand out the links.
A presented token is hashed and compared with every stored hash in constant time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

from slicewise.core.errors import SlicewiseError
from slicewise.core.slug import slugify

TOKEN_BYTES = 32
"""Random bytes per token (256 bits, from `secrets`)."""
TOKEN_MAX_CHARS = 100
"""A longer token in a request is refused before hashing (bounded work per request)."""
ROSTER_TITLE = "Cannot read the round's invitations"


@dataclass(frozen=True)
class RoundFolder:
    """Where a round keeps its files: respondents' assessments at the top, the server's own files apart."""

    folder: Path

    @property
    def private(self) -> Path:
        """The server's own folder (invitations, session state, locks), kept out of `*.toml` globs."""
        return self.folder / ".serve"

    @property
    def roster(self) -> Path:
        """The invitations file."""
        return self.private / "invites.toml"

    @property
    def address(self) -> Path:
        """Where the server notes the start of its links, so later invitations print links that work."""
        return self.private / "address.toml"

    @property
    def log(self) -> Path:
        """The server's log (never holds a token)."""
        return self.folder / "serve.log"

    def state(self, respondent_id: str) -> Path:
        """The TUI state folder of one respondent's sessions (its recent list), kept out of the server's home."""
        return self.private / "state" / respondent_id

    def lock(self, respondent_id: str) -> Path:
        """The lock file that admits one writer of a respondent's file at a time."""
        return self.private / "locks" / f"{respondent_id}.lock"


@dataclass(frozen=True)
class Respondent:
    """One invited person."""

    id: str
    """A slug of the name, unique in the round; names the assessment file."""
    name: str
    """The name as the consultant typed it."""
    file: str
    """The assessment file's name inside the round folder."""
    token_sha256: str
    """Hex SHA-256 of the link's token."""
    invited: str
    """When the current link was issued (ISO time, UTC)."""
    revoked: bool = False
    """A revoked link opens nothing; a live session on it is ended."""


def hash_token(token: str) -> str:
    """Return the hex SHA-256 of a token."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_token() -> str:
    """Return a fresh URL-safe token of 256 random bits."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def now_text() -> str:
    """Return the current UTC time as ISO text, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def load_roster(round_folder: RoundFolder) -> list[Respondent]:
    """Read the invitations; none yet is an empty list, a damaged file a located error."""
    path = round_folder.roster
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        raise SlicewiseError.single(ROSTER_TITLE, str(path), error.strerror or str(error)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SlicewiseError.single(ROSTER_TITLE, str(path), str(error)) from None
    people: list[Respondent] = []
    entries = data.get("respondent", [])
    if not isinstance(entries, list):
        raise SlicewiseError.single(ROSTER_TITLE, str(path), "'respondent' must be a list of tables")
    for number, entry in enumerate(entries, start=1):
        try:
            person = Respondent(
                id=str(entry["id"]),
                name=str(entry["name"]),
                file=str(entry["file"]),
                token_sha256=str(entry["token_sha256"]),
                invited=str(entry.get("invited", "")),
                revoked=bool(entry.get("revoked", False)),
            )
        except (KeyError, TypeError) as error:
            raise SlicewiseError.single(ROSTER_TITLE, str(path), f"respondent {number}: missing {error}") from None
        if Path(person.file).name != person.file or not person.file.endswith(".toml"):
            raise SlicewiseError.single(
                ROSTER_TITLE, str(path), f"respondent {number}: file must be a .toml name inside the round folder"
            )
        if slugify(person.id) != person.id:  # it names folders and lock files inside the round
            raise SlicewiseError.single(
                ROSTER_TITLE, str(path), f"respondent {number}: id must be lower-case letters, digits and dashes"
            )
        if not person.name.isprintable():
            raise SlicewiseError.single(
                ROSTER_TITLE, str(path), f"respondent {number}: the name has control characters"
            )
        people.append(person)
    return people


def save_roster(round_folder: RoundFolder, people: list[Respondent]) -> None:
    """Write the invitations atomically, readable by the consultant only."""
    import tomli_w

    from slicewise.core.atomic import atomic_write_text

    round_folder.private.mkdir(parents=True, exist_ok=True)
    data = {
        "respondent": [
            {
                "id": p.id,
                "name": p.name,
                "file": p.file,
                "token_sha256": p.token_sha256,
                "invited": p.invited,
                "revoked": p.revoked,
            }
            for p in people
        ]
    }
    text = "# Invitations of this round: token hashes only, never the links themselves.\n" + tomli_w.dumps(data)
    atomic_write_text(round_folder.roster, text, title="Cannot save the round's invitations")
    round_folder.roster.chmod(0o600)


def find_by_token(people: list[Respondent], token: str) -> Respondent | None:
    """Return the respondent whose live link carries this token, comparing every hash in constant time."""
    if not token or len(token) > TOKEN_MAX_CHARS:
        return None
    presented = hash_token(token)
    found: Respondent | None = None
    for person in people:
        if hmac.compare_digest(presented, person.token_sha256) and not person.revoked:
            found = person
    return found


def find_by_name(people: list[Respondent], name: str) -> Respondent | None:
    """Return the respondent with this id or name (case-insensitive), if any."""
    wanted = name.strip().casefold()
    for person in people:
        if wanted in (person.id.casefold(), person.name.casefold()):
            return person
    return None
