"""Actor recognition and coding: who in the text is a political actor, and what is their code."""

from dyads.actors.dictionary import (
    ActorDictionary,
    ActorEntry,
    AgentEntry,
    DictionaryError,
    load_actor_dictionary,
    lookup,
    read_dictionary_dir,
)


def __getattr__(name: str):
    """`find_actors` needs spaCy: imported when first asked for, so that reading the dictionaries
    (the web app's actor pages, `dyads info`) does not load it."""
    if name == "find_actors":
        from dyads.actors.recognize import find_actors

        return find_actors
    raise AttributeError(f"module 'dyads.actors' has no attribute {name!r}")


__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "AgentEntry",
    "DictionaryError",
    "find_actors",
    "lookup",
    "load_actor_dictionary",
    "read_dictionary_dir",
]
