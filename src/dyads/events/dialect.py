"""The rules of a coding dialect: ours, PETRARCH-1's, PETRARCH-2's, as one frozen object passed in explicitly.

Why a dialect apart from the verb dictionary: a dictionary is data (patterns, the word forms a verb is
recognised in, a negation table); how a sentence is read with it (whether a statement needs a target,
whether our meaning rules run, how an agentless passive or a comma clause is read) is a convention of
the coder the dictionary was written for. When these rules were flags on `VerbDictionary`, merging a
PETRARCH dictionary into ours switched our rules to PETRARCH's without a word, and the PETRARCH scorer
changed them under a running Coder. Now the Coder gets a `Dialect` (`Coder(dialect=...)`, `dyads code
--dialect petrarch2`); nothing mutates it, and a dictionary only says which dialect it was written for
(`VerbDictionary.dialects`, reported by `dyads info` and `dyads dict import-petrarch`).

Where the data of an imported dictionary stays: the listed word forms (`VerbDictionary.surface_forms`)
and the negation table (`VerbDictionary.negations`) are read from the dictionary's files and stay on it
as data; whether the coder honours them is the dialect's rule (`listed_forms`, `dictionary_negations`):
PETRARCH's dialects do, ours does not, so that merging a PETRARCH dictionary into ours adds patterns and
changes no rule of ours.

The named dialects are `DIALECTS` (`ours`, `petrarch1`, `petrarch2`); `dialect_named` reads a name. A
PETRARCH suite that changes an option between records (`require_dyad`, `new_actor_length`, `comma_*`)
codes those records under `dataclasses.replace(dialect, ...)`: a new object, never a changed one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    """How a sentence is coded, beyond the patterns of the verb dictionary."""

    name: str
    # events need a target actor (PETRARCH's `require_dyad`); off in ours, where `EventPolicy` and the
    # one-sided pass of `dyads.events.filters` decide which one-sided acts are events
    require_target: bool = False
    # our meaning rules (negation and intent refinements, threats, modals, content refinement, reported speech,
    # the named passes of `dyads.events.filters`); off in PETRARCH's dialects, whose patterns encode their codes
    modality: bool = True
    # PETRARCH's reading of an agentless passive: the subject is the target and the actor of the verb's
    # prepositional phrases the source ("X was shot dead in Y" -> Y shoots X); ours drops such events
    passive_source_in_phrase: bool = False
    # "Gondor and Osgiliath met" as each with the other when no target is named; PETRARCH's dictionaries say
    # so pattern by pattern (`% *`) instead
    implicit_reciprocal: bool = True
    # a verb is recognised only in the word forms its dictionary lists (PETRARCH: the forms in {...} or the
    # regular -s/-ed/-ing ones: "departes" is no form of DEPART there); ours: any form the lemmatiser maps
    listed_forms: bool = False
    # a negated act is coded by the dictionary's negation table when it has one (PETRARCH's coding ontology:
    # "did not disapprove" 110 -> 050); ours: a negated cooperative act is a rejection (120)
    dictionary_negations: bool = False
    # PETRARCH's `new_actor_length`: a subject or object noun phrase of at most this many words that no
    # dictionary entry codes is an actor named by its own words ('"THE MINISTRY OF MAGIC"'); 0: off
    new_actor_length: int = 0
    # PETRARCH-1's (TABARI's) deletion of comma-delimited clauses before coding, in words (min, max) for an
    # internal clause, the initial one and the terminal one: `comma_min/max`, `comma_bmin/bmax`,
    # `comma_emin/emax`; a max of 0 turns that kind off. None (PETRARCH2 and ours): nothing is deleted
    comma_clauses: tuple[int, int, int, int, int, int] | None = None
    # PETRARCH-1's events without a target (when `require_target` is off): the verb needs a noun phrase after it
    # that stands as the uncoded target `---` ("said on Saturday", not "said today"), and a verb inside the
    # clause of a verb coded in the sentence gives none. Off (ours): any predicate with a source may be one-sided
    petrarch_one_sided: bool = False


OURS = Dialect(name="ours")
"""Our rules: the default of `Coder`, `dyads code` and every evaluation on our dictionaries."""

PETRARCH2 = Dialect(
    name="petrarch2", require_target=True, modality=False, passive_source_in_phrase=True,
    implicit_reciprocal=False, listed_forms=True, dictionary_negations=True,
)
"""PETRARCH2's (and UD-PETRARCH's) reading of its CAMEO.2.0-format dictionaries: dyads only."""

PETRARCH1 = Dialect(
    name="petrarch1", require_target=True, modality=False, passive_source_in_phrase=True,
    implicit_reciprocal=False, listed_forms=True, dictionary_negations=True,
    comma_clauses=(2, 8, 0, 0, 2, 8), petrarch_one_sided=True,
)
"""PETRARCH-1's reading of its TABARI-format dictionaries: PETRARCH2's, plus its comma-clause deletion
(its defaults: 2-8 words internal and terminal, none initial) and its one-sided events when
`require_target` is switched off."""

DIALECTS: dict[str, Dialect] = {d.name: d for d in (OURS, PETRARCH1, PETRARCH2)}


def dialect_named(name: str) -> Dialect:
    """The named dialect; a clear error naming the known ones otherwise."""
    try:
        return DIALECTS[name.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown dialect {name!r}; dialects are {', '.join(DIALECTS)}") from None
