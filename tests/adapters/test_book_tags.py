"""Tags (the BookTags aggregate) through the catalogue on the fake, SQLite and PostgreSQL: set,
listed, searched with ``tag:NAME``, undone, and written with the books of one batch."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from core.bootstrap import open_catalogue
from core.domain.messages import (
    BookImported,
    BookTagsChanged,
    DeleteBook,
    ImportBook,
    RegisterBook,
    RegisterMember,
    ReviewBook,
    SetBookTags,
)
from core.domain.result import Err, Ok
from core.service.catalogue import Catalogue
from core.service.import_matches import ImportLookup, StoredBook
from core.service.repositories import BookRepositoryError
from core.service.undo import undo_commands
from core.service.views import BookQuery
from tests.fakes.catalogue import fake_catalogue
from tests.support.postgres import empty_pg_catalogue

DUNE = RegisterBook(title="Dune", author="Frank Herbert", isbn="9780441013593")
BEOWULF = RegisterBook(title="Beowulf", author="Anonymous", isbn="")


@pytest.fixture
async def catalogue(backend: str, sqlite_path: Path, pg_database: str) -> AsyncIterator[Catalogue]:
    """An empty catalogue on the back-end under test."""
    if backend == "memory":
        yield fake_catalogue()[0]
        return
    url = str(sqlite_path) if backend == "sqlite" else pg_database
    async with open_catalogue(url) as opened:
        if backend == "postgresql":
            await empty_pg_catalogue(pg_database)
        yield opened


async def _tags(catalogue: Catalogue, search: str = "") -> dict[str, tuple[str, ...]]:
    rows = await catalogue.views.list_books(BookQuery(search=search))
    return {row.title: row.tags for row in rows}


async def test_tags_are_listed_distinct_and_sorted(catalogue: Catalogue) -> None:
    """Tags repeated in another case count once; the list shows them sorted as read."""
    await catalogue.execute(DUNE)
    tags = ["to-read", " Science Fiction ", "science fiction", "Épique"]
    result = await catalogue.execute(SetBookTags(book_id=DUNE.id, tags=tags))
    assert result == Ok(...)
    assert await _tags(catalogue) == {"Dune": ("Épique", "Science Fiction", "to-read")}


async def test_tag_name_in_the_search_finds_the_tagged_books(catalogue: Catalogue) -> None:
    """``tag:NAME`` keeps the books with that tag (case and accents ignored), with words."""
    await catalogue.execute_many([DUNE, BEOWULF])
    await catalogue.execute(SetBookTags(book_id=DUNE.id, tags=["Épique", "sf"]))
    await catalogue.execute(SetBookTags(book_id=BEOWULF.id, tags=["epique"]))
    assert set(await _tags(catalogue, "tag:EPIQUE")) == {"Dune", "Beowulf"}
    assert set(await _tags(catalogue, "tag:epique dune")) == {"Dune"}
    assert set(await _tags(catalogue, "tag:sf tag:épique")) == {"Dune"}
    assert await catalogue.views.count_books("tag:sf") == 1
    assert await _tags(catalogue, "tag:nothing") == {}


async def test_a_tag_change_is_undone_and_a_later_change_is_not_overwritten(
    catalogue: Catalogue,
) -> None:
    """Undo puts the former tags back; once changed again, the undo is refused as stale."""
    await catalogue.execute(DUNE)
    await catalogue.execute(SetBookTags(book_id=DUNE.id, tags=["a"]))
    outcome = await catalogue.run(SetBookTags(book_id=DUNE.id, tags=["b"]))
    [event] = outcome.events
    assert isinstance(event, BookTagsChanged)
    assert (event.tags, event.old_tags) == (["b"], ["a"])
    assert (await catalogue.run_many(undo_commands(outcome.events))).result == [Ok(...)]
    assert await _tags(catalogue) == {"Dune": ("a",)}
    later = await catalogue.run(SetBookTags(book_id=DUNE.id, tags=["c"]))
    await catalogue.execute(SetBookTags(book_id=DUNE.id, tags=["d"]))
    stale = await catalogue.run_many(undo_commands(later.events))
    assert stale.result == [Err(BookRepositoryError.stale)]


async def test_the_same_tags_again_change_nothing(catalogue: Catalogue) -> None:
    """Setting the tags a book has raises no event."""
    await catalogue.execute(DUNE)
    await catalogue.execute(SetBookTags(book_id=DUNE.id, tags=["a", "b"]))
    outcome = await catalogue.run(SetBookTags(book_id=DUNE.id, tags=["B", "a"]))
    assert (outcome.result, outcome.events) == (Ok(...), [])


async def test_tagging_an_unknown_book_is_not_found(catalogue: Catalogue) -> None:
    """A book that is not there cannot be tagged."""
    result = await catalogue.execute(SetBookTags(book_id=DUNE.id, tags=["a"]))
    assert result == Err(BookRepositoryError.not_found)


async def test_a_batch_registers_and_tags_its_books_and_a_refused_step_leaves_no_tag(
    catalogue: Catalogue,
) -> None:
    """In one batch: books and their tags are written together; the tags of a refused
    registration's book find no book, and tagging a book twice keeps the last tags."""
    repeat = RegisterBook(title="Dune again", author="F. H.", isbn=DUNE.isbn)
    commands: list[Any] = [
        DUNE,
        SetBookTags(book_id=DUNE.id, tags=["sf"]),
        BEOWULF,
        SetBookTags(book_id=BEOWULF.id, tags=["old"]),
        SetBookTags(book_id=BEOWULF.id, tags=["older", "epic"]),
        repeat,
        SetBookTags(book_id=repeat.id, tags=["lost"]),
    ]
    async with catalogue.batches() as pipeline:
        results = await (await pipeline.submit(commands))
    refused = [Err(BookRepositoryError.integrity_error), Err(BookRepositoryError.not_found)]
    assert results[5:] == refused
    assert await _tags(catalogue) == {"Dune": ("sf",), "Beowulf": ("epic", "older")}


