"""The one rule for comparing books as people read them: folding, searching and sorting.

Text is folded once (case, accents, compatibility forms, Turkish dotless i) and compared as
folded text everywhere: the SQL views store the keys made here (sort columns and the search
text), the in-memory fake and the window use the same functions, so a book is found and placed
identically by all three.

A search is words in any order: each must occur in the title, the author or the ISBN. A word
that is an ISBN in any form (hyphenated, ISBN-10) is searched as its ISBN-13 digits.
``tag:NAME`` (or ``tag:"TWO WORDS"``) keeps the books that have that tag.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol
from uuid import UUID

from .control import without_control
from .isbn import canonical_isbn

SEARCH_SEPARATOR = "\x1f"
"""Joins the folded fields of a search text; a control character, so never part of a term."""

_ISBN_CHARACTERS = frozenset("0123456789-x")
_TAG = re.compile(r'(?<!\S)tag:(?:"([^"]*)"?|(\S*))')
DOTLESS_I = "\u0131"
"""Turkish dotless i: no decomposition or case folding makes it an i, yet people type I for it."""


class BookSort(enum.Enum):
    """The columns the book list sorts by."""

    title = "title"
    author = "author"
    isbn = "isbn"
    registered_at = "registered_at"
    rating = "rating"
    reviews = "reviews"
    availability = "availability"


class Shelf(enum.Enum):
    """Which books the list shows by their copies: all, those with a copy available, those
    with a copy lent, those with a loan past its due date."""

    all = "all"
    available = "available"
    lent = "lent"
    overdue = "overdue"


def on_shelf(shelf: Shelf, book: ListedBook, today: date) -> bool:
    """Whether ``book`` is among those ``shelf`` keeps (on ``today``, for overdue)."""
    if shelf is Shelf.available:
        return book.available > 0
    if shelf is Shelf.lent:
        return book.available < book.copies
    if shelf is Shelf.overdue:
        return book.due_on is not None and book.due_on < today
    return True


def fold(text: str) -> str:
    """Text for case- and accent-insensitive comparison: compatibility forms decomposed,
    combining marks dropped, case-folded, and the Turkish dotless i (U+0131) read as i."""
    if text.isascii():  # nothing to decompose, and casefold() is lower() there
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare.casefold()).replace(DOTLESS_I, "i")


def text_key(text: str) -> str:
    """The sort key of a title or an author: its folded text (ties are broken by id)."""
    return fold(text)


def search_text(title: str, author: str, isbn: str) -> str:
    """What a search looks through: folded title and author, and the ISBN-13 digits."""
    return book_keys(title, author, isbn)[2]


def book_keys(title: str, author: str, isbn: str) -> tuple[str, str, str]:
    """A book's stored keys: ``text_key`` of its title and author, and its ``search_text``
    (each text folded once: a bulk import's hot path)."""
    title_key, author_key = fold(title), fold(author)
    return title_key, author_key, SEARCH_SEPARATOR.join((title_key, author_key, isbn))


@dataclass(frozen=True, slots=True)
class Search:
    """A parsed search: folded ``terms`` that must all occur, in any order, and folded
    ``tags`` the book must all have.

    No terms, no tags and not ``nothing``: every book matches. ``nothing``: the text typed held
    no searchable character (only control characters), so no book matches.
    """

    terms: tuple[str, ...] = ()
    nothing: bool = False
    tags: tuple[str, ...] = ()

    @property
    def everything(self) -> bool:
        """Whether every book matches (an empty search)."""
        return not self.terms and not self.tags and not self.nothing


def parse_search(text: str) -> Search:
    """The terms of a search box's text (see the module's docstring)."""
    cleaned = without_control(text, " ")  # whitespace controls split words either way
    folded = fold(cleaned)
    tags: dict[str, None] = {}
    if "tag:" in folded:
        for quoted, word in _TAG.findall(folded):
            if (quoted or word).strip():
                tags[" ".join((quoted or word).split())] = None
        folded = _TAG.sub(" ", folded)
    terms = tuple(dict.fromkeys(_term(word) for word in folded.split()))
    if not terms and not tags and text.strip() and not cleaned.strip():
        return Search(nothing=True)
    return Search(terms, tags=tuple(tags))


def _term(word: str) -> str:
    """A folded word; an ISBN in any form becomes its ISBN-13 digits."""
    if not _ISBN_CHARACTERS.issuperset(word) or not any(c.isdigit() for c in word):
        return word
    digits = word.replace("-", "")
    if len(digits) in (10, 13):
        try:
            return canonical_isbn(digits.upper())
        except ValueError:
            pass
    return digits


def matches(search: Search, title: str, author: str, isbn: str, tags: Sequence[str] = ()) -> bool:
    """Whether a book with these fields (and tags) is found by ``search``."""
    if search.nothing:
        return False
    if search.tags and not {fold(tag) for tag in tags}.issuperset(search.tags):
        return False
    haystack = search_text(title, author, isbn)
    return all(term in haystack for term in search.terms)


class ListedBook(Protocol):
    """What the list knows of a book: enough to place it."""

    @property
    def id(self) -> UUID: ...
    @property
    def title(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def isbn(self) -> str: ...
    @property
    def registered_at(self) -> datetime | None: ...
    @property
    def rating(self) -> float | None: ...
    @property
    def reviews(self) -> int: ...
    @property
    def copies(self) -> int: ...
    @property
    def available(self) -> int: ...
    @property
    def due_on(self) -> date | None: ...


def sort_key(sort: BookSort, book: ListedBook) -> tuple[Any, ...]:
    """``book``'s place in an ascending list sorted by ``sort``, ties broken by id (as the SQL
    views order them: books without a registration time, or without a rating, first)."""
    tie = book.id.hex
    if sort is BookSort.title:
        return (text_key(book.title), tie)
    if sort is BookSort.author:
        return (text_key(book.author), tie)
    if sort is BookSort.isbn:
        return (book.isbn, tie)
    if sort is BookSort.rating:
        return (book.rating is not None, book.rating or 0.0, tie)
    if sort is BookSort.reviews:
        return (book.reviews, tie)
    if sort is BookSort.availability:
        return (book.available, tie)
    registered = book.registered_at
    return (registered is not None, registered or datetime.min, tie)
