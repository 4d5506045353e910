"""Book details through the bus on every back-end (the in-memory fake, SQLite, PostgreSQL):
set, read by the views, recorded with their source, undone, refused when stale."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from lastuuid.dummies import uuidgen
from pydantic import ValidationError

from core.bootstrap import open_catalogue
from core.bus import Message
from core.domain.book_details import UNDO, DetailsState
from core.domain.messages import (
    BookDetailsChanged,
    DeleteBook,
    RegisterBook,
    RestoreBook,
    SetBookDetails,
)
from core.domain.result import Err, Ok
from core.service.book_details import BookDetailsView, BookToFill
from core.service.book_info import OPEN_LIBRARY
from core.service.catalogue import Catalogue
from core.service.repositories import BookRepositoryError
from core.service.undo import undo_commands
from core.service.views import HistoryFilter
from tests.adapters.conftest import BACKENDS
from tests.fakes.catalogue import fake_catalogue
from tests.support.postgres import empty_pg_catalogue

DUNE = RegisterBook(id=uuidgen(1), title="Dune", author="Frank Herbert", isbn="9780441013593")
HOBBIT = RegisterBook(
    id=uuidgen(2), title="The Hobbit", author="J. R. R. Tolkien", isbn="9780261102217"
)
FOUND = SetBookDetails(
    book_id=DUNE.id,
    subtitle="Deluxe Edition",
    publisher="Ace",
    year=2005,
    pages=896,
    cover_id=12345,
    source=OPEN_LIBRARY,
)


def found(**changes: Any) -> SetBookDetails:
    """A new command (its own message id) like FOUND, with ``changes``."""
    fields = FOUND.model_dump(exclude={"message_id", "created_at", "metadata"})
    return SetBookDetails(**(fields | changes))


@pytest.fixture(params=BACKENDS)
async def catalogue(
    request: pytest.FixtureRequest, tmp_path: Path, pg_database: str
) -> AsyncIterator[Catalogue]:
    """A catalogue holding Dune and The Hobbit, without details, on one back-end."""
    if request.param == "memory":
        fake = fake_catalogue()[0]
        await fake.execute_many([DUNE, HOBBIT])
        yield fake
        return
    url = str(tmp_path / "library.sqlite3") if request.param == "sqlite" else pg_database
    async with open_catalogue(url) as opened:
        if request.param == "postgresql":
            await empty_pg_catalogue(pg_database)
        await opened.execute_many([DUNE, HOBBIT])
        yield opened


async def _undo(catalogue: Catalogue, events: list[Message[Any]]) -> list[Any]:
    return list((await catalogue.run_many(undo_commands(events))).result)


async def test_details_set_are_read_back_with_their_source(catalogue: Catalogue) -> None:
    """SetBookDetails keeps every field and the source; the book page reads them."""
    assert await catalogue.execute(FOUND) == Ok(...)
    assert await catalogue.views.book_details(DUNE.id) == BookDetailsView(
        DUNE.id, "Deluxe Edition", "Ace", 2005, 896, 12345, OPEN_LIBRARY
    )
    assert await catalogue.views.book_details(HOBBIT.id) is None


async def test_the_event_records_the_source_and_the_former_details(
    catalogue: Catalogue,
) -> None:
    """BookDetailsChanged says where the details came from and what they were."""
    await catalogue.execute(FOUND)
    typed = SetBookDetails(book_id=DUNE.id, publisher="Chilton", year=1965)
    outcome = await catalogue.run(typed)
    (event,) = outcome.events
    assert isinstance(event, BookDetailsChanged)
    assert (event.source, event.publisher, event.year, event.subtitle) == (
        "you",
        "Chilton",
        1965,
        "",
    )
    assert event.before == FOUND.state


async def test_the_change_shows_in_the_books_history(catalogue: Catalogue) -> None:
    """The book's history holds the command and the event, with the source."""
    await catalogue.execute(FOUND)
    entries = await catalogue.views.history(filter=HistoryFilter(about=DUNE.id))
    types = [entry.type for entry in entries]
    assert types[:2] == ["book_details_changed_v1", "set_book_details_v1"]
    assert entries[0].payload["source"] == OPEN_LIBRARY


async def test_setting_the_same_details_again_changes_nothing(catalogue: Catalogue) -> None:
    """Details equal to the stored ones: Ok, and no event."""
    await catalogue.execute(FOUND)
    again = await catalogue.run(found(source="you"))
    assert (again.result, again.events) == (Ok(...), [])