async def test_an_imported_book_comes_with_its_tags_and_source_and_is_undone_whole(
    catalogue: Catalogue,
) -> None:
    """ImportBook registers the book, tags it and links its source id in one step, one
    ``BookImported``; undoing its transaction removes the book, its tags and its link."""
    command = ImportBook(
        title="Dune",
        author="Frank Herbert",
        isbn="",
        tags=["sf"],
        source="Goodreads",
        source_id="234225",
    )
    outcome = await catalogue.run(command)
    assert [type(event) for event in outcome.events] == [BookImported]
    assert await _tags(catalogue) == {"Dune": ("sf",)}
    lookup = ImportLookup(sources={("Goodreads", "234225")})
    found = await catalogue.views.match_imported(lookup)
    assert found.by_source[("Goodreads", "234225")] == StoredBook(command.id, ("sf",))
    assert (await catalogue.run_many(undo_commands(outcome.events))).result == [Ok(...)]
    assert await _tags(catalogue) == {}
    assert (await catalogue.views.match_imported(lookup)).by_source == {}


async def test_undoing_a_delete_brings_the_book_back_with_its_tags(catalogue: Catalogue) -> None:
    """The deletion takes the tags off first; its undo restores the book, then its tags."""
    await catalogue.execute(DUNE)
    await catalogue.execute(SetBookTags(book_id=DUNE.id, tags=["sf", "classic"]))
    deleted = await catalogue.run(DeleteBook(id=DUNE.id))
    assert await _tags(catalogue) == {}
    undone = await catalogue.run_many(undo_commands(deleted.events))
    assert undone.result == [Ok(...), Ok(...)]
    assert await _tags(catalogue) == {"Dune": ("classic", "sf")}


async def test_a_large_batch_writes_its_tags_and_sources_with_its_books(
    catalogue: Catalogue,
) -> None:
    """150 imported books in one batch (PostgreSQL: by COPY): every tag and link is kept."""
    commands = [
        ImportBook(
            title=f"T{n}", author="A", isbn="", tags=["x", f"t{n}"], source="G", source_id=f"{n}"
        )
        for n in range(150)
    ]
    async with catalogue.batches() as pipeline:
        assert await (await pipeline.submit(commands)) == [Ok(...)] * 150
    assert await catalogue.views.count_books("tag:x") == 150
    lookup = ImportLookup(sources={("G", "149")})
    assert (await catalogue.views.match_imported(lookup)).by_source[("G", "149")].tags == (
        "t149",
        "x",
    )


async def test_reviews_of_books_imported_in_the_batch_are_written_with_them(
    catalogue: Catalogue,
) -> None:
    """A batch of 80 imported books each reviewed by one member (PostgreSQL: by COPY): the
    reviews and each book's rating are written with the books."""
    member = RegisterMember(nickname="reader")
    await catalogue.execute(member)
    commands: list[Any] = []
    for n in range(80):
        book = ImportBook(title=f"T{n}", author="A", isbn="", tags=["x"])
        commands += [book, ReviewBook(member_id=member.id, book_id=book.id, rate=n % 11)]
    async with catalogue.batches() as pipeline:
        results = await (await pipeline.submit(commands))
    assert all(result.is_ok() for result in results)
    listed = await catalogue.views.list_books(BookQuery(limit=1000))
    assert {book.title: book.rating for book in listed}["T7"] == 7
    assert len(await catalogue.views.reviews(member_id=member.id)) == 80
