"""The coder's PETRARCH-dictionary mechanisms, on sentences of our own with our actor dictionary.

Each test builds a small VerbDictionary in our pattern format (the items `dyads dict import-petrarch`
writes for PETRARCH's markers) and checks the one rule it exercises: words before the verb, a named
source phrase, PETRARCH's agentless passive, a negation table, listed verb forms, reciprocity.
"""

from __future__ import annotations

import dataclasses

import pytest

from dyads.events.dialect import Dialect, dialect_named
from dyads.events.verbs import VerbDictionary, format_pattern, parse_pattern

DIALECT_FIELDS = {f.name for f in dataclasses.fields(Dialect)}


@pytest.fixture(scope="module")
def base_resources():
    from dyads.pipeline import Resources

    return Resources.load()


def make_coder(base_resources, lines: list[tuple[str, str]], **options):
    """A Coder with our actors and only the given patterns: keywords that are rules of a `Dialect` make the
    dialect it codes in (our rules otherwise), the others data of the verb dictionary (`negations`, ...)."""
    from dyads import Coder

    dialect = Dialect(name="test", **{k: v for k, v in options.items() if k in DIALECT_FIELDS})
    vd = VerbDictionary(**{k: v for k, v in options.items() if k not in DIALECT_FIELDS})
    for n, (pattern, code) in enumerate(lines, 1):
        for p in parse_pattern(pattern, code, {}, f"test:{n}", order=n):
            vd.add(p)
    return Coder(stages=("actors", "events"), resources=dataclasses.replace(base_resources, verbs=vd),
                 dialect=dialect)


def events(coder, text: str) -> set[tuple[str, str, str]]:
    out = coder.code(text, date="2013-07-22")
    return {(e.cameo, s.code or "", t.code or "") for e in out.events for s in e.source for t in e.target
            if s.code != t.code}


def test_new_pattern_items_round_trip_through_our_format():
    [p] = parse_pattern("clash <{did_n't|will_not} <{ever} over {efforts} subj=both $with", "904", {}, "x:1")
    assert p.before == ((("did", "n't"), ("will", "not")), (("ever",),)) and p.subject_role == "both"
    assert p.preps == ("over", "with") and p.source_prep == 1 and p.prep_slots[0] == frozenset({"efforts"})
    line = format_pattern(p).split("\t")
    [q] = parse_pattern(line[0], line[1], {}, "x:2")
    assert (q.before, q.subject_role, q.source_prep, q.preps, q.prep_slots) == (
        p.before, p.subject_role, p.source_prep, p.preps, p.prep_slots)
    [n] = parse_pattern("rise <n:{death_toll}", "190", {}, "x:3")
    assert n.before_nouns and n.before == ((("death", "toll"),),)


def test_words_before_the_verb_choose_the_pattern(base_resources):
    c = make_coder(base_resources, [("criticize", "111"), ("criticize <{heavily}", "122")], require_target=True,
                   modality=False)
    assert events(c, "Russia heavily criticized France on Monday.") == {("122", "RUS", "FRA")}
    assert events(c, "Russia criticized France on Monday.") == {("111", "RUS", "FRA")}


def test_a_pattern_that_names_the_negation_codes_it(base_resources):
    c = make_coder(base_resources, [("clash", "190"), ("clash <{did_n't} with", "050")], require_target=True,
                   modality=False)
    assert events(c, "Russia didn't clash with France.") == {("050", "RUS", "FRA")}


def test_negation_table_of_the_dictionary(base_resources):
    c = make_coder(base_resources, [("clash with", "110")], require_target=True, modality=False,
                   dictionary_negations=True, negations={"110": "050"})
    assert events(c, "Russia did not clash with France.") == {("050", "RUS", "FRA")}
    plain = make_coder(base_resources, [("clash with", "110")], require_target=True, modality=False,
                       dictionary_negations=True)
    assert events(plain, "Russia did not clash with France.") == set()  # a negated conflict is no event
    # the table is data of the dictionary: a dialect that does not read it (ours) keeps its own rule
    ours = make_coder(base_resources, [("clash with", "110")], require_target=True, modality=False,
                      negations={"110": "050"})
    assert events(ours, "Russia did not clash with France.") == set()


def test_named_source_phrase_makes_the_subject_the_target(base_resources):
    c = make_coder(base_resources, [("receive {money} $from", "071")], require_target=True, modality=False)
    assert events(c, "Turkey received money from Syria.") == {("071", "SYR", "TUR")}


def test_agentless_passive_takes_its_source_from_the_verbs_phrases(base_resources):
    petrarch = make_coder(base_resources, [("criticize", "111")], require_target=True, modality=False,
                          passive_source_in_phrase=True)
    assert events(petrarch, "Syria was criticized over its dispute with Turkey.") == {("111", "TUR", "SYR")}
    ours = make_coder(base_resources, [("criticize", "111")], require_target=True)
    assert events(ours, "Syria was criticized over its dispute with Turkey.") == set()


