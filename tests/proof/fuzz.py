"""Fuzz the loaders: random bytes and mutations of valid questionnaire, scoring and assessment files.

Every case must end in a loaded file or a `SlicewiseError` with a title and located problems: never another
exception, never a hang, never a change to the file read. A bundle or assessment that loads is also
scored, so a file the validators accept cannot crash the engine.

Run it long with `PYTHONPATH=src python -m tests.proof.fuzz --cases 5000 --seed 20261127`; the pytest
test runs `SLICEWISE_FUZZ_CASES` cases (1,000 by default) with the same seed. Besides byte and line
mutations, structural ones parse the file and nest values hundreds deep, retype tables and arrays,
graft subtrees of another file in, and put infinities and extreme numbers where numbers go; each case
runs under a time limit (a hang guard) and a memory limit.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import re
import shutil
import signal
import tempfile
import time
import tomllib
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from slicewise.core.engine import evaluate
from slicewise.core.errors import SlicewiseError
from slicewise.core.loader import Bundle, load_bundle
from slicewise.core.models.assessment import Assessment, QuestionnaireRef
from slicewise.core.store import check_answers, open_assessment, read_assessment

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "data" / "mini"
BUILTIN_Q = REPO / "questionnaires" / "commerce-integration"
BUILTIN_S = REPO / "scoring" / "commerce-integration"
MINI_ASSESSMENT = REPO / "tests" / "data" / "assessment_valid.toml"
DEMO = BUILTIN_Q / "examples" / "demo.toml"
DEFAULT_SEED = 20261127
TIMEOUT_SECONDS = 60
"""A hang guard, generous for a busy machine; never a speed assertion."""

VALUES = (
    "0",
    "-1",
    "5",
    "99999999999999999999999",
    "1.5",
    "nan",
    "-inf",
    "true",
    '""',
    '"text"',
    '"' + "x" * 5000 + '"',
    '"\\u0000\\u001b"',
    '"☃ 😀 \\u202e"',
    "[]",
    '[1, "a", true]',
    "[[1], [2]]",
    "{}",
    "{ a = 1 }",
    "{ all = [] }",
    "{ not = { not = { not = {} } } }",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    "'literal'",
)
"""Replacement values for type swaps: every TOML type, edge numbers, huge and hostile strings."""

NOISE = (b"\x00", b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\r", b"\t", b'"""', b"[", b"]]", b"=", b"#", b"\\")
"""Byte snippets inserted at random: NUL, invalid UTF-8, an encoded surrogate, TOML punctuation."""

KEY_LINE = re.compile(rb"^(\s*)([A-Za-z0-9_.\"'-]+)(\s*=\s*)(.*)$")


@dataclass
class Target:
    """One kind of input to fuzz: seed files, the folder they live in and how to load it."""

    name: str
    """Short name used in the report table."""
    files: list[str]
    """Paths (relative to the work folder) of the files to mutate."""
    load: Callable[[Path], object]
    """Load the work folder; returns what was loaded (then scored) or raises."""
    weight: int
    """Share of the cases this target gets."""


@dataclass
class Outcome:
    """The tally of a fuzz run."""

    seed: int
    cases: int = 0
    by_target: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_operator: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


class Hang(Exception):
    """Raised by the alarm when one case runs longer than the timeout."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    """Turn SIGALRM into a Hang."""
    raise Hang()


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise Hang when the block takes longer than `seconds` (main thread, Unix)."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- mutations ------------------------------------------------------------------------------------------


def _lines(data: bytes) -> list[bytes]:
    """Split into lines keeping their ends."""
    return data.splitlines(keepends=True) or [b""]


def flip_bytes(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Flip one bit in one to four random bytes."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if out:
            at = rng.randrange(len(out))
            out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Cut the file at a random byte, as a full disk or a crash without atomic writes would."""
    return data[: rng.randrange(len(data) + 1)]


