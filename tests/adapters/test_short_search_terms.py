"""One- and two-letter search terms find the same books on SQLite (where a term no book holds
is ruled out from the search index's trigrams, without a scan) and on PostgreSQL as the rule of
``core.domain.ordering`` does, wherever the letters stand: inside a word, ending a title,
ending the author of a book without ISBN, behind a non-ASCII letter."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from core.adapters.search import NON_ASCII_FIRSTS_WALKED
from core.bootstrap import Catalogue, open_catalogue
from core.domain.messages import RegisterBook
from core.domain.ordering import matches, parse_search
from core.service.views import BookQuery
from tests.support.isbn import isbn13

BOOKS = [
    ("Zola", "Émile Zola", 1),
    ("The Quiet Fox", "Ann Lee", 2),
    ("Buzz", "Dumav", None),  # "v" only ends the author of a book without ISBN
    ("Jo", "Y", None),  # a one-letter author: "y" only stands between two separators
    ("Ångström", "Kjellþ", None),  # "þ": non-ASCII, last letter of the author
    ("Ørsted's path", "Åw", None),  # "w" only behind a non-ASCII letter, ending the author
    ("a-b c.d", "Smith-Jones", 3),
]
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-.'þøåé"


def _needles() -> Iterator[str]:
    yield from ALPHABET
    for first in ALPHABET:
        for second in "aeiouxz-9þ":
            yield first + second
    for first in ("v", "y", "zo", "qz", "ab"):  # several short terms: found only if all are
        for second in ("j", "w", "zz", "ol", "v"):
            yield f"{first} {second}"


async def _register(catalogue: Catalogue, books: list[tuple[str, str, int | None]]) -> None:
    await catalogue.execute_many(
        [
            RegisterBook(title=title, author=author, isbn="" if n is None else isbn13(n))
            for title, author, n in books
        ]
    )


def _expected(books: list[tuple[str, str, int | None]], needle: str) -> set[str]:
    search = parse_search(needle)
    return {
        title
        for title, author, n in books
        if matches(search, title, author, "" if n is None else isbn13(n))
    }


async def test_short_terms_find_what_the_rule_finds(catalogue: Catalogue) -> None:
    """Every one- and two-character needle of a mixed alphabet: the count and the page hold
    exactly the books ``ordering.matches`` finds."""
    await _register(catalogue, BOOKS)
    for needle in _needles():
        expected = _expected(BOOKS, needle)
        page = await catalogue.views.list_books(BookQuery(search=needle))
        assert {book.title for book in page} == expected, needle
        assert await catalogue.views.count_books(needle) == len(expected), needle


async def test_a_letter_behind_more_non_ascii_letters_than_walked_is_still_found(
    sqlite_path: Path,
) -> None:
    """Past :data:`NON_ASCII_FIRSTS_WALKED` different non-ASCII first characters the check
    gives up and scans: the author ending in "z" behind the last of them is found."""
    letters = [chr(0x3B1 + n) for n in range(25)] + [chr(0x430 + n) for n in range(32)]
    letters += [chr(0x5D0 + n) for n in range(27)]
    assert len(letters) > NON_ASCII_FIRSTS_WALKED
    books: list[tuple[str, str, int | None]] = [
        (f"{letter}{letter}{letter}", f"{letter}{letter}", n) for n, letter in enumerate(letters)
    ]
    books.append(("Last", f"{letters[-1]}z", None))
    async with open_catalogue(sqlite_path) as catalogue:
        await _register(catalogue, books)
        assert await catalogue.views.count_books("z") == 1
        assert [book.title for book in await catalogue.views.list_books(BookQuery(search="z"))] == [
            "Last"
        ]


@contextmanager
def _statements(catalogue: Catalogue) -> Iterator[list[str]]:
    engine = catalogue.views._engine.sync_engine  # type: ignore[attr-defined]
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(str(args[2]))

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


@pytest.mark.parametrize("needle", ["z", "zo", "book zo", "q tag:poetry", "b zo", "zo b"])
async def test_a_short_term_no_book_holds_is_answered_without_scanning_the_books(
    sqlite_path: Path, needle: str
) -> None:
    """SQLite: the page and the count of a search with a one- or two-letter term that no book
    holds read only the search index's trigrams, never ``search_text`` with ``LIKE``."""
    async with open_catalogue(sqlite_path) as catalogue:
        await _register(catalogue, [(f"Book {n}", "Ann Lee", n) for n in range(50)])
        with _statements(catalogue) as seen:
            assert await catalogue.views.list_books(BookQuery(search=needle)) == []
            assert await catalogue.views.count_books(needle) == 0
        assert seen
        assert not [statement for statement in seen if "LIKE" in statement.upper()]


@pytest.mark.parametrize("needle", ["e", "ok", "o k", "ok tag:poetry"])
async def test_a_page_of_short_terms_reads_the_books_once(
    catalogue: Catalogue, needle: str
) -> None:
    """A search of only one- and two-letter terms (and tags) has one plan whatever it
    finds: its page reads ``search_text`` once, with no count of its matches before it (a
    rare term's count was a second scan of every book)."""
    await _register(catalogue, [(f"Book {n}", "Ann Lee", n) for n in range(30)])
    with _statements(catalogue) as seen:
        page = await catalogue.views.list_books(BookQuery(search=needle))
    assert {book.title for book in page} == _expected(
        [(f"Book {n}", "Ann Lee", n) for n in range(30)], needle
    )
    reads = [statement for statement in seen if "LIKE" in statement.upper()]
    assert len(reads) == 1, reads
    assert "count(" not in reads[0].lower()
