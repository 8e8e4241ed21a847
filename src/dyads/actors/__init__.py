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
from dyads.actors.recognize import find_actors

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
