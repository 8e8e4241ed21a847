"""Who is speaking: the subject of a speech verb, its noun phrase, its name and its actor code.

Why a resolver object per document: a speaker is often "he" or a bare surname, and naming it needs
the whole article read so far (the earlier "Syrian Deputy Prime Minister ... Qadri Jamil" makes a
later "Jamil" and "he" into Qadri Jamil, coded SYRGOV). Who "he" is comes from `dyads.coref`, the
one coreference module the actor layer and the event coder read too, so a speaker and the source of
an event in the same clause are the same person.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dyads.coref import PERSON_NOUNS, PRONOUNS, SUBJECT_DEPS, Coreference, Mention, clean_name, np_bounds
from dyads.models import Actor
from dyads.quotes.marks import Quoted

__all__ = ["PERSON_NOUNS", "PRONOUNS", "SUBJECT_DEPS", "Mention", "SpeakerResolver", "np_bounds"]


class SpeakerResolver:
    """Name and code the subject of a speech verb, resolving pronouns and surnames through `Coreference`.

    Built once per document from the parse, the quoted stretches (mentions inside quotations are
    not antecedents: "our" in a quote is not the speaker) and the actor layer.
    """

    def __init__(self, doc: Doc, actors: list[Actor], quoted: list[Quoted], coref: Coreference | None = None):
        self.doc = doc
        # `coref`: the coreference stage's own, when it is the one of these actors (`coref.coreference_stage`)
        self.coref = coref or Coreference(doc, [a for a in actors if a.kind != "pronoun"], quoted)
        self._memo: dict[int, tuple[str | None, str | None]] = {}

    def antecedent(self, pronoun: Token) -> Mention | None:
        """The mention a third-person pronoun refers to (`Coreference.antecedent`)."""
        return self.coref.antecedent(pronoun)

    def full_name(self, token: Token) -> str | None:
        """The full name a proper-noun head stands for, if it names a known person."""
        return self.coref.full_name(token)

    def name_and_code(self, head: Token, depth: int = 0) -> tuple[str | None, str | None]:
        """The name and actor code of the speaker whose noun phrase is headed by `head`."""
        if head.i in self._memo:
            return self._memo[head.i]
        result: tuple[str | None, str | None] = (None, None)
        if head.lower_ in PRONOUNS:
            if depth < 6:
                ante = self.coref.antecedent(head)
                if ante is not None:
                    result = self.name_and_code(ante.head, depth + 1)
        else:
            lo, hi = np_bounds(head)
            span = self.doc[lo:hi]
            name = self.coref.full_name(head)
            actor = self.coref.actor_overlapping(span.start_char, span.end_char, head)
            if actor is None and name is not None:
                actor = self.coref.name_codes.get(name)
            if name is None and actor is not None and actor.name:
                name = actor.name
            if name is None and head.ent_type_ in {"ORG", "GPE", "NORP"}:
                ent = self.coref._ent_of.get(head.i)  # the entity holding it (`doc.ents` would build them all)
                name = clean_name(ent.text) if ent is not None else None
            result = (name, actor.code if actor is not None else None)
        self._memo[head.i] = result
        return result
