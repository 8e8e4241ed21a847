"""Tests for dyads.quotes: quote-mark pairing, attribution, speaker resolution and coding."""

from __future__ import annotations

import pytest

from dyads.actors import find_actors, load_actor_dictionary
from dyads.models import Actor, Article, Quote
from dyads.nlp import load_nlp
from dyads.quotes import find_quotes
from dyads.quotes.marks import find_quoted, inside


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def seed_text(seed_article) -> str:
    return seed_article.text


@pytest.fixture(scope="module")
def seed_doc(nlp, seed_text):
    return nlp(seed_text)


def _quotes(nlp, text: str, actors: list[Actor] | None = None) -> list[Quote]:
    doc = nlp(text)
    quotes = find_quotes(doc, actors or [])
    for q in quotes:
        assert q.text == text[q.start : q.end]
        if q.speaker is not None:
            assert q.speaker.text == text[q.speaker.start : q.speaker.end]
        if q.cue is not None:
            assert q.cue.text == text[q.cue.start : q.cue.end]
    return quotes


def _containing(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote contains {words!r}: {[q.text for q in quotes]}"
    return found[0]


# -- quote marks -----------------------------------------------------------------------------


def test_marks_straight_and_curly():
    text = 'He said "one thing" and \u201canother thing,\u201d she said.'
    got = [text[q.start : q.end] for q in find_quoted(text)]
    assert got == ["one thing", "another thing"]  # the attribution comma stays outside


def test_marks_continue_across_paragraphs():
    text = '\u201cFirst paragraph of it.\n\n\u201cSecond paragraph,\u201d he said. Then "x" ends.'
    q = find_quoted(text)[0]
    assert [text[a:b] for a, b in q.pieces] == ["First paragraph of it.", "Second paragraph"]
    assert text[q.start : q.end].startswith("First") and text[q.start : q.end].endswith("Second paragraph")
    assert text[find_quoted(text)[1].start : find_quoted(text)[1].end] == "x"


def test_marks_unclosed_quote_stops_at_paragraph_end():
    text = 'A \u201clost mark here\n\nNext paragraph has "its own".'
    got = [text[q.start : q.end] for q in find_quoted(text)]
    assert got == ["lost mark here", "its own"]
    assert find_quoted(text)[0].close_at is None


def test_marks_two_apostrophes_as_one_mark():
    text = "It was, the president said, ''a stone worn down.'' Then ''Hopefully,'' he said."
    assert [text[q.start : q.end] for q in find_quoted(text)] == ["a stone worn down.", "Hopefully"]


def test_inside_finds_the_enclosing_quotation():
    text = 'Before "the words inside" after.'
    quoted = find_quoted(text)
    assert inside(quoted, text.index("words"), text.index("words") + 5) is quoted[0]
    assert inside(quoted, 0, 6) is None


# -- the seed article ------------------------------------------------------------------------


def test_seed_all_three_gold_quotes_with_speakers(seed_doc, seed_text):
    actors = find_actors(seed_doc, Article(id="lavrov-2013-07-22", text=seed_text), load_actor_dictionary())
    quotes = find_quotes(seed_doc, actors)
    regret = _containing(quotes, "To our regret, unlike the government of Syria")
    assert regret.kind == "direct"
    assert (regret.speaker.text, regret.speaker.name) == ("he", "Sergei Lavrov")
    assert regret.speaker.code == "RUSGOV"
    assert regret.cue.text == "said"
    become = [q for q in quotes if "become one of the main points of the proposed international" in q.text]
    assert {q.kind for q in become} == {"partial", "indirect"}
    assert all(q.speaker.name == "Sergei Lavrov" and q.speaker.code == "RUSGOV" for q in become)
    siege = _containing(quotes, "The main responsibility for this siege lies in the West")
    assert siege.kind == "direct"
    assert (siege.speaker.text, siege.speaker.name) == ("he", "Qadri Jamil")
    assert siege.cue.text == "was quoted as saying"
    assert siege.text.endswith("suffering of the Syrian people")
    lead = next(q for q in quotes if q.text == "terrorists and extremists from Syria")
    assert lead.kind == "partial" and lead.speaker.name == "Sergei Lavrov"  # under "issued a new call"
    partial = next(q for q in quotes if q.text == "siege")
    assert partial.kind == "partial" and partial.speaker.name == "Qadri Jamil"


def test_seed_codes_from_handmade_actors(seed_doc, seed_text):
    """Codes come from the actor layer: a pronoun takes its antecedent's actor code."""
    t = seed_text
    lavrov = t.index("Russian Foreign Minister Sergei Lavrov")
    jamil = t.index("Qadri Jamil")
    actors = [
        Actor("Russian Foreign Minister Sergei Lavrov", lavrov, lavrov + 38, "RUSGOV", name="Sergei Lavrov"),
        Actor("Qadri Jamil", jamil, jamil + 11, "SYRGOV", name="Qadri Jamil", kind="person"),
    ]
    quotes = find_quotes(seed_doc, actors)
    assert _containing(quotes, "To our regret").speaker.code == "RUSGOV"
    assert _containing(quotes, "The main responsibility for this siege").speaker.code == "SYRGOV"
    assert _containing(quotes, "he expected that a loan").speaker.code == "SYRGOV"


def test_seed_offsets_are_exact(seed_doc, seed_text):
    for q in find_quotes(seed_doc, []):
        assert q.text == seed_text[q.start : q.end]
        assert q.speaker is None or q.speaker.text == seed_text[q.speaker.start : q.speaker.end]


# -- constructions ---------------------------------------------------------------------------


def test_direct_quote_before_inverted_cue(nlp):
    text = 'The talks went well. "We made real progress today," said Sergei Lavrov.'
    q = _containing(_quotes(nlp, text), "We made real progress")
    assert q.kind == "direct"
    assert q.cue.text == "said"
    assert q.speaker.name == "Sergei Lavrov"


def test_leading_cue_with_colon_and_listener(nlp):
    text = 'John Kerry told reporters: "The ceasefire must hold."'
    q = _containing(_quotes(nlp, text), "The ceasefire must hold")
    assert q.kind == "direct"
    assert q.cue.text == "told reporters"
    assert "Kerry" in q.speaker.text


def test_quotation_continued_in_next_paragraph_keeps_speaker(nlp):
    text = (
        '"We will not accept this," Angela Merkel said.\n\n'
        '"Europe must answer with one voice, and it will answer soon, whatever the cost may be."\n\n'
        "Markets fell on Tuesday."
    )
    quotes = _quotes(nlp, text)
    second = _containing(quotes, "Europe must answer")
    assert second.kind == "direct"
    assert second.speaker is not None and second.speaker.name == "Angela Merkel"


def test_indirect_said_that(nlp):
    text = "Prime Minister Benjamin Netanyahu said on Sunday that Israel would not attend the conference."
    q = _containing(_quotes(nlp, text), "Israel would not attend the conference")
    assert q.kind == "indirect"
    assert q.cue.text == "said"
    assert q.speaker.name == "Benjamin Netanyahu"


def test_according_to(nlp):
    text = "The army shelled three villages overnight, according to local officials."
    q = _containing(_quotes(nlp, text), "shelled three villages")
    assert q.kind == "indirect"
    assert q.cue.text == "according to"
    assert q.speaker.text == "local officials"
    assert "according" not in q.text


def test_pronoun_resolves_to_subject_not_object(nlp):
    text = (
        "Hillary Clinton met Bernie Sanders in Ohio on Monday.\n\n"
        '"Our party is united," she said.'
    )
    # without gender cues the subject of the previous sentence wins over the object
    q = _containing(_quotes(nlp, text), "Our party is united")
    assert q.speaker.text == "she"
    assert q.speaker.name == "Hillary Clinton"


def test_scare_quotes_without_speaker_are_not_quotes(nlp):
    text = 'The so-called "peace dividend" never arrived in the region.'
    assert _quotes(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        'He said "',
        '\u201d stray closing mark, then "open only',
        '"One," "two," "three" and \u201cfour\u201d \u201cfive',
        "''\n\n''",
        'Officials said. "\n\n"',
    ],
)
def test_odd_typography_never_breaks_offsets(nlp, text):
    for q in _quotes(nlp, text):
        assert 0 <= q.start <= q.end <= len(text)
