"""The PETRARCH dictionary importer, on PETRARCH's own validation and production files."""

from pathlib import Path

import pytest

from dyads.dictionaries.petrarch import (
    VerbImportStats,
    find_petrarch_files,
    read_petrarch_actor_dir,
    read_petrarch_actors,
    read_petrarch_verbs,
)

_ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the repository (a worktree sits one level deeper)
SHARED = next((d for d in (_ROOT.parent / "shared", _ROOT.parent.parent / "shared") if d.is_dir()),
              _ROOT / "shared") / "eval"
VALID = SHARED / "petrarch-validation"
PROD = SHARED / "petrarch-dictionaries"
pytestmark = pytest.mark.skipif(not VALID.is_dir(), reason="../shared/eval/petrarch-validation is not present")


def test_validation_verbs_blocks_patterns_and_reverse_codes():
    stats = VerbImportStats()
    vd = read_petrarch_verbs(VALID / "PETR_Validate_verbs_2_02.txt", stats)
    assert stats.verbs > 100 and len(vd) > 1000 and vd.require_target
    left = vd.get("left")
    assert left and left[0].code == "042" and left[0].reverse == "043"
    agree = vd.get("agree")
    assert any(p.preps == ("to",) and p.prep_obj and "ceasefire" in p.prep_obj for p in agree)  # &CEASEFIRE set


def test_actor_date_restrictions():
    d = read_petrarch_actors(VALID / "PETR_Validate_actors_2_02.txt")
    sam = [e for e in d.actors if e.phrase == "sam gamgee"]
    assert [e.code for e in sam][-1] == "HOB"  # the open entry comes last so dated ones win
    gov = next(e for e in sam if e.code == "HOBGOV")
    assert str(gov.valid_from) == "2012-11-09" and str(gov.valid_until) == "2013-01-19"
    assert any(e.phrase == "minas tirith" and e.code == "GON" for e in d.actors)  # +synonym lines


def test_directory_agents_and_discards():
    files = find_petrarch_files(VALID)
    assert {"verbs", "actors", "agents", "discards"} <= set(files)
    d = read_petrarch_actor_dir(VALID, {k: [p for p in v if "2_02" in p.name] for k, v in files.items()})
    assert any(a.phrase == "foreign minister" and a.sector == "GOVFRM" for a in d.agents)
    assert "months later" in d.discards


@pytest.mark.slow
def test_production_dictionaries():
    if not PROD.is_dir():
        pytest.skip("../shared/eval/petrarch-dictionaries is not present")
    vd = read_petrarch_verbs(PROD / "CAMEO.2.0.txt")
    assert len(vd.codes()) > 200
    d = read_petrarch_actor_dir(PROD)
    karmal = [e for e in d.actors if e.phrase == "babrak karmal"]
    assert karmal[0].code == "AFGGOV" and karmal[0].valid_from.year == 1979


def test_import_command_round_trips_through_our_format(tmp_path):
    from dyads.dictionaries.petrarch import command
    from dyads.events.verbs import read_verbs

    src = VALID / "PETR_Validate_verbs_2_02.txt"
    command(["--verbs", str(src), "--actors", str(VALID / "PETR_Validate_actors_2_02.txt"), "--out", str(tmp_path)],
            standalone_mode=False)
    ours = read_verbs(tmp_path / "petrarch.verbs.tsv")
    theirs = [p for ps in read_petrarch_verbs(src).patterns.values() for p in ps]

    def key(p):
        return (p.lemma, p.preps, p.obj, p.prep_obj, p.prep_slots, p.extra, p.code, p.particles, p.reverse,
                p.before, p.before_adjacent, p.before_nouns, p.subject_role, p.source_prep, p.target_prep)

    assert {key(p) for p in ours} == {key(p) for p in theirs}
    actors = (tmp_path / "petrarch.actors.tsv").read_text()
    assert "sam gamgee\tHOBGOV\tactor\tSam Gamgee\t2012-11-09\t2013-01-19" in actors


def test_words_before_the_verb_markers_and_formats():
    tabari = read_petrarch_verbs(VALID / "PETR.Validate.verbs.txt")
    clash = [p for p in tabari.get("clash") if p.before]
    assert clash and not any(p.before_nouns for p in clash)  # TABARI format: any words before the verb
    assert any(("did", "n't") in item for p in clash for item in p.before)  # &NEGATVAUXVRB's "DID N'T"
    tap = [p for p in tabari.get("tap") if p.before_adjacent]
    assert any(p.before[-1] == (("wire",),) for p in tap)  # WIRE_+TAP: "tap" with "wire" right before it
    free = next(p for p in tabari.get("free") if p.source_prep is not None)  # "+ * FROM $"
    assert free.subject_role == "target" and free.preps[free.source_prep] == "from"
    assert "departs" in tabari.surface_forms["depart"] and "departes" not in tabari.surface_forms["depart"]
    act = {p.preps for p in tabari.get("act") if p.code == "102"}  # "* &PREPOSIT1 RESOLUTION": one per preposition
    assert {("on",), ("against",), ("at",)} <= act
    cameo2 = read_petrarch_verbs(VALID / "PETR_Validate_verbs_2_02.txt")
    risen = [p for p in cameo2.get("risen") if p.before]
    assert risen and all(p.before_nouns for p in risen)  # CAMEO.2.0: "{DEATH TOLL} *" names the subject
    currency = next(p for p in cameo2.get("contribute") if p.obj and "money" in p.obj)
    assert "swiss~francs" in currency.obj  # a synset member of two words is a run; comment lines inside a set


def test_coding_ontology_negations():
    from dyads.dictionaries.petrarch import read_petrarch_negations

    neg = read_petrarch_negations(VALID / "PETR_Validate_Internal_Coding_Ontology_1_01.txt")
    assert neg["110"] == "050" and neg["050"] == "110" and neg["170"] == "057"
    assert "190" not in neg  # not fighting is no event
    assert find_petrarch_files(VALID)["pico"]


def test_agent_prefixes_compound_codes_and_first_dated_code():
    from dyads.actors.dictionary import choose_entry
    from dyads.dictionaries.petrarch import read_petrarch_agents

    agents = {a.phrase: a.sector for a in read_petrarch_agents(VALID / "PETR_Validate_agents_2_02.txt").agents}
    assert agents["msf"] == "NGO~" and agents["foreign minister"] == "GOVFRM"
    actors = read_petrarch_actors(VALID / "PETR_Validate_actors_2_02.txt")
    assert any(e.phrase == "the shire" and e.code == "FRO/BIL/SAM" for e in actors.actors)
    sam = [e for e in read_petrarch_actors(VALID / "PETR.Validate.actors.txt").actors if e.phrase == "sam gamgee"]
    from datetime import date

    assert choose_entry(sam, date(2010, 1, 10))[1] == "ORCHOB"  # listed before the HOBMIL period it overlaps
    d = read_petrarch_actor_dir(VALID)
    assert not d.anti_prefix and not d.auto_plurals
    assert read_petrarch_actor_dir(VALID / "no-such-dir").anti_prefix  # our conventions stay without its files
