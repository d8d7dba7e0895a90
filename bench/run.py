"""Run every benchmark in bench/ and print one table of medians and ratios: `python bench/run.py [--quick]`."""

from __future__ import annotations

import argparse
import importlib.util
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import Case, Outcome, measure  # noqa: E402


def discover(only: str | None) -> list[tuple[str, object]]:
    """Import each bench_*.py module (optionally only those whose name contains `only`)."""
    modules: list[tuple[str, object]] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and only not in path.stem:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append((path.stem, module))
    return modules


def main() -> int:
    """Measure, print the table, and exit 1 when a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (under a minute)")
    parser.add_argument("--only", help="run only bench modules whose name contains this")
    args = parser.parse_args()
    outcomes: list[Outcome] = []
    for _name, module in discover(args.only):
        cases: list[Case] = module.cases(args.quick)  # type: ignore[attr-defined]
        for case in cases:
            outcomes.append(measure(case, args.quick))
            print(f"  measured: {case.name}", file=sys.stderr)
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}")
    name_width = max(len("benchmark"), *(len(o.case.name) for o in outcomes))
    goal_width = max(len("goal"), *(len(o.case.goal_text or f"ratio ≤ {o.case.goal}") for o in outcomes))
    header = (
        f"| {'benchmark':<{name_width}} | {'ours ms':>9} | {'baseline ms':>11} | {'ratio':>6} | "
        f"{'goal':<{goal_width}} | met |"
    )
    print(header)
    print(f"|{'-' * (name_width + 2)}|{'-' * 11}|{'-' * 13}|{'-' * 8}|{'-' * (goal_width + 2)}|-----|")
    for outcome in outcomes:
        case = outcome.case
        goal = case.goal_text or f"ratio ≤ {case.goal}"
        met = "—" if case.goal is None and case.absolute_goal_ms is None else ("yes" if outcome.met else "NO")
        print(
            f"| {case.name:<{name_width}} | {outcome.ours_ms:>9.1f} | {outcome.baseline_ms:>11.1f} | "
            f"{outcome.ratio:>6.2f} | {goal:<{goal_width}} | {met:<3} |"
        )
    return 0 if all(o.met for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
