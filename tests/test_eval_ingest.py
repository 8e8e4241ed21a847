"""`dyads eval ingest`: the comparison runs end to end on a small corpus made of the examples."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from click.testing import CliRunner

from dyads.eval.ingest import LAYOUTS, SAMPLES, command, corpus_pages, language_items

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _corpus(tmp_path: Path) -> Path:
    out = tmp_path / "corpus.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        for p in sorted(EXAMPLES.glob("*.txt")):
            lines = p.read_text(encoding="utf-8").split("\n")
            body = "\n".join(lines[1:]).strip()
            f.write(json.dumps({"id": p.stem, "title": body.split("\n")[0], "date": p.stem[-10:], "text": body}) + "\n")
    return out


def test_pages_hold_the_article_and_the_items_cover_every_language(tmp_path):
    corpus = _corpus(tmp_path)
    pages = corpus_pages(corpus, 3, step=1)
    assert len(pages) == 3 * len(LAYOUTS)
    for page in pages:
        shown = re.sub(r"\W+", "", html.unescape(page.html))
        assert all(re.sub(r"\W+", "", par) in shown for par in page.paragraphs)
    items = language_items(corpus, 2, step=1)
    assert sum(not en for _, _, en in items) == 3 * len(SAMPLES) + 3


def test_command_prints_both_comparisons(tmp_path):
    result = CliRunner().invoke(command, ["--corpus", str(_corpus(tmp_path)), "--articles", "2", "--step", "1"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "HTML main text: 12 pages" in out and re.search(r"^adopted\s+\d\.\d{3}\s+\d\.\d{3}", out, re.M)
    assert re.search(r"^lingua\s+", out, re.M) and "every corpus article with a text" in out
