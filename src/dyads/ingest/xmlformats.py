"""XML inputs: PETRARCH sentence files and TimeML documents, parsed with defusedxml.

defusedxml refuses entity-expansion bombs and external entities, so hostile files become
rejects instead of hangs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from dyads.ingest.dates import DateError, parse_date
from dyads.models import Article, Reject


def _parse(path: Path, text: str):
    try:
        return SafeET.fromstring(text.encode("utf-8")), None
    except DefusedXmlException as exc:
        return None, f"refused unsafe XML ({type(exc).__name__})"
    except SafeET.ParseError as exc:
        return None, f"malformed XML: {exc}"


def read_petrarch_xml(path: Path, text: str) -> Iterator[Article | Reject]:
    """Each `<Sentence id date>`'s `<Text>` is one article; `<Parse>` is ignored."""
    root, why = _parse(path, text)
    if root is None:
        yield Reject(str(path), "file", why or "malformed XML", text[:2000])
        return
    for n, sent in enumerate(root.iter("Sentence"), 1):
        sid = sent.get("id") or f"{path.stem}:{n}"
        body = sent.findtext("Text") or ""
        body = re.sub(r"\s+", " ", body).strip()
        raw_date = sent.get("date") or ""
        try:
            pub = parse_date(raw_date)
        except DateError as exc:
            yield Reject(str(path), f"sentence {sid}", str(exc), body)
            continue
        yield Article(id=sid, text=body, publication_date=pub, origin=f"{path}:sentence {sid}")


def read_timeml(path: Path, text: str) -> Iterator[Article | Reject]:
    """The text of `<TEXT>` (tags stripped, offsets of the text as read), DCT from `<DCT><TIMEX3 value>`."""
    root, why = _parse(path, text)
    if root is None:
        yield Reject(str(path), "file", why or "malformed XML", text[:2000])
        return
    node = root.find(".//TEXT")
    if node is None:
        yield Reject(str(path), "file", "no <TEXT> element", text[:2000])
        return
    body = "".join(node.itertext())
    dct = root.find(".//DCT/TIMEX3")
    pub = None
    if dct is not None:
        try:
            pub = parse_date((dct.get("value") or "")[:10])
        except DateError as exc:
            yield Reject(str(path), "DCT", str(exc), ET_tostring(dct))
            return
    yield Article(id=path.stem, text=body, publication_date=pub, origin=str(path))


def ET_tostring(node) -> str:  # noqa: N802 - mirrors ElementTree.tostring
    import xml.etree.ElementTree as ET

    return ET.tostring(node, encoding="unicode")[:2000]
