"""One predicate found in a sentence and what became of it: the record every stage of the coder fills in.

Why apart: matching, role assignment, meaning and the named passes (`dyads.events.passes`,
`dyads.events.filters`) all read and write it; `dropped_by` names the pass that dropped it, for
`dyads explain`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from dyads.events.verbs import VerbPattern
from dyads.models import Actor


@dataclass
class Candidate:
    """One predicate found in a sentence and what became of it (for events and `dyads explain`)."""

    token: Token
    pattern: VerbPattern | None = None
    code: str | None = None
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    trigger: tuple[int, int] | None = None  # token range
    negated: bool = False
    modifiers: list[str] = field(default_factory=list)
    confidence: float = 0.9
    dropped: str | None = None  # why no event came of it
    dropped_by: str | None = None  # the stage or named pass that dropped it (match, roles, meaning, SENTENCE_PASSES)
    slot_ids: set[int] = field(default_factory=set)  # tokens the pattern used as its slots
    content: Token | None = None  # the clause that is what was said ("said Y must ..."): its acts are the content

    def describe(self) -> str:
        what = f"'{self.token.text}'"
        if self.pattern is not None:
            what += f" [{self.pattern.text} -> {self.pattern.code}]"
        return f"{what}: {self.dropped}" if self.dropped else what