def test_listed_verb_forms_restrict_the_head(base_resources):
    forms = {"depart": frozenset({"depart", "departs", "departed", "departing"})}
    c = make_coder(base_resources, [("depart from", "040")], require_target=True, modality=False,
                   listed_forms=True, surface_forms=forms)
    assert events(c, "Egypt departs from Libya.") == {("040", "EGY", "LBY")}
    assert events(c, "Egypt departes from Libya.") == set()
    # the forms are data of the dictionary: our dialect recognises any form the lemmatiser maps
    ours = make_coder(base_resources, [("depart from", "040")], require_target=True, modality=False,
                      surface_forms=forms)
    assert events(ours, "Egypt departes from Libya.") == {("040", "EGY", "LBY")}


def test_reciprocity_only_where_the_dictionary_says(base_resources):
    implicit = make_coder(base_resources, [("meet", "040")])
    assert ("040", "RUS", "TUR") in events(implicit, "Russia and Turkey met on Monday.")
    marked = make_coder(base_resources, [("meet", "040"), ("meet subj=both", "043")], implicit_reciprocal=False,
                        require_target=True, modality=False)
    assert events(marked, "Russia and Turkey met on Monday.") == {("043", "RUS", "TUR"), ("043", "TUR", "RUS")}
    plain = make_coder(base_resources, [("meet", "040")], implicit_reciprocal=False, require_target=True,
                       modality=False)
    assert events(plain, "Russia and Turkey met on Monday.") == set()


def test_pronoun_of_a_that_clause_is_the_governing_subject(base_resources):
    c = make_coder(base_resources, [("act against", "100"), ("indicate", "---")], require_target=True,
                   modality=False)
    assert events(c, "Russia indicated it would act against Turkey.") == {("100", "RUS", "TUR")}


def test_a_coordinated_verb_is_no_content_of_the_first(base_resources):
    c = make_coder(base_resources, [("condemn", "122"), ("promise {aid} to", "030")])
    got = events(c, "Russia condemned the attack and promised aid to Syria.")
    assert ("030", "RUS", "SYR") in got


def test_coordinated_names_under_one_head_are_separate_actors(base_resources):
    c = make_coder(base_resources, [("welcome", "050")])
    out = c.code("France, Germany and the mighty Italy welcomed the decision of Spain.", date="2013-07-22")
    codes = {a.code for a in out.actors}
    assert {"FRA", "DEU", "ITA"} <= codes


def test_statement_takes_its_target_from_what_was_said(base_resources):
    lines = [("note", "010"), ("regret", "111")]
    petrarch = make_coder(base_resources, lines, require_target=True, modality=False)
    assert events(petrarch, "Russia noted that Turkey regretted the decision of Syria.") == {("010", "RUS", "TUR")}
    ours = make_coder(base_resources, lines)
    assert ("010", "RUS", "TUR") not in events(ours, "Russia noted that Turkey regretted the decision of Syria.")


def test_slot_word_further_along_the_verbs_phrases(base_resources):
    lines = [("receive", "033"), ("receive {money} $from", "071")]
    petrarch = make_coder(base_resources, lines, require_target=True, modality=False)
    assert events(petrarch, "Turkey has received by courier money from Syria.") == {("071", "SYR", "TUR")}
    adopt = make_coder(base_resources, [("adopt with", "081"), ("adopt {resolution}", "102")], require_target=True,
                       modality=False)
    assert events(adopt, "Turkey will adopt a set of resolutions with Syria.") == {("081", "TUR", "SYR")}


def test_new_actor_length_names_uncoded_phrases_by_their_words(base_resources):
    lines = [("travel to", "032")]
    c = make_coder(base_resources, lines, require_target=True, modality=False, new_actor_length=4)
    assert events(c, "The blue lamplighters travelled to the Hall of Lanterns on Monday.") == {
        ("032", '"THE BLUE LAMPLIGHTERS"', '"THE HALL OF LANTERNS"')}
    # a known actor stays itself; phrases longer than the option allows are no actors
    assert events(c, "The blue lamplighters travelled to Turkey on Monday.") == {
        ("032", '"THE BLUE LAMPLIGHTERS"', "TUR")}
    short = make_coder(base_resources, lines, require_target=True, modality=False, new_actor_length=3)
    assert events(short, "The blue lamplighters travelled to the Hall of Lanterns on Monday.") == set()
    off = make_coder(base_resources, lines, require_target=True, modality=False)
    assert events(off, "The blue lamplighters travelled to Turkey on Monday.") == set()


