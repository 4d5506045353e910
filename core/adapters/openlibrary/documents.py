"""Reading Open Library's JSON documents (editions, works, authors) into plain values.

Open Library's data is edited by many hands: any field may be missing or of another type, so
each is read defensively; only an edition without a title is refused. Keys are checked
against their pattern before they become URLs or cache file names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from core.service.book_info import BookInfo, BookInfoUnavailable, UnavailableReason

type Document = dict[str, Any]

AUTHOR_KEY = re.compile(r"/authors/(OL[0-9]+A)")
WORK_KEY = re.compile(r"/works/(OL[0-9]+W)")
EDITION_KEY = re.compile(r"/books/(OL[0-9]+M)")
MAX_AUTHORS = 10  # each author is one more request; editions of anthologies list dozens


@dataclass(frozen=True, slots=True)
class Edition:
    """The fields of an edition document that a :class:`BookInfo` needs."""

    key: str
    title: str
    subtitle: str
    publishers: tuple[str, ...]
    publish_date: str
    pages: int | None
    cover_id: int | None
    author_ids: tuple[str, ...]
    work_id: str | None

    def book_info(self, isbn: str, authors: tuple[str, ...]) -> BookInfo:
        """The answer for ``isbn``, with the authors' names found meanwhile."""
        return BookInfo(
            isbn=isbn,
            title=self.title,
            subtitle=self.subtitle,
            authors=authors,
            publishers=self.publishers,
            publish_date=self.publish_date,
            pages=self.pages,
            cover_id=self.cover_id,
            key=self.key,
        )


def parse_document(body: bytes) -> Document:
    """The JSON object in ``body``; anything else is a bad answer."""
    try:
        doc = json.loads(body)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        raise _bad(f"not JSON: {error}") from None
    if not isinstance(doc, dict):
        raise _bad(f"a JSON {type(doc).__name__}, not an object")
    return doc


def read_edition(doc: Document) -> Edition:
    """The edition in ``doc`` (a ``/books/OL…M.json`` answer)."""
    title = _text(doc.get("title"))
    if not title:
        raise _bad("an edition without a title")
    prefix = _text(doc.get("title_prefix"))  # older records keep "The " apart
    key = _text(doc.get("key"))
    return Edition(
        key=key if EDITION_KEY.fullmatch(key) else "",
        title=f"{prefix} {title}" if prefix else title,
        subtitle=_text(doc.get("subtitle")),
        publishers=_texts(doc.get("publishers")),
        publish_date=_text(doc.get("publish_date")),
        pages=_positive(doc.get("number_of_pages")),
        cover_id=_first_cover(doc.get("covers")),
        author_ids=author_ids(doc.get("authors")),
        work_id=_first_id(doc.get("works"), WORK_KEY),
    )


def author_ids(entries: object) -> tuple[str, ...]:
    """The author ids of an edition's ``authors`` (``[{"key": …}]``) or a work's
    (``[{"author": {"key": …}, "type": …}]``), in order, without repeats."""
    if not isinstance(entries, list):
        return ()
    found: dict[str, None] = {}
    for entry in entries:
        reference = entry.get("author", entry) if isinstance(entry, dict) else None
        key = reference.get("key") if isinstance(reference, dict) else reference
        match = AUTHOR_KEY.fullmatch(key) if isinstance(key, str) else None
        if match:
            found[match[1]] = None
    return tuple(found)[:MAX_AUTHORS]


def author_name(doc: Document) -> str:
    """An author document's name ("" when it has none)."""
    return _text(doc.get("name")) or _text(doc.get("personal_name"))


def redirect_id(doc: Document, pattern: re.Pattern[str]) -> str | None:
    """Where a merged record now lives (``{"type": {"key": "/type/redirect"}, "location":
    …}``), when it is a record of the same kind."""
    kind = doc.get("type")
    if not (isinstance(kind, dict) and kind.get("key") == "/type/redirect"):
        return None
    location = doc.get("location")
    match = pattern.fullmatch(location) if isinstance(location, str) else None
    return match[1] if match else None


def _first_id(entries: object, pattern: re.Pattern[str]) -> str | None:
    if isinstance(entries, list):
        for entry in entries:
            key = entry.get("key") if isinstance(entry, dict) else None
            match = pattern.fullmatch(key) if isinstance(key, str) else None
            if match:
                return match[1]
    return None


def _first_cover(ids: object) -> int | None:
    if isinstance(ids, list):
        return next((_positive(cover) for cover in ids if _positive(cover)), None)
    return None


def _positive(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _texts(values: object) -> tuple[str, ...]:
    if not isinstance(values, list):
        return ()
    return tuple(text for text in map(_text, values) if text)


def _bad(detail: str) -> BookInfoUnavailable:
    return BookInfoUnavailable(UnavailableReason.BAD_ANSWER, detail=detail)
