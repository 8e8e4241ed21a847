"""Actor recognition and coding: who in the text is a political actor, and what is their code."""

from dyads.actors.dictionary import (
    ActorDictionary,
    ActorEntry,
    AgentEntry,
    load_actor_dictionary,
    read_dictionary_dir,
)
from dyads.actors.recognize import find_actors

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "AgentEntry",
    "find_actors",
    "load_actor_dictionary",
    "read_dictionary_dir",
]
