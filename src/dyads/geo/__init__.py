"""Places: an offline gazetteer and place resolution (first cut; issue 6 builds it)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from dyads.models import Article, Place


@dataclass
class Gazetteer:
    """Compiled place index (filled in by issue 6)."""

    size: int = 0


def load_gazetteer() -> Gazetteer:
    return Gazetteer()


def find_places(doc: Doc, article: Article, gazetteer: Gazetteer) -> tuple[list[Place], Place | None]:
    """Place mentions and the dateline place of the article."""
    return [], None
