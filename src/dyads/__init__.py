"""dyads: news articles in, political event data out (who did what to whom, when, where)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dyads")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.1.0"

from dyads.models import Actor, Article, CodedArticle, Event, Place, Quote, TimeExpr  # noqa: E402
from dyads.pipeline import Coder, Resources  # noqa: E402

__all__ = [
    "Actor", "Article", "CodedArticle", "Coder", "Event", "Place", "Quote", "Resources", "TimeExpr", "__version__",
]
