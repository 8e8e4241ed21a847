"""Quotations and their speakers (first cut; issue 7 builds it)."""

from __future__ import annotations

from spacy.tokens import Doc

from dyads.models import Actor, Quote


def find_quotes(doc: Doc, actors: list[Actor]) -> list[Quote]:
    return []
