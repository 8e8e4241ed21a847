"""Tests for dyads.eval.timeml: reading .tml files and TempEval-3 style span and value scores."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dyads.eval.timeml import GoldTimex, Metrics, command, read_tml, score_document, score_timeml
from dyads.models import TimeExpr

ROOT = Path(__file__).resolve().parents[1]
TIMEML = next(
    (p / "shared" / "eval" / "timeml" for p in ROOT.parents if (p / "shared" / "eval" / "timeml").is_dir()),
    ROOT.parent / "shared" / "eval" / "timeml",
)

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-07-22" functionInDocument="CREATION_TIME">20130722</TIMEX3></DCT>
<TEXT>
The envoy <EVENT eid="e1" class="REPORTING">said</EVENT> \
<TIMEX3 tid="t1" type="DATE" value="2013-07-19">Friday</TIMEX3> \
that talks would last <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> from \
<TIMEX3 tid="t3" type="DATE" value="2013-08">next month</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def tml_file(tmp_path: Path) -> Path:
    path = tmp_path / "T1.tml"
    path.write_text(TML, encoding="utf-8")
    return path


def test_read_tml_text_dct_and_offsets(tml_file: Path) -> None:
    doc = read_tml(tml_file)
    assert doc.article.id == "T1"
    assert doc.article.publication_date.isoformat() == "2013-07-22"
    assert "<" not in doc.article.text and "said Friday" in doc.article.text
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("Friday", "DATE", "2013-07-19"),
        ("three days", "DURATION", "P3D"),
        ("next month", "DATE", "2013-08"),
    ]  # the creation time is not among the gold
    for g in doc.gold:
        assert doc.article.text[g.start : g.end] == g.text


def test_score_document_strict_relaxed_value() -> None:
    gold = [GoldTimex(0, 6, "Friday", "DATE", "2013-07-19"), GoldTimex(10, 20, "three days", "DURATION", "P3D"),
            GoldTimex(30, 40, "next month", "DATE", "2013-08")]  # fmt: skip
    pred = [
        TimeExpr("Friday", 0, 6, "DATE", "2013-07-19"),  # exact, right value
        TimeExpr("three days long", 10, 25, "DURATION", "P2D"),  # overlap, wrong value
        TimeExpr("now", 50, 53, "DATE", "PRESENT_REF"),  # spurious
    ]
    m = Metrics()
    score_document(m, "d", gold, pred)
    assert (m.strict.tp, m.strict.n_pred, m.strict.n_gold) == (1, 3, 3)
    assert m.relaxed.tp == 2 and m.value.tp == 1
    assert m.value_accuracy == 0.5 and m.type_accuracy == 1.0
    assert m.missed["next month"] == 1 and m.spurious["now"] == 1
    assert m.relaxed.f1 == pytest.approx(2 / 3)
    assert m.wrong_value_groups() == {("three days", "P3D -> P2D"): 1}


def test_score_timeml_end_to_end(tml_file: Path) -> None:
    m = score_timeml([tml_file])
    assert m.documents == 1 and m.strict.n_gold == 3
    assert m.value.tp == 3 and m.strict.tp == 3 and m.strict.n_pred == 3


def test_command(tml_file: Path) -> None:
    result = CliRunner().invoke(command, [str(tml_file.parent), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "relaxed span" in result.output and "F1 1.000" in result.output


def test_timebank_sample() -> None:
    """Three real TimeBank documents: the scorer runs and the recogniser finds most of the gold."""
    if not (TIMEML / "TimeBank").is_dir():
        pytest.skip("../shared/eval/timeml is not present")
    m = score_timeml([TIMEML / "TimeBank"], limit=3)
    assert m.documents == 3 and m.strict.n_gold > 10
    assert m.relaxed.f1 > 0.7


def test_wrong_values_group_by_phrase_and_kind() -> None:
    m = Metrics()
    m.wrong_value += [
        ("a", "January / January", "1990-01", "1989-01"),
        ("b", "January / in January", "2014-01", "2013-01"),
        ("c", "a year earlier / a year earlier", "1988", "1988-Q3"),
    ]
    assert m.wrong_value_groups() == {("january", "Y-01 -> Y[-1]-01"): 2, ("a year earlier", "Y -> Y-Q3"): 1}
