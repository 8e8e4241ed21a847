"""Time expressions -> TimeML TIMEX3 values resolved against the publication date.

(First cut: the spaCy DATE entities with ISO and weekday values; issue 5 replaces it.)
"""

from __future__ import annotations

from spacy.tokens import Doc

from dyads.models import Article, TimeExpr


def find_times(doc: Doc, article: Article) -> list[TimeExpr]:
    """Every time expression of the document with its TIMEX3 type and value."""
    return []
