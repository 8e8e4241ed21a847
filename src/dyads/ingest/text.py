"""Bytes -> text, and HTML pages -> their main text, for the readers.

Decoding is forgiving where the intent is clear (UTF-8 with or without BOM, UTF-16 with BOM,
Windows-1252/Latin-1 for legacy archives) and refuses binary data with a reason.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path


def decode_bytes(raw: bytes) -> tuple[str | None, str | None]:
    """Return (text, None) or (None, reason)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            return None, f"invalid UTF-16: {exc.reason}"
    sample = raw[:8192]
    if b"\x00" in sample:
        return None, "binary data (NUL bytes), not text"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    reason = _control_reason(text[:8192])
    return (None, reason) if reason else (text, None)


def _control_reason(sample: str) -> str | None:
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return "binary data (control characters), not text" if controls > len(sample) * 0.05 else None


def file_encoding(path: str | Path, chunk_size: int = 1 << 20) -> tuple[str | None, str | None]:
    """(codec, None) or (None, reason): how `decode_bytes` would decode the whole file, read in chunks.

    Why: a JSON-lines corpus is then read line by line, and a coding run's memory does not grow
    with the size of its input file. The codec is one `open(..., encoding=codec, errors="replace")`
    takes: "utf-8-sig", "utf-16", "utf-8", "cp1252" or "latin-1", exactly as `decode_bytes` decides.
    """

    def decodes(f, codec: str) -> UnicodeDecodeError | None:
        f.seek(0)
        decoder = codecs.getincrementaldecoder(codec)()
        try:
            while chunk := f.read(chunk_size):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            return exc
        return None

    with open(path, "rb") as f:
        head = f.read(8192)
        if head.startswith(b"\xef\xbb\xbf"):
            return "utf-8-sig", None
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            exc = decodes(f, "utf-16")
            return ("utf-16", None) if exc is None else (None, f"invalid UTF-16: {exc.reason}")
        if b"\x00" in head:
            return None, "binary data (NUL bytes), not text"
        if decodes(f, "utf-8") is None:
            return "utf-8", None
        codec = "cp1252" if decodes(f, "cp1252") is None else "latin-1"
        reason = _control_reason(head.decode(codec))
        return (None, reason) if reason else (codec, None)


_SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "iframe", "button"}
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "article", "section", "blockquote", "tr"}
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
)


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.in_article = 0
        self.in_title = False
        self.title = ""
        self.parts: list[str] = []
        self.article_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.time_datetime: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in _SKIP:
            self.skip += 1
        elif tag == "article":
            self.in_article += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
        elif tag == "time" and a.get("datetime") and self.time_datetime is None:
            self.time_datetime = a["datetime"]
        if tag in _BLOCK:
            self._push("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag == "article" and self.in_article:
            self.in_article -= 1
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self._push("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip:
            self._push(data)

    def _push(self, s: str) -> None:
        self.parts.append(s)
        if self.in_article:
            self.article_parts.append(s)


def _tidy(parts: list[str]) -> str:
    text = "".join(parts)
    paras = [re.sub(r"[ \t\r\f\v\n]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


def _trafilatura_text(html: str, favor_precision: bool = True) -> str | None:
    """The main text by trafilatura (None if it is not installed or finds none), paragraphs apart by a blank line.

    `favor_precision`: on a small page the default options kept the navigation bar; boilerplate
    costs more than a lost line here, because every English sentence kept can be coded as an event.
    """
    try:
        import trafilatura
    except ImportError:
        return None
    text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=False,
                               include_images=False, include_links=False, deduplicate=False, with_metadata=False,
                               favor_precision=favor_precision)
    if not text:
        return None
    return "\n\n".join(p.strip() for p in text.split("\n") if p.strip())


def html_to_text(html: str, extractor: str = "auto") -> tuple[str, str | None, str | None]:
    """(main text, title, publication date string or None) of an HTML page.

    `extractor`: "trafilatura" (the main text as trafilatura finds it, favouring precision:
    navigation, related-story lists, comments and share bars dropped however the page is marked up),
    "rules" (ours: scripts, navigation, headers, footers and forms dropped; where the page has an
    <article> element, only its text), or "auto": trafilatura when it is installed and finds text,
    else the rules. A page with no text outside navigation, headers, footers, forms and scripts has
    no main text either way (an empty string: the reader's reject "no text"). Title and date come from
    the page's own markup either way. docs/ingest.md compares the two (`dyads eval ingest`).
    """
    parser = _MainText()
    parser.feed(html)
    parser.close()
    article = _tidy(parser.article_parts) if parser.article_parts else ""
    body = article or _tidy(parser.parts)
    # nothing outside navigation, headers, footers, forms and scripts: no main text, whatever trafilatura
    # makes of it (it gives the navigation bar's words then)
    if body and extractor in ("auto", "trafilatura"):
        found = _trafilatura_text(html)
        if found is not None or extractor == "trafilatura":
            body = found or ""  # where it finds nothing (a story in a layout table), "auto" keeps the rules'
    when = next((parser.meta[k] for k in _DATE_META if k in parser.meta), None) or parser.time_datetime
    if when:
        when = when.strip()[:10]
    title = parser.title.strip() or parser.meta.get("og:title")
    return body, title or None, when
