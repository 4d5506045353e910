"""Property-based bad input: every ``RegisterBook`` is either registered and read back exactly
from SQLite, or refused with an error naming its field; never a crash."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from stdnum import ean

from core.bootstrap import Catalogue, open_catalogue
from core.domain.isbn import MAX_TEXT_LENGTH
from core.domain.messages import RegisterBook
from core.domain.result import Err
from core.service.repositories import BookRepositoryError
from core.service.views import BookQuery
from tests.reliability.conftest import integrity_check

EXAMPLES = int(os.environ.get("READING_CLUB_PROPERTY_EXAMPLES", "9000"))
"""RegisterBook cases through SQLite (with the form's cases, at least 10,000 in all)."""

NASTY_TEXTS = [
    "'; DROP TABLE books; --",
    "Robert'); DELETE FROM messages; --",
    '=HYPERLINK("http://evil")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd",  # Hebrew, right to left
    "\u202eevil\u202c",  # bidi override characters
    "e\u0301te\u0301",  # combining accents
    "\U0001f4da Books",
    "\x00null",
    "tab\there",
    "a" * MAX_TEXT_LENGTH,
    "a" * (MAX_TEXT_LENGTH + 1),
    "   ",
    "",
    "%_%",
    "\\",
    "\ud800",
]


def _isbn13(digits: str) -> str:
    return digits + ean.calc_check_digit(digits)


def _isbn10(digits: str) -> str:
    check = sum((10 - position) * int(digit) for position, digit in enumerate(digits)) % 11
    return digits + "0123456789X"[(11 - check) % 11]


valid_isbn13 = st.builds(
    lambda prefix, body: _isbn13(prefix + body),
    st.sampled_from(["978", "979"]),
    st.text("0123456789", min_size=9, max_size=9),
)
valid_isbn10 = st.text("0123456789", min_size=9, max_size=9).map(_isbn10)
written_isbn = st.one_of(
    valid_isbn13,
    valid_isbn10,
    valid_isbn13.map(lambda isbn: f"{isbn[:3]}-{isbn[3]}-{isbn[4:8]}-{isbn[8:12]}-{isbn[12]}"),
    valid_isbn10.map(lambda isbn: f" {isbn[:1]} {isbn[1:5]} {isbn[5:]} "),
    valid_isbn13.map(lambda isbn: isbn[:-1] + str((int(isbn[-1]) + 1) % 10)),  # wrong check
    st.text("0123456789-X ", max_size=20),
    st.text(max_size=20),
    st.sampled_from(NASTY_TEXTS),
)
plausible_text = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=60)
written_text = st.one_of(
    plausible_text,
    plausible_text.map(lambda text: f"  {text}\u00a0"),  # spaces around it are trimmed
    st.text(max_size=40),
    st.text(min_size=MAX_TEXT_LENGTH - 2, max_size=MAX_TEXT_LENGTH + 2),
    st.sampled_from(NASTY_TEXTS),
    st.builds(lambda a, b: a + b, st.sampled_from(NASTY_TEXTS), st.text(max_size=5)),
)


class CatalogueRunner:
    """One SQLite catalogue, open on its own event loop for the whole module (hypothesis
    runs the test body synchronously, thousands of times)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.runner = asyncio.Runner()
        self.stack = AsyncExitStack()
        self.catalogue: Catalogue = self.runner.run(self._open())
        self.registered: dict[str, RegisterBook] = {}
        self.without_isbn: list[RegisterBook] = []

    async def _open(self) -> Catalogue:
        return await self.stack.enter_async_context(open_catalogue(self.path))

    def close(self) -> None:
        """Close the catalogue and the loop."""
        self.runner.run(self.stack.aclose())
        self.runner.close()


@pytest.fixture(scope="module")
def shared_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CatalogueRunner]:
    """The module's catalogue, filled by the property test."""
    runner = CatalogueRunner(tmp_path_factory.mktemp("properties") / "library.sqlite3")
    yield runner
    runner.close()


def _build(title: str, author: str, isbn: str) -> RegisterBook | ValidationError:
    try:
        return RegisterBook(title=title, author=author, isbn=isbn)
    except ValidationError as error:
        return error


async def _register_and_read_back(shared: CatalogueRunner, command: RegisterBook) -> None:
    catalogue = shared.catalogue
    result = await catalogue.execute(command)
    if isinstance(result, Err):
        # Only a number registered before (perhaps in its other ISBN form) may be refused.
        assert result.error is BookRepositoryError.integrity_error
        assert command.isbn in shared.registered
        return
    if not command.isbn:
        # A book without an ISBN: many may exist, so it is read back by its title instead.
        page = await catalogue.views.list_books(BookQuery(search=command.title, limit=1000))
        assert (command.id, command.title, command.author, "") in [
            (row.id, row.title, row.author, row.isbn) for row in page
        ]
        shared.without_isbn.append(command)
        return
    shared.registered[command.isbn] = command
    stored = await catalogue.views.book_by_isbn(command.isbn)
    assert stored is not None
    assert (stored.id, stored.title, stored.author, stored.isbn) == (
        command.id,
        command.title,
        command.author,
        command.isbn,
    )
    page = await catalogue.views.list_books(BookQuery(search=command.isbn, limit=5))
    assert [(row.id, row.title, row.author) for row in page] == [
        (command.id, command.title, command.author)
    ]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(title=written_text, author=written_text, isbn=written_isbn)
def test_any_typed_book_is_registered_exactly_or_refused_naming_its_field(
    shared_catalogue: CatalogueRunner, title: str, author: str, isbn: str
) -> None:
    """Whatever is typed, the command is either refused with the field named, or the book
    comes back from SQLite (by ISBN and in the list) exactly as the command holds it."""
    built = _build(title, author, isbn)
    if isinstance(built, ValidationError):
        first = built.errors()[0]
        assert first["loc"], first
        assert first["loc"][0] in {"title", "author", "isbn"}, first
        assert first["msg"]
        return
    assert built.title == title.strip()
    assert built.author == author.strip()
    shared_catalogue.runner.run(_register_and_read_back(shared_catalogue, built))


def test_the_catalogue_is_sound_after_the_property_run(shared_catalogue: CatalogueRunner) -> None:
    """After every case above, the file passes SQLite's integrity check, counts right, and a
    good share of the cases were accepted (so the round trip was really exercised)."""
    count = shared_catalogue.runner.run(shared_catalogue.catalogue.views.count_books())
    assert count == len(shared_catalogue.registered) + len(shared_catalogue.without_isbn)
    assert count >= EXAMPLES // 20, "too few accepted cases to test the round trip"
    assert integrity_check(shared_catalogue.path) == "ok"