def _petrarch_coder(base_resources, tmp_path, block: str):
    from dyads import Coder
    from dyads.dictionaries.petrarch import read_petrarch_verbs

    path = tmp_path / "verbs.txt"
    path.write_text(block, encoding="utf-8")
    vd = read_petrarch_verbs(path)
    dialect = dialect_named(vd.wanted_dialect())  # a TABARI-format block: PETRARCH-1's
    assert dialect.name == "petrarch1"
    return vd, Coder(stages=("actors", "events"), resources=dataclasses.replace(base_resources, verbs=vd),
                     dialect=dialect)


def test_target_before_the_words_before_the_verb_and_skipped_phrase(base_resources, tmp_path):
    vd, c = _petrarch_coder(base_resources, tmp_path, "--- CELEBRATE  [181] ---\nCELEBRATE\n"
                            "- + HOSTING * TABASKI ^ $ [042]\n- + HOSTING * MAY_DAY $ [046]\n"
                            "- NOTED + * [115]\n")
    pats = {p.code: p for p in vd.get("celebrate")}
    assert pats["042"].target_before_words and pats["042"].source_skip == 1
    assert pats["046"].target_before_words and pats["046"].source_skip == 0
    assert not pats["115"].target_before_words  # `NOTED + *`: the target is the head's own subject
    # `+` before HOSTING: the one hosting is the target, not the guest the parser makes celebrate's subject
    assert events(c, "Russia will be hosting Turkey to celebrate May Day with Iran next week in Syria.") == {
        ("046", "IRN", "RUS")}
    # `^ $`: the first phrase with an actor is passed over, the next is the source
    assert events(c, "Russia will be hosting Turkey to celebrate Tabaski with Iran next week at Syria.") == {
        ("042", "SYR", "RUS")}


def all_events(coder, text: str) -> set[tuple[str, str, str]]:
    """Events with one-sided ones, a missing target written `---` as PETRARCH does."""
    out = coder.code(text, date="2013-07-22")
    return {(e.cameo, s.code or "", t.code if t else "---") for e in out.events for s in e.source
            for t in (e.target or [None])}


PETR1 = {"require_target": False, "modality": False, "petrarch_one_sided": True}


def test_petrarch1_deletes_comma_delimited_clauses(base_resources):
    lines = [("condemn", "122"), ("say", "010")]
    deleting = make_coder(base_resources, lines, comma_clauses=(2, 8, 0, 0, 2, 8), **PETR1)
    text = "Russia condemned Turkey, a senior Iraqi official said on Monday."
    assert all_events(deleting, text) == {("122", "RUS", "TUR")}  # the terminal clause is gone
    keeping = make_coder(base_resources, lines, comma_clauses=(2, 8, 0, 0, 2, 0), **PETR1)  # terminal kind off
    assert ("010", "IRQGOV", "---") in all_events(keeping, text)
    # a comma inside a noun phrase delimits no clause: "Syria, Iran and Iraq" stays whole
    listed = make_coder(base_resources, lines, comma_clauses=(1, 8, 0, 0, 1, 8), **PETR1)
    assert ("122", "IRN", "TUR") in all_events(listed, "Syria, Iran and Iraq condemned Turkey on Monday.")


def test_petrarch1_one_sided_events_need_a_phrase_after_the_verb(base_resources):
    petr1 = make_coder(base_resources, [("protest", "140")], **PETR1)
    assert all_events(petr1, "Russia protested today.") == set()
    assert all_events(petr1, "Russia protested in the capital.") == {("140", "RUS", "---")}
    ours = make_coder(base_resources, [("protest", "140")], modality=False)
    assert all_events(ours, "Russia protested today.") == {("140", "RUS", "---")}


def test_petrarch1_codes_no_one_sided_event_inside_a_coded_clause(base_resources):
    lines = [("restore", "064"), ("burn down", "222")]
    petr1 = make_coder(base_resources, lines, **PETR1)
    text = "Russia is about to restore ties with Turkey years after Iraqi crowds burned down a warehouse."
    assert all_events(petr1, text) == {("064", "RUS", "TUR")}
    # with the outer verb uncoded, the inner one is coded with its `---` target
    alone = make_coder(base_resources, [("burn down", "222")], **PETR1)
    assert all_events(alone, text) == {("222", "IRQCVL", "---")}


def test_agent_word_modifying_another_noun_codes_the_phrase_with_petrarch_option(base_resources):
    from dyads import Coder

    text = "The official bulletin praised the decision on Monday."

    def sectors(actors) -> set[str | None]:
        c = Coder(stages=("actors",), resources=dataclasses.replace(base_resources, actors=actors))
        return {a.sector for a in c.code(text, date="2013-07-22").actors}

    assert "GOV" not in sectors(base_resources.actors)  # ours: "official" here is an adjective, no one
    petr = dataclasses.replace(base_resources.actors, agent_modifiers=True, country_from_context=False)
    assert "GOV" in sectors(petr)
