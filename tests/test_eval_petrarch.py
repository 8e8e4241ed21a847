"""`dyads eval petrarch`: reading validation records and counting as UD-PETRARCH does."""

from pathlib import Path

import pytest

from dyads.eval.petrarch import read_validation, score_petrarch

_ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the repository (a worktree sits one level deeper)
SHARED = next((d for d in (_ROOT.parent / "shared", _ROOT.parent.parent / "shared") if d.is_dir()), _ROOT / "shared")
VALID = SHARED / "eval" / "petrarch-validation"
pytestmark = pytest.mark.skipif(not VALID.is_dir(), reason="../shared/eval/petrarch-validation is not present")


def test_read_records_and_environment():
    files, include, records = read_validation(VALID / "PETR_Validate_records_2_02.xml")
    assert files["verbs"][0].name == "PETR_Validate_verbs_2_02.txt"
    assert "DEMO" in include and len(records) == 245
    first = records[0]
    assert first.id == "DEMO-01" and first.expected == [("050", "ARN", "GON")]
    assert any(r.noevents for r in records)


def test_score_a_few_records():
    m = score_petrarch(VALID / "PETR_Validate_records_2_02.xml", limit=8)
    assert m.total.records == 8
    assert m.total.correct + m.total.uncoded >= 8
    assert m.total.correct >= 3  # DEMO-01/02 and the visit/host pairs code


def test_error_records_config_and_single_quotes():
    _, _, records = read_validation(VALID / "PETR.UnitTest.records.xml")
    by_id = {r.id: r for r in records}
    assert by_id["DISCARD-01"].noevents and by_id["ERROR-02"].noevents  # error="..." expects nothing coded
    assert not all(r.require_dyad for r in records) and by_id["DEMO-01"].require_dyad  # <Config require_dyad>
    assert any(src == '"INJURY TOLL"' for _, src, _ in by_id["DEMO-22"].expected)


def test_triples_split_compound_codes_unless_the_gold_writes_them():
    from types import SimpleNamespace

    from dyads.eval.petrarch import _triples
    from dyads.models import Actor

    shire = Actor(text="the Shire", start=0, end=9, code="FRO/BIL/SAM", country="FRO")
    gondor = Actor(text="Gondor", start=20, end=26, code="GON", country="GON")
    officials = Actor(text="officials", start=30, end=39, code="GOV", sector="GOV")
    ev = [SimpleNamespace(cameo="050", source=[shire, officials], target=[gondor])]
    assert _triples(ev, set()) == {("050", "FRO", "GON"), ("050", "BIL", "GON"), ("050", "SAM", "GON"),
                                   ("050", "---GOV", "GON")}
    assert ("050", "FRO/BIL/SAM", "GON") in _triples(ev, {"FRO/BIL/SAM"})
    one_sided = [SimpleNamespace(cameo="010", source=[gondor], target=[])]
    assert _triples(one_sided, set()) == {("010", "GON", "---")}
