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
