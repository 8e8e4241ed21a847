"""Dialects (dyads.events.dialect): frozen rules passed in explicitly; a merged dictionary changes none."""

from __future__ import annotations

import dataclasses

import pytest

from dyads.events.dialect import DIALECTS, OURS, PETRARCH1, PETRARCH2, Dialect, dialect_named
from dyads.events.verbs import VerbDictionary, declared_dialect, load_verb_dictionary

# a TABARI-format (PETRARCH-1) verb block: `meet` with its listed forms and a pattern of its own
TABARI_BLOCK = "--- MEET  [040] ---\nMEET {MEETS MET MEETING}\n- * WITH [046]\n"
CAMEO2_BLOCK = "####### VERB PATTERNS #######\n--- MEET  [040] ---\nMEET\n- * WITH [046]\n"


def test_named_dialects_and_their_rules():
    assert list(DIALECTS) == ["ours", "petrarch1", "petrarch2"]
    assert dialect_named("PETRARCH2") is PETRARCH2 and dialect_named("ours") is OURS
    with pytest.raises(ValueError, match="unknown dialect 'tabari'; dialects are ours, petrarch1, petrarch2"):
        dialect_named("tabari")
    # ours: our meaning rules, any word form, our negation rule, one-sided acts left to the event policy
    assert OURS.modality and not OURS.require_target and not OURS.listed_forms and not OURS.dictionary_negations
    # PETRARCH-1 is PETRARCH-2 plus its comma clauses and its one-sided reading
    assert dataclasses.replace(PETRARCH1, name="petrarch2", comma_clauses=None, petrarch_one_sided=False) == PETRARCH2
    assert PETRARCH2.require_target and not PETRARCH2.modality and PETRARCH2.passive_source_in_phrase


def test_a_dialect_is_never_changed_in_place():
    with pytest.raises(dataclasses.FrozenInstanceError):
        OURS.require_target = True  # type: ignore[misc]
    changed = dataclasses.replace(PETRARCH1, require_target=False, comma_clauses=None)
    assert PETRARCH1.require_target and PETRARCH1.comma_clauses == (2, 8, 0, 0, 2, 8) and changed is not PETRARCH1


def test_a_dictionary_holds_data_only_and_says_which_dialect_it_wants(tmp_path):
    from dyads.dictionaries.petrarch import read_petrarch_verbs

    tabari, cameo2 = tmp_path / "tabari.txt", tmp_path / "cameo2.txt"
    tabari.write_text(TABARI_BLOCK, encoding="utf-8")
    cameo2.write_text(CAMEO2_BLOCK, encoding="utf-8")
    vd = read_petrarch_verbs(cameo2)
    assert vd.wanted_dialect() == "petrarch2"
    vd.extend(read_petrarch_verbs(tabari))
    assert vd.wanted_dialect() == "petrarch1"  # PETRARCH-1's file among them: its suites expect its reading
    assert VerbDictionary().wanted_dialect() == "ours"
    rules = {f.name for f in dataclasses.fields(Dialect)} - {"name"}
    assert not rules & {f.name for f in dataclasses.fields(VerbDictionary)}


def test_imported_verbs_say_their_dialect_and_load_with_it(tmp_path):
    from click.testing import CliRunner

    from dyads.dictionaries.petrarch import command

    src = tmp_path / "verbs.txt"
    src.write_text(CAMEO2_BLOCK, encoding="utf-8")
    out = tmp_path / "mydict"
    result = CliRunner().invoke(command, ["--verbs", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"--dict {out} --dialect petrarch2" in result.output
    assert declared_dialect(out / "petrarch.verbs.tsv") == "petrarch2"
    merged = load_verb_dictionary([out])
    assert merged.dialects == {str(out / "petrarch.verbs.tsv"): "petrarch2"}
    assert declared_dialect(tmp_path / "verbs.txt") is None  # not a verbs.tsv comment header


@pytest.fixture(scope="module")
def base_resources():
    from dyads.pipeline import Resources

    return Resources.load()


def _events(coder, text: str) -> set[tuple[str, str, str]]:
    out = coder.code(text, date="2013-07-22")
    return {(e.cameo, s.code or "", t.code or "") for e in out.events for s in e.source for t in e.target}


def test_merging_a_petrarch_dictionary_into_ours_changes_no_rule(base_resources, tmp_path):
    from dyads import Coder
    from dyads.dictionaries.petrarch import read_petrarch_verbs

    path = tmp_path / "tabari.txt"
    path.write_text(TABARI_BLOCK, encoding="utf-8")
    merged = VerbDictionary()
    merged.extend(base_resources.verbs)
    merged.extend(read_petrarch_verbs(path))
    merged.negations["111"] = "051"  # a PETRARCH negation table: data, read only by PETRARCH's dialects
    ours = Coder(stages=("actors", "events"), resources=base_resources)
    with_petrarch = Coder(stages=("actors", "events"), resources=dataclasses.replace(base_resources, verbs=merged))
    # our meaning rules still run: a promised meeting is intent (036), a negated criticism no event
    for text in ("Russia will meet Turkey next week.", "Russia did not criticize Turkey on Monday.",
                 "Russia said on Monday."):
        assert _events(with_petrarch, text) == _events(ours, text), text
    assert ("036", "RUS", "TURGOV") in _events(with_petrarch, "Russia will meet Turkey next week.")
    # the same dictionary in PETRARCH's dialect reads the sentence by PETRARCH's rules (no intent rule)
    petrarch = with_petrarch.with_dialect(PETRARCH1)
    assert petrarch.dialect is PETRARCH1 and with_petrarch.dialect is OURS  # a new Coder, the old one unchanged
    assert "036" not in {code for code, _, _ in _events(petrarch, "Russia will meet Turkey next week.")}


def test_the_dialect_reaches_worker_processes():
    from dyads.runner import CoderSpec

    spec = CoderSpec(dialect=PETRARCH2)
    assert spec.dialect is PETRARCH2 and CoderSpec().dialect is None  # None: our dialect


def test_explain_codes_in_the_dialect_named():
    from click.testing import CliRunner

    from dyads.cli import main

    text = "Russia will meet Turkey next week."
    ours = CliRunner().invoke(main, ["explain", text])
    petrarch = CliRunner().invoke(main, ["explain", "--dialect", "petrarch2", text])
    assert ours.exit_code == 0 and petrarch.exit_code == 0, ours.output + petrarch.output
    assert "036 RUS" in ours.output and "040 RUS -> TUR" in petrarch.output  # no intent rule in PETRARCH's
    bad = CliRunner().invoke(main, ["explain", "--dialect", "tabari", text])
    assert bad.exit_code == 2 and "'tabari' is not one of 'ours', 'petrarch1', 'petrarch2'" in bad.output
