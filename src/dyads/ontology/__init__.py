"""CAMEO and PLOVER as data: codes, names, Goldstein values, quad classes, PLOVER types.

The table lives in `cameo.tsv` beside this file (its header names its sources); this module only
loads it. Nothing here knows how events are found in text.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

QUAD_CLASS_NAMES = {
    1: "Verbal cooperation",
    2: "Material cooperation",
    3: "Verbal conflict",
    4: "Material conflict",
}


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: str | None


class Ontology:
    """Look-ups over the CAMEO codebook with its PLOVER mapping."""

    def __init__(self, codes: dict[str, CameoCode]):
        self.codes = codes

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    def get(self, code: str) -> CameoCode:
        """The entry for `code`; unknown sub-codes fall back to their parent (e.g. 0231 -> 023)."""
        probe = code
        while probe and probe not in self.codes:
            probe = probe[:-1]
        if not probe:
            raise KeyError(f"unknown CAMEO code {code!r}")
        return self.codes[probe]

    def roots(self) -> list[CameoCode]:
        return [c for c in self.codes.values() if len(c.code) == 2]


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    text = resources.files(__package__).joinpath("cameo.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    codes: dict[str, CameoCode] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        codes[row["code"]] = CameoCode(
            code=row["code"],
            root=row["root"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover=row["plover"] or None,
            plover_mode=row["plover_mode"] or None,
            plover_context=row["plover_context"] or None,
        )
    return Ontology(codes)
