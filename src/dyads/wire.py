"""Conventions of wire copy that several stages read: the agency tag that opens a story.

Apart from `nlp.py` so that the event filters (read by commands that never parse) import no spaCy.
"""

from __future__ import annotations

import re

# news agencies whose tag, "(CNN) --", "(Reuters) -", opens the story proper
AGENCIES = frozenset({"CNN", "Reuters", "AP", "AFP", "UPI", "dpa", "Xinhua", "Bloomberg"})
STORY_TAG = re.compile(r"\((?:" + "|".join(sorted(AGENCIES)) + r")\)\s*(?:-{1,2}|\u2013|\u2014)\s*$")
"""A sentence ending in the agency tag that opens the story: a dateline ("CAIRO, Egypt (CNN) --") or,
longer, the story highlights above it (the sentence after the tag starts the story:
`nlp.paragraph_sentences`)."""
