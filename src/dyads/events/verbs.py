"""The verb (predicate) dictionary: lemma phrases -> CAMEO codes, read from `verbs.tsv` files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dyads.actors.dictionary import DEFAULT_DICT_DIR


@dataclass(frozen=True)
class VerbPattern:
    lemma: str
    prep: str | None
    code: str
    source: str = ""


@dataclass
class VerbDictionary:
    patterns: dict[str, list[VerbPattern]] = field(default_factory=dict)  # keyed by head lemma
    sources: dict[str, int] = field(default_factory=dict)

    def add(self, p: VerbPattern) -> None:
        self.patterns.setdefault(p.lemma, []).append(p)

    def __len__(self) -> int:
        return sum(len(v) for v in self.patterns.values())


def read_verbs(path: Path) -> list[VerbPattern]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        phrase, code = (c.strip() for c in line.split("\t")[:2])
        words = phrase.lower().split()
        out.append(VerbPattern(words[0], " ".join(words[1:]) or None, code, path.name))
    return out


def load_verb_dictionary(dirs: Sequence[str | Path] = (), default: bool = True) -> VerbDictionary:
    vd = VerbDictionary()
    for directory in ([DEFAULT_DICT_DIR] if default else []) + [Path(p) for p in dirs]:
        for path in sorted(Path(directory).glob("*verbs.tsv")):
            pats = read_verbs(path)
            for p in pats:
                vd.add(p)
            vd.sources[str(path)] = len(pats)
    return vd
