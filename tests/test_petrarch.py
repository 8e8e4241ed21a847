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
from dyads.events.dialect import dialect_named

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
    assert stats.verbs > 100 and len(vd) > 1000 and vd.wanted_dialect() == "petrarch2"  # CAMEO.2.0 format
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


# ---------------------------------------------------------------- import, then code with --dict: end to end


def _import(out: Path, *args: str) -> str:
    from click.testing import CliRunner

    from dyads.dictionaries.petrarch import command

    result = CliRunner().invoke(command, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result.output


def _left_out(out: Path) -> list[list[str]]:
    path = out / "petrarch.left-out.tsv"
    if not path.exists():
        return []
    return [r.split("\t") for r in path.read_text(encoding="utf-8").splitlines() if not r.startswith("#")]


def test_validation_2_02_imports_loads_and_codes(tmp_path):
    from dyads import Coder
    from dyads.actors.dictionary import load_actor_dictionary

    output = _import(tmp_path, *(x for kind in ("verbs", "actors", "agents", "discards")
                                 for x in (f"--{kind}", str(VALID / f"PETR_Validate_{kind}_2_02.txt"))))
    assert "read back: 181 actors, 174 agents, 9 discards" in output
    d = load_actor_dictionary([tmp_path], default=False)  # refused on main: 'isildur' ... got '+++'
    assert {e.code for e in d.actors if e.phrase in {"isildur", "nasgul"}} == {"+++"}
    theirs = read_petrarch_actor_dir(VALID, {k: [p for p in v if "2_02" in p.name]
                                             for k, v in find_petrarch_files(VALID).items()})
    assert [(e.phrase, e.code, e.valid_from, e.valid_until) for e in d.actors] == \
        [(e.phrase, e.code, e.valid_from, e.valid_until) for e in theirs.actors]  # the same rows, in the same order
    assert [(a.phrase, a.sector) for a in d.agents] == [(a.phrase, a.sector) for a in theirs.agents]
    assert d.discards == theirs.discards
    assert any(e.phrase == "group of 77" and e.code == "G77" for e in d.actors)
    left = _left_out(tmp_path)  # nothing dropped silently: BOROMIR [---] is named with its file and line
    assert [r[:2] for r in left if r[2].startswith("boromir")] == [[str(VALID / "PETR_Validate_actors_2_02.txt"), "50"]]
    assert any(r[0] == str(VALID / "PETR_Validate_verbs_2_02.txt") and "&PKO" in r[2] for r in left)
    coded = Coder(stages=("actors", "events"), dict_dirs=[tmp_path], default_dict=False).code(
        "The Nasgul said on Friday that an arms embargo against Mordor would not work.", date="1995-01-05")
    assert "+++" in {a.code for a in coded.actors}
    # the import names the dialect its patterns were written for; coding in it gives the record's event (2.02's
    # first record, its expected 050 ARN -> GON)
    assert f"--dict {tmp_path} --dialect petrarch2" in output
    petrarch2 = Coder(stages=("actors", "events"), dict_dirs=[tmp_path], default_dict=False,
                      dialect=dialect_named("petrarch2"))
    coded = petrarch2.code("Arnor is about to restore full diplomatic ties with Gondor almost five years after "
                           "crowds trashed its embassy.", date="2008-08-01")
    assert [(e.cameo, e.source[0].code, e.target[0].code) for e in coded.events] == [("050", "ARN", "GON")]


@pytest.mark.slow
def test_phoenix_imports_loads_and_codes(tmp_path):
    from datetime import date

    from dyads import Coder
    from dyads.actors.dictionary import load_actor_dictionary, lookup

    if not PROD.is_dir():
        pytest.skip("../shared/eval/petrarch-dictionaries is not present")
    actors = [x for f in sorted(PROD.glob("Phoenix.*.actors.txt")) for x in ("--actors", str(f))]
    _import(tmp_path, "--verbs", str(PROD / "CAMEO.2.0.txt"), *actors, "--agents", str(PROD / "Phoenix.agents.txt"),
            "--discards", str(PROD / "Phoenix.discards.txt"))
    d = load_actor_dictionary([tmp_path], default=False)  # refused on main: period ends before it starts
    left = {(Path(r[0]).name, r[1]): r[2] for r in _left_out(tmp_path)}
    assert "ends before it starts" in left[("Phoenix.Countries.actors.txt", "14190")]  # [EGYGOV 20121207-20120802]
    assert lookup(d, "kamal ganzouri", date(2012, 2, 5)).code == "EGYELI"  # PETRARCH never applies that period
    assert "unreadable date" in left[("Phoenix.Countries.actors.txt", "2039")]  # [ARMUNR 9008223-911221]
    assert any(r.startswith("'BY/WITH'") for r in left.values())  # "- * (BY/WITH SANCTIONS) [163]": never matches
    # a phrase line with several codes: JEAN_MARIE_GUEHENNO_ [IGOUNO 000101-080801] [---]
    guehenno = [e for e in d.actors if e.phrase == "jean marie guehenno"]
    assert [(e.code, str(e.valid_from), str(e.valid_until)) for e in guehenno] == [("IGOUNO", "2000-01-01",
                                                                                      "2008-08-01")]
    assert not [e for e in d.actors if "[" in e.phrase or "\t" in e.phrase]
    coder = Coder(stages=("actors", "coref", "events"), dict_dirs=[tmp_path], default_dict=False,
                  dialect=dialect_named("petrarch2"))  # what the import says to code with
    coded = coder.code("Kamal Ganzouri met Shimon Peres.", date="2012-02-05")
    assert {a.code for a in coded.actors} >= {"EGYELI"}
    coded = coder.code("Egypt criticized Israel on Tuesday.", date="2014-05-20")
    assert [(e.cameo, e.source[0].code, e.target[0].code) for e in coded.events] == [("111", "EGY", "ISR")]


# ---------------------------------------------------------------- hand-written PETRARCH snippets


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_actor_code_and_alphanumeric_roots_load(tmp_path):
    from dyads.actors.dictionary import read_dictionary_dir

    src = _write(tmp_path, "my.actors.txt", "WITCH_KING  [+++]\nGROUP_OF_77 [G77]\n")
    out = tmp_path / "out"
    _import(out, "--actors", str(src))
    assert {(e.phrase, e.code) for e in read_dictionary_dir(out).actors} == {("witch king", "+++"),
                                                                             ("group of 77", "G77")}


def test_period_that_ends_before_it_starts_is_left_out_with_file_line_and_reason(tmp_path):
    from dyads.actors.dictionary import lookup, read_dictionary_dir

    src = _write(tmp_path, "my.actors.txt",
                 "# leaders\nDENETHOR_\n\t[GONGOV 20121207-20120802]\n\t[GONGOV 19900101-20001231]\n\t[GONELI]\n")
    out = tmp_path / "out"
    output = _import(out, "--actors", str(src))
    assert f"{src}:3: denethor: [GONGOV 20121207-20120802] period 2012-12-07..2012-08-02 ends before it starts" \
        in output
    d = read_dictionary_dir(out)  # main wrote the period and then refused it
    from datetime import date

    assert lookup(d, "denethor", date(2012, 10, 1)).code == "GONELI"
    assert lookup(d, "denethor", date(1995, 1, 1)).code == "GONGOV"
    assert _left_out(out)[0][:2] == [str(src), "3"] and "[GONGOV 20121207-20120802]" in _left_out(out)[0][3]


def test_our_loader_names_the_phrase_and_dates_of_an_impossible_period(tmp_path):
    from dyads.actors.dictionary import DictionaryError, read_dictionary_dir

    _write(tmp_path, "bad.actors.tsv", "Denethor\tGONGOV\tperson\tDenethor\t2012-12-07\t2012-08-02\n")
    with pytest.raises(DictionaryError, match=r"bad.actors.tsv:1: 'Denethor' period 2012-12-07..2012-08-02 ends"):
        read_dictionary_dir(tmp_path)
    from click.testing import CliRunner

    from dyads.actors.commands import lookup_command

    result = CliRunner().invoke(lookup_command, ["Denethor", "--dict", str(tmp_path)])  # a message, no traceback
    assert result.exit_code == 1 and "bad.actors.tsv:1: 'Denethor' period" in result.output
    _write(tmp_path, "bad.actors.tsv", "Denethor\tG-N\tperson\n")
    with pytest.raises(DictionaryError, match=r"bad.actors.tsv:1: 'Denethor' needs a code"):
        read_dictionary_dir(tmp_path)


def test_every_code_of_a_phrase_line_is_read(tmp_path):
    src = _write(tmp_path, "my.actors.txt", "GANDALF_\t[IGOUNO 000101-080801] [ELI]# istari\n"
                 "SARUMAN_ [ISEGOV <061231] [IGOUNOMED]\t[---]\nOSMAN_OLCAY\t_TURKEY_\t[TUR]\n")
    d = read_petrarch_actors(src)
    got = [(e.phrase, e.code, e.valid_from and str(e.valid_from), e.valid_until and str(e.valid_until))
           for e in d.actors]
    assert got == [("gandalf", "IGOUNO", "2000-01-01", "2008-08-01"), ("gandalf", "ELI", None, None),
                   ("saruman", "ISEGOV", None, "2006-12-31"), ("saruman", "IGOUNOMED", None, None),
                   ("osman olcay turkey", "TUR", None, None)]
    assert [str(x) for x in d.left_out] == [f"{src}:2: saruman: [---] is never reached: an undated code before it "
                                            "always holds"]
    d = read_petrarch_actors(_write(tmp_path, "my.actors.txt", "GANDALF_\t[IGOUNO 000101-080801] [---]\n"))
    assert [(e.code, str(e.valid_from)) for e in d.actors] == [("IGOUNO", "2000-01-01")]
    assert [str(x) for x in d.left_out] == [f"{src}:1: gandalf: [---] (no actor) has no row in our format; outside "
                                            "the periods of its other codes the nearest one's root applies"]


def test_unreadable_records_are_reported_not_dropped(tmp_path):
    from dyads.dictionaries.petrarch import read_petrarch_agents

    actors = read_petrarch_actors(_write(tmp_path, "my.actors.txt",
                                         "ARNOR_ [ARN 9008223-911221]\nELROND_\nRIVENDELL [RIV 20121204]\n"))
    assert [(x.line, x.reason) for x in actors.left_out] == [
        (1, "arnor: [ARN 9008223-911221] unreadable date in '9008223-911221' (YYMMDD or YYYYMMDD)"),
        (1, "arnor: none of its codes is usable: no row"),
        (2, "elrond: no code: PETRARCH reads it as no actor (a synonym needs a leading '+')"),
        (3, "rivendell: [RIV 20121204] unreadable date restriction '20121204'"),
        (3, "rivendell: none of its codes is usable: no row")]
    agents = read_petrarch_agents(_write(tmp_path, "my.agents.txt",
                                         "RANGER [~MIL]\nSTEWARD\nDEPARTMENT_OF_WAR [~MIL}\nHOBBIT!KIND! [~CVL]\n"))
    assert {a.phrase for a in agents.agents} == {"ranger", "rangers"}
    assert [x.line for x in agents.left_out] == [2, 3, 4, 4]


def test_verb_patterns_left_out_are_named_and_the_rest_reads_back(tmp_path):
    src = _write(tmp_path, "my.verbs.txt", "\n".join([
        "&CURRENCY", "+DOLLAR", "", "--- HIT  [190] ---", "HIT {HITS}",
        "- * (BY/WITH SANCTIONS)  [163]", "- * &UNDEFINED  [191]", "- * (WITH &CURRENCY)  [xyz]",
        "- * (WITH &CURRENCY) [1056]", ""]))
    out = tmp_path / "out"
    output = _import(out, "--verbs", str(src))
    assert "read back: 0 actors, 0 agents, 0 discards, 2 verb patterns" in output  # main: cannot read 'by/with'
    assert [(r[1], r[2].split(":")[0]) for r in _left_out(out)] == [
        ("6", "'BY/WITH'"), ("7", "'&UNDEFINED'"), ("8", "[xyz] is not a CAMEO code")]
