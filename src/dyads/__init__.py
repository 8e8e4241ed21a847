"""dyads: news articles in, political event data out (who did what to whom, when, where)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dyads")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.1.0"

from dyads.models import Actor, Article, CodedArticle, Event, Place, Quote, TimeExpr  # noqa: E402


def __getattr__(name: str):
    """`Coder` and `Resources` are imported when first asked for: they load spaCy (about 2 s), which the
    read commands (`dyads events`, `export`, `serve`, `info`) and the web app never need."""
    if name in ("Coder", "Resources"):
        from dyads import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'dyads' has no attribute {name!r}")

__all__ = [
    "Actor", "Article", "CodedArticle", "Coder", "Event", "Place", "Quote", "Resources", "TimeExpr", "__version__",
]
