"""The paper size exports print on: A4, or US Letter where the locale uses it."""

from __future__ import annotations

import os

PAPERS = ("a4", "letter")
"""The paper sizes a workbook can be laid out for."""

LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "DO", "SV", "NI", "PR"})
"""Territories whose everyday paper is US Letter; everywhere else uses A4."""


def default_paper(environ: dict[str, str] | None = None) -> str:
    """Return `letter` when the locale (LC_ALL, LC_PAPER, LANG) names a Letter territory, else `a4`."""
    env = dict(os.environ) if environ is None else environ
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(name, "")
        if value:
            territory = value.split(".")[0].split("@")[0].partition("_")[2].upper()
            return "letter" if territory in LETTER_TERRITORIES else "a4"
    return "a4"
