"""Tests for dyads.eval.quotes: reading brat attributions, classifying gold content, scoring."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dyads.eval.quotes import (
    QuoteMetrics,
    command,
    content_kind,
    format_report,
    pairs,
    read_ann,
    score_document,
    score_quotes,
)
from dyads.models import Quote, Span, Speaker

TEXT = (
    'Officials met in Paris.\n\n'
    '"We will rebuild the bridge," the mayor said.\n\n'
    "The minister said that the budget would grow.\n\n"
    'She called the plan "a disgrace" on Monday.'
)


def _at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def _ann() -> str:
    """A hand-written .ann in PolNeAR's layout: T lines (label, offsets, text) and E lines tying them."""
    lines = []
    k = 0

    def t(label: str, words: str, with_marks: bool = False) -> str:
        nonlocal k
        k += 1
        start, end = _at(words)
        if with_marks:
            start, end = start - 1, end + 2  # `"We ... bridge,"` with its marks and comma
        lines.append(f"T{k}\t{label} {start} {end}\t{TEXT[start:end]}")
        return f"T{k}"

    c1 = t("Content", "We will rebuild the bridge", with_marks=True)
    s1 = t("Source", "the mayor")
    q1 = t("Cue", "said.")
    lines.append(f"E1\tAttribution:{q1} Content:{c1} Cue:{q1} Source:{s1}")
    s2 = t("Source", "The minister")
    q2 = t("Cue", "said that")
    c2 = t("Content", "the budget would grow")
    lines.append(f"E2\tAttribution:{q2} Cue:{q2} Source:{s2} Content:{c2}")
    s3 = t("Source", "She")
    q3 = t("Cue", "called")
    c3 = t("Content", 'the plan "a disgrace"')
    lines.append(f"E3\tAttribution:{q3} Cue:{q3} Source:{s3} Content:{c3}")
    lines.append(f"E4\tAttribution-no-source:{q3} ")  # an attribution without content is ignored
    return "\n".join(lines) + "\n"


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc-one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc-one_ab12.ann").write_text(_ann(), encoding="utf-8")
    (tmp_path / "attributions" / "doc-one_cd34.ann").write_text("", encoding="utf-8")  # a second annotator
    return tmp_path


def test_content_kind():
    text = 'He said "all of this is true," and then that "fake" news was "everywhere". Plain words here.'
    a = text.index('"all')
    assert content_kind(text, ((a, a + len('"all of this is true,"')),)) == "direct"
    inner = text.index("all of")
    assert content_kind(text, ((inner, inner + len("all of this is true")),)) == "direct"  # marks just outside
    m = text.index("fake")
    assert content_kind(text, ((m - 1, text.index("everywhere") + 11),)) == "direct"
    mixed = text.index("that")
    assert content_kind(text, ((mixed, mixed + len('that "fake" news was')),)) == "mixed"
    p = text.index("Plain")
    assert content_kind(text, ((p, p + 11),)) == "indirect"


def test_read_ann_and_pairs(gold_dir: Path):
    found = list(pairs(gold_dir))
    assert len(found) == 1
    text_path, ann_path, skipped = found[0]
    assert text_path.name == "doc-one.txt" and ann_path.name == "doc-one_ab12.ann" and skipped == 1
    gold = read_ann(ann_path, TEXT)
    assert [g.kind for g in gold] == ["direct", "indirect", "mixed"]
    assert TEXT[slice(*gold[0].source[0])] == "the mayor"
    assert TEXT[slice(*gold[1].content[0])] == "the budget would grow"


def test_two_apostrophes_count_as_quote_marks(tmp_path: Path):
    text = "The museum, he said, was ''a stone worn down by feet.''"
    a = text.index("a stone")
    ann = tmp_path / "y.ann"
    ann.write_text(f"T1\tContent {a} {a + len('a stone worn down by feet.')}\tx\nE1\tContent:T1\n")
    (g,) = read_ann(ann, text)
    assert g.kind == "direct"


def test_discontinuous_spans(tmp_path: Path):
    text = '"First part," he said, "second part."'
    ann = tmp_path / "x.ann"
    ann.write_text("T1\tContent 0 14;23 37\tignored\nT2\tSource 15 17\the\nE1\tContent:T1 Source:T2\n")
    (g,) = read_ann(ann, text)
    assert g.content == ((0, 14), (23, 37))
    assert g.kind == "direct"


def test_score_document_counts(gold_dir: Path):
    gold = read_ann(gold_dir / "attributions" / "doc-one_ab12.ann", TEXT)
    c = _at("We will rebuild the bridge")
    mayor = _at("the mayor")
    said = _at("said.")
    wrong = _at("Officials")
    quotes = [
        Quote(TEXT[slice(*c)], *c, speaker=Speaker("the mayor", *mayor), cue=Span("said", said[0], said[0] + 4)),
        Quote("the budget would grow", *_at("the budget would grow"), Speaker("Officials", *wrong), kind="indirect"),
        Quote("Paris", *_at("Paris"), kind="partial"),  # overlaps no gold content
    ]
    m = QuoteMetrics()
    score_document(TEXT, gold, quotes, m)
    assert (m.groups["direct"].gold, m.groups["direct"].found, m.groups["direct"].speaker_right) == (1, 1, 1)
    assert (m.groups["indirect"].found, m.groups["indirect"].speaker_right) == (1, 0)
    assert m.groups["mixed"].found == 0
    assert (m.predicted, m.predicted_correct) == (3, 2)
    report = format_report(m)
    assert "direct" in report and "66.7%" in report


def test_score_quotes_end_to_end(gold_dir: Path):
    m = score_quotes(gold_dir)
    assert m.documents == 1 and m.skipped_annotations == 1
    direct = m.groups["direct"]
    assert direct.found == 1 and direct.speaker_right == 1
    assert m.groups["indirect"].found == 1


def test_command(gold_dir: Path):
    result = CliRunner().invoke(command, [str(gold_dir)])
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "direct" in result.output


def _polnear() -> Path | None:
    root = Path(__file__).resolve().parents[1]
    for base in (root, *root.parents):
        candidate = base.parent / "shared" / "eval" / "quotes-polnear"
        if candidate.is_dir():
            return candidate
    return None


@pytest.mark.slow
def test_polnear_targets():
    """The issue's targets on PolNeAR: >= 90% of direct quotations found, >= 85% of those with the right speaker."""
    directory = _polnear()
    if directory is None:
        pytest.skip("../shared/eval/quotes-polnear not found (outside the repo)")
    m = score_quotes(directory)
    assert m.groups["direct"].recall >= 0.90
    assert m.groups["direct"].speaker_accuracy >= 0.85
