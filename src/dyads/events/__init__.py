"""Predicates -> CAMEO/PLOVER events with source, target, date, place and evidence."""

from dyads.events.verbs import VerbDictionary, load_verb_dictionary


def __getattr__(name: str):
    """`code_events` needs spaCy: imported when first asked for, so that reading the verb dictionary
    (`dyads info`, the web app's event page) does not load it."""
    if name == "code_events":
        from dyads.events.coder import code_events

        return code_events
    raise AttributeError(f"module 'dyads.events' has no attribute {name!r}")


__all__ = ["VerbDictionary", "code_events", "load_verb_dictionary"]
