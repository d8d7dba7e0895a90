"""A child process for the determinism test: export each assessment file given into `OUT/<n>/`.

Usage: `python export_many.py OUT FILE...`; run under different `PYTHONHASHSEED`s, the outputs must match.
"""

from __future__ import annotations

import sys
from pathlib import Path

from slicewise.core.engine import evaluate
from slicewise.core.store import dumps_assessment, open_assessment
from slicewise.export import write_exports


def main() -> int:
    """Export every file, and write its re-dumped assessment text beside the exports."""
    out = Path(sys.argv[1])
    for number, name in enumerate(sys.argv[2:]):
        assessment, bundle = open_assessment(Path(name))
        folder = out / str(number)
        write_exports(bundle, assessment, evaluate(bundle, assessment), folder)
        (folder / "assessment.toml").write_text(dumps_assessment(assessment), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