def delete_lines(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Delete one to three lines."""
    lines = _lines(data)
    for _ in range(rng.randint(1, 3)):
        if lines:
            del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def duplicate_line(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Repeat a line (duplicate keys, duplicate tables, repeated array entries)."""
    lines = _lines(data)
    at = rng.randrange(len(lines))
    lines.insert(at, lines[at] if lines[at].endswith(b"\n") else lines[at] + b"\n")
    return b"".join(lines)


def swap_lines(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Exchange two lines (keys moving between tables)."""
    lines = _lines(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"".join(lines)


def _key_lines(lines: list[bytes]) -> list[int]:
    """Indexes of `key = value` lines."""
    return [i for i, line in enumerate(lines) if KEY_LINE.match(line.rstrip(b"\r\n"))]


def _pick_key_line(data: bytes, rng: random.Random) -> tuple[list[bytes], int, tuple[bytes, ...], bytes] | None:
    """Pick a `key = value` line: the lines, its index, its (indent, key, eq, value) and its line end."""
    lines = _lines(data)
    candidates = _key_lines(lines)
    if not candidates:
        return None
    at = rng.choice(candidates)
    end = lines[at][len(lines[at].rstrip(b"\r\n")) :]
    match = KEY_LINE.match(lines[at].rstrip(b"\r\n"))
    assert match is not None
    return lines, at, match.groups(), end


def rename_key(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Rename a key: a typo, another key of the file, a random id, or a quoted unicode key."""
    picked = _pick_key_line(data, rng)
    if picked is None:
        return flip_bytes(data, rng, donor)
    lines, at, (indent, key, eq, value), end = picked
    others = [KEY_LINE.match(lines[i].rstrip(b"\r\n")).group(2) for i in _key_lines(lines)]  # type: ignore[union-attr]
    choice = rng.randrange(4)
    if choice == 0 and len(key) > 1:
        cut = rng.randrange(len(key))
        new = key[:cut] + key[cut + 1 :]
    elif choice == 1:
        new = rng.choice(others)
    elif choice == 2:
        new = ("k" + "".join(rng.choice("abcxyz_-0") for _ in range(rng.randint(1, 8)))).encode()
    else:
        new = '"ключ ☃"'.encode()
    lines[at] = indent + new + eq + value + end
    return b"".join(lines)


def swap_value(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Replace a value with one of another type (or an edge value of the same type)."""
    picked = _pick_key_line(data, rng)
    if picked is None:
        return flip_bytes(data, rng, donor)
    lines, at, (indent, key, eq, _value), end = picked
    lines[at] = indent + key + eq + rng.choice(VALUES).encode() + end
    return b"".join(lines)


def splice(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Insert a line taken from another valid file (a key or table that belongs elsewhere)."""
    lines, donor_lines = _lines(data), _lines(donor)
    piece = rng.choice(donor_lines)
    lines.insert(rng.randrange(len(lines) + 1), piece if piece.endswith(b"\n") else piece + b"\n")
    return b"".join(lines)


def insert_noise(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Insert NUL, invalid UTF-8 or stray TOML punctuation at a random byte."""
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(NOISE) + data[at:]


def nest(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Wrap a value in many arrays or inline tables (tens to hundreds deep)."""
    picked = _pick_key_line(data, rng)
    if picked is None:
        return flip_bytes(data, rng, donor)
    lines, at, (indent, key, eq, value), end = picked
    depth = rng.choice((3, 20, 100, 600))
    opener, closer = (b"[", b"]") if rng.random() < 0.5 else (b"{ a = ", b" }")
    wrapped = opener * depth + value + closer * depth
    lines[at] = indent + key + eq + wrapped + end
    return b"".join(lines)


INFINITIES = (
    "inf",
    "-inf",
    "+inf",
    "nan",
    "-nan",
    "1e308",
    "-1e308",
    "9" * 400,
    "9" * 5000,
    "0x7fffffffffffffff",
    "5e-324",
)
"""Non-finite and extreme numbers, each valid TOML."""


def infinity(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Replace a value, preferably a number, with an infinity, a NaN or an extreme number."""
    lines = _lines(data)
    numeric = [
        i
        for i in _key_lines(lines)
        if re.match(rb"^[+-]?[0-9.]", KEY_LINE.match(lines[i].rstrip(b"\r\n")).group(4))  # type: ignore[union-attr]
    ]
    candidates = numeric or _key_lines(lines)
    if not candidates:
        return flip_bytes(data, rng, donor)
    at = rng.choice(candidates)
    end = lines[at][len(lines[at].rstrip(b"\r\n")) :]
    indent, key, eq, _value = KEY_LINE.match(lines[at].rstrip(b"\r\n")).groups()  # type: ignore[union-attr]
    lines[at] = indent + key + eq + rng.choice(INFINITIES).encode() + end
    return b"".join(lines)


def _parsed(data: bytes) -> dict[str, object] | None:
    """The document as data, or None when it does not parse (structural mutations then fall back)."""
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # bad UTF-8, bad TOML, an integer of thousands of digits
        return None


def _nodes(tree: object, path: tuple[object, ...] = ()) -> Iterator[tuple[tuple[object, ...], object]]:
    """Every (path, value) of a parsed document, containers included."""
    yield path, tree
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _nodes(value, (*path, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from _nodes(value, (*path, index))


def _put(tree: object, path: tuple[object, ...], value: object) -> None:
    """Replace the value at `path` (never the root)."""
    parent = tree
    for part in path[:-1]:
        parent = parent[part]  # type: ignore[index]
    parent[path[-1]] = value  # type: ignore[index]


def _dump(tree: dict[str, object], data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Write a mutated document back as TOML (a value tomli_w refuses falls back to a text mutation)."""
    import tomli_w

    try:
        return tomli_w.dumps(tree).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return swap_value(data, rng, donor)


def retype(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Parse, turn one table, array or value into another type (a table into a list, a list into a string...)."""
    tree = _parsed(data)
    nodes = [(path, value) for path, value in _nodes(tree) if path] if tree else []
    if not tree or not nodes:
        return swap_value(data, rng, donor)
    path, value = rng.choice(nodes)
    options: list[object] = [{"value": 1}, [1, 2], "text", 7, 2.5, True, [{"id": "x"}], {}, []]
    if isinstance(value, dict):
        options += [list(value.values()), [value]]
    elif isinstance(value, list):
        options += [{str(i): v for i, v in enumerate(value)}, value[:1] * 3]
    _put(tree, path, rng.choice([o for o in options if type(o) is not type(value)] or options))
    return _dump(tree, data, rng, donor)


def graft(data: bytes, rng: random.Random, donor: bytes) -> bytes:
    """Parse both, and put a subtree of the donor file somewhere in this one (replacing or beside a value)."""
    tree, other = _parsed(data), _parsed(donor)
    nodes = [(path, value) for path, value in _nodes(tree) if path] if tree else []
    pieces = [value for path, value in _nodes(other) if path] if other else []
    if not tree or not nodes or not pieces:
        return splice(data, rng, donor)
    path, value = rng.choice(nodes)
    piece = rng.choice(pieces)
    if isinstance(value, dict) and rng.random() < 0.5:
        value[rng.choice(["grafted", *map(str, value)])] = piece
    elif isinstance(value, list) and rng.random() < 0.5:
        value.append(piece)
    else:
        _put(tree, path, piece)
    return _dump(tree, data, rng, donor)


MUTATIONS: dict[str, Callable[[bytes, random.Random, bytes], bytes]] = {
    "nest": nest,
    "infinity": infinity,
    "retype": retype,
    "graft": graft,
    "flip": flip_bytes,
    "truncate": truncate,
    "delete-lines": delete_lines,
    "duplicate-line": duplicate_line,
    "swap-lines": swap_lines,
    "rename-key": rename_key,
    "swap-value": swap_value,
    "splice": splice,
    "noise": insert_noise,
}


def random_bytes(rng: random.Random) -> bytes:
    """Random bytes: pure noise, or printable TOML-ish characters."""
    size = rng.randint(0, 2000)
    if rng.random() < 0.5:
        return rng.randbytes(size)
    alphabet = b"abc=[]{}\"'.,#\n\n\n 0123456789-_:\\"
    return bytes(rng.choice(alphabet) for _ in range(size))


# -- targets --------------------------------------------------------------------------------------------


def _score_bundle(bundle: Bundle) -> None:
    """Score an empty assessment against a bundle that loaded, so its accepted content cannot crash the engine."""
    empty = Assessment(questionnaire=QuestionnaireRef(id=bundle.questionnaire.id))
    evaluate(bundle, empty)


def _load_mini_folder(work: Path) -> object:
    """Load the mini questionnaire copy."""
    bundle = load_bundle(work / "mini")
    _score_bundle(bundle)
    return bundle


def _load_builtin_folder(work: Path) -> object:
    """Load the built-in questionnaire copy (its scoring in the sibling scoring/ folder)."""
    bundle = load_bundle(work / "questionnaires" / "commerce-integration")
    _score_bundle(bundle)
    return bundle


def _open_mini_assessment(work: Path) -> object:
    """Open an assessment of the mini questionnaire (found through its relative path) and score it."""
    path = work / "assessment.toml"
    read_assessment(path)
    assessment, bundle = open_assessment(path)
    evaluate(bundle, assessment)
    return assessment


_BUILTIN_BUNDLE: list[Bundle] = []


def _open_demo(work: Path) -> object:
    """Read the demo assessment, check it against the built-in questionnaire and score it."""
    if not _BUILTIN_BUNDLE:
        _BUILTIN_BUNDLE.append(load_bundle("commerce-integration"))
    bundle = _BUILTIN_BUNDLE[0]
    loaded = read_assessment(work / "demo.toml")
    problems = check_answers(bundle, loaded)
    if problems:
        raise SlicewiseError("The assessment does not fit its questionnaire", problems)
    evaluate(bundle, loaded.assessment)
    return loaded.assessment


def _mini_files() -> list[str]:
    return [f"mini/{p.relative_to(MINI)}" for p in sorted(MINI.rglob("*.toml"))]


def _builtin_files() -> list[str]:
    q = [f"questionnaires/commerce-integration/{p.name}" for p in sorted(BUILTIN_Q.glob("*.toml"))]
    s = [f"scoring/commerce-integration/{p.name}" for p in sorted(BUILTIN_S.glob("*.toml"))]
    return q + s


def targets() -> list[Target]:
    """The inputs fuzzed, with their share of the cases."""
    return [
        Target("mini questionnaire + scoring", _mini_files(), _load_mini_folder, 40),
        Target("built-in questionnaire + scoring", _builtin_files(), _load_builtin_folder, 15),
        Target("assessment (mini, open_assessment)", ["assessment.toml"], _open_mini_assessment, 25),
        Target("demo assessment (built-in)", ["demo.toml"], _open_demo, 20),
    ]


def prepare(work: Path) -> None:
    """Copy every seed file into the work folder."""
    shutil.copytree(MINI, work / "mini")
    shutil.copytree(
        BUILTIN_Q, work / "questionnaires" / "commerce-integration", ignore=shutil.ignore_patterns("examples")
    )
    shutil.copytree(BUILTIN_S, work / "scoring" / "commerce-integration")
    shutil.copyfile(MINI_ASSESSMENT, work / "assessment.toml")
    shutil.copyfile(DEMO, work / "demo.toml")


# -- running --------------------------------------------------------------------------------------------


def _check_error(error: SlicewiseError) -> str | None:
    """Say what is unclear about an error, or None when it has a title and located, worded problems."""
    if not error.title.strip():
        return "an error without a title"
    if not error.problems:
        return "an error without problems"
    for problem in error.problems:
        if not problem.message.strip():
            return "a problem without a message"
        if "Traceback" in problem.message:
            return "a traceback inside a message"
    return None


def run(cases: int, seed: int = DEFAULT_SEED, keep: Path | None = None) -> Outcome:
    """Run `cases` fuzz cases with a fixed seed; failing inputs are copied to `keep` when given."""
    rng = random.Random(seed)
    outcome = Outcome(seed=seed)
    chosen = targets()
    weights = [t.weight for t in chosen]
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="slicewise-fuzz-") as folder:
        work = Path(folder)
        prepare(work)
        originals = {rel: (work / rel).read_bytes() for t in chosen for rel in t.files}
        for number in range(cases):
            target = rng.choices(chosen, weights)[0]
            rel = rng.choice(target.files)
            original = originals[rel]
            if rng.random() < 0.08:
                data, operator = random_bytes(rng), "random-bytes"
            else:
                names = rng.sample(sorted(MUTATIONS), k=rng.choice((1, 1, 1, 2, 3)))
                data = original
                donor = originals[rng.choice(sorted(originals))]
                for name in names:
                    data = MUTATIONS[name](data, rng, donor)
                operator = "+".join(names)
            path = work / rel
            path.write_bytes(data)
            result = one_case(target, work, path, data)
            path.write_bytes(original)
            outcome.cases += 1
            outcome.by_target[(target.name, result.split(":", 1)[0])] += 1
            for name in operator.split("+"):
                outcome.by_operator[name] += 1
            if result.startswith(("crash", "hang", "unclear", "changed")):
                description = f"case {number} ({target.name}, {rel}, {operator}): {result}"
                outcome.failures.append(description)
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    (keep / f"case-{number}-{Path(rel).name}").write_bytes(data)
    outcome.seconds = time.perf_counter() - start
    return outcome


@contextlib.contextmanager
def memory_limit(budget: int) -> Iterator[None]:
    """Cap this process's address space at its current size plus `budget` bytes for the block (Unix).

    Going over raises MemoryError inside the case, which the run reports as a crash; the previous limit
    is restored afterwards (lowering and raising back the soft limit needs no privilege).
    """
    try:
        import resource
    except ImportError:  # not on this platform: the time limit still guards
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    try:
        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        yield
        return
    cap = size + budget if hard == resource.RLIM_INFINITY else min(hard, size + budget)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


MEMORY_BUDGET = 1024 * 2**20
"""Memory one case may add to the process (1 GiB): a loader that balloons is reported, not the machine stalled."""


def one_case(target: Target, work: Path, path: Path, data: bytes) -> str:
    """Load once under the time and memory limits and classify: loaded, refused, crash, hang, unclear, changed."""
    try:
        with memory_limit(MEMORY_BUDGET), time_limit(TIMEOUT_SECONDS):
            target.load(work)
        result = "loaded"
    except SlicewiseError as error:
        unclear = _check_error(error)
        result = f"unclear: {unclear}: {error}" if unclear else "refused"
    except Hang:
        result = f"hang: more than {TIMEOUT_SECONDS} s"
    except Exception as error:  # the point is to catch anything that is not a SlicewiseError
        frames = traceback.extract_tb(error.__traceback__)
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
        result = f"crash: {type(error).__name__}: {str(error)[:200]} at {where}"
    if path.read_bytes() != data:
        result = "changed: the loader modified the file it read"
    return result


def format_outcome(outcome: Outcome) -> str:
    """A plain-text summary: cases per target and outcome, per operator, and every failure."""
    lines = [f"fuzz: {outcome.cases} cases, seed {outcome.seed}, {outcome.seconds:.1f} s"]
    for (target, result), count in sorted(outcome.by_target.items()):
        lines.append(f"  {target:40} {result:10} {count}")
    lines.append("  operators: " + ", ".join(f"{k} {v}" for k, v in sorted(outcome.by_operator.items())))
    lines.append(f"  failures: {len(outcome.failures)}")
    lines.extend("    " + failure for failure in outcome.failures[:50])
    return "\n".join(lines)


def main() -> int:
    """Command line: run a long fuzz and print the tally."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--keep", type=Path, help="copy failing inputs into this folder")
    args = parser.parse_args()
    outcome = run(args.cases, args.seed, args.keep)
    print(format_outcome(outcome))
    return 1 if outcome.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