async def test_a_change_is_undone_and_redone(catalogue: Catalogue) -> None:
    """Undo brings the former details back (none at first); undoing the undo sets them."""
    outcome = await catalogue.run(FOUND)
    undone = await catalogue.run_many(undo_commands(outcome.events))
    assert undone.result == [Ok(...)]
    assert await catalogue.views.book_details(DUNE.id) is None
    (undo_event,) = undone.events
    assert isinstance(undo_event, BookDetailsChanged)
    assert undo_event.source == UNDO
    assert await _undo(catalogue, undone.events) == [Ok(...)]
    assert (await catalogue.views.book_details(DUNE.id)) is not None


async def test_undo_of_details_changed_since_is_refused(catalogue: Catalogue) -> None:
    """Someone changed the details after the fill: its undo is Err(stale), theirs stay."""
    outcome = await catalogue.run(FOUND)
    await catalogue.execute(SetBookDetails(book_id=DUNE.id, publisher="Chilton"))
    assert await _undo(catalogue, outcome.events) == [Err(BookRepositoryError.stale)]
    shown = await catalogue.views.book_details(DUNE.id)
    assert shown is not None
    assert shown.publisher == "Chilton"


async def test_details_of_an_unknown_book_are_not_found(catalogue: Catalogue) -> None:
    """No book, no details: Err(not_found), nothing written."""
    result = await catalogue.execute(found(book_id=uuidgen(99)))
    assert result == Err(BookRepositoryError.not_found)
    assert await catalogue.views.book_details(uuidgen(99)) is None


async def test_a_fill_never_overwrites_details_set_meanwhile(catalogue: Catalogue) -> None:
    """With if_unchanged (no details), a book that got details meanwhile is refused."""
    await catalogue.execute(SetBookDetails(book_id=DUNE.id, pages=412))
    fill = found(if_unchanged=DetailsState())
    assert await catalogue.execute(fill) == Err(BookRepositoryError.stale)


async def test_books_without_details_are_listed_in_registration_order(
    catalogue: Catalogue,
) -> None:
    """All books, or only those asked about, that have no details yet."""
    assert [b.id for b in await catalogue.views.books_without_details()] == [DUNE.id, HOBBIT.id]
    await catalogue.execute(FOUND)
    assert await catalogue.views.books_without_details() == [
        BookToFill(HOBBIT.id, HOBBIT.isbn, "The Hobbit")
    ]
    assert await catalogue.views.books_without_details([DUNE.id]) == []


async def test_a_book_without_an_isbn_is_not_offered_for_a_look_up(
    catalogue: Catalogue,
) -> None:
    """Nothing to look it up by: it is never listed as missing details."""
    await catalogue.execute(RegisterBook(title="Notebook", author="Me", isbn=""))
    listed = await catalogue.views.books_without_details()
    assert [book.title for book in listed] == ["Dune", "The Hobbit"]


async def test_a_deleted_book_comes_back_with_its_details(catalogue: Catalogue) -> None:
    """Deleting then restoring a book (an undo) finds its details again."""
    await catalogue.execute(FOUND)
    deleted = await catalogue.run(DeleteBook(id=DUNE.id))
    assert await catalogue.views.books_without_details() == [
        BookToFill(HOBBIT.id, HOBBIT.isbn, "The Hobbit")
    ]
    (undo,) = undo_commands(deleted.events)
    assert isinstance(undo, RestoreBook)
    assert await catalogue.execute(undo) == Ok(...)
    assert await catalogue.views.book_details(DUNE.id) is not None


async def test_a_refused_details_change_in_a_batch_undoes_only_itself(
    catalogue: Catalogue,
) -> None:
    """In one transaction, a stale fill is undone alone; the other book's details stay."""
    hobbit = found(book_id=HOBBIT.id, if_unchanged=DetailsState())
    stale = found(if_unchanged=DetailsState(pages=1))
    results = await catalogue.execute_many([hobbit, stale])
    assert results == [Ok(...), Err(BookRepositoryError.stale)]
    assert await catalogue.views.book_details(HOBBIT.id) is not None
    assert await catalogue.views.book_details(DUNE.id) is None


@pytest.mark.parametrize(
    ("field", "value"),
    [("year", 99), ("pages", 0), ("cover_id", -1), ("subtitle", "a\x00b"), ("source", " ")],
)
def test_impossible_details_are_refused_when_the_command_is_built(
    field: str, value: object
) -> None:
    """A year before 1000, no pages, a cover id below 1, a control character, no source."""
    with pytest.raises(ValidationError) as caught:
        SetBookDetails(book_id=DUNE.id, **{field: value})
    assert caught.value.errors()[0]["loc"] == (field,)
