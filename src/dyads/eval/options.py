"""What several scorers share: the --model option and the PLOVER gold's older event labels."""

from __future__ import annotations

import click

MODEL_OPTION = click.option(
    "--model", default=None, help="spaCy pipeline to parse with (default: dyads.nlp.SPACY_MODEL)."
)

PLOVER_OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
"""The PLOVER gold-standard records' older event names -> the current ones (see ../shared/README.md)."""
