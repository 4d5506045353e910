"""The importing member's review of a new book rides in the book's ``ImportBook``: one
stored command a row instead of two, and in its one event, ``BookImported``."""

from __future__ import annotations

from pathlib import Path

from core.bus.ids import uuid7
from core.domain.messages import ImportBook, ImportedReview
from core.domain.result import Err
from core.service.catalogue import Catalogue
from core.service.views import BookQuery
from core.transfer.catalogue_files import open_import
from tests.transfer.test_cli_goodreads import HEADER, ROWS


def _export(tmp_path: Path) -> Path:
    path = tmp_path / "goodreads_library_export.csv"
    path.write_text("\n".join((HEADER, *ROWS)) + "\n", encoding="utf-8")
    return path


async def test_a_new_books_review_is_stored_in_its_import_command(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """Three rated rows: three ``import_book`` commands holding the reviews, no
    ``review_book``; three ``book_imported`` events holding them, no ``book_reviewed``; the
    member's reviews and the books' ratings are what the file says (rate x 2)."""
    report = await open_import(catalogue, _export(tmp_path), member="alice").run()
    assert (report.imported, report.reviews, report.failed) == (3, 3, [])
    history = await catalogue.views.history(limit=100)
    types = [entry.type for entry in history]
    assert types.count("import_book_v1") == 3
    assert types.count("book_imported_v1") == 3
    assert "review_book_v1" not in types
    assert "book_reviewed_v1" not in types
    assert "book_registered_v1" not in types
    carried = {
        entry.payload["title"]: (
            entry.payload["review"]["rate"],
            entry.payload["review"]["comment"],
        )
        for entry in history
        if entry.type == "import_book_v1"
    }
    raised = {
        entry.payload["title"]: entry.payload["review"]["rate"]
        for entry in history
        if entry.type == "book_imported_v1"
    }
    assert raised == {"1984": 10, "The Wandering Inn": 6, "Dune": 8}
    assert carried == {
        "1984": (10, "Chilling.\nToo close."),
        "The Wandering Inn": (6, "Long & good."),
        "Dune": (8, ""),
    }
    [alice] = await catalogue.views.members()
    reviews = await catalogue.views.reviews(member_id=alice.id)
    assert sorted(review.rate for review in reviews) == [6, 8, 10]
    listed = await catalogue.views.list_books(BookQuery(limit=10))
    assert sorted(book.rating for book in listed if book.rating is not None) == [6, 8, 10]


async def test_an_imported_book_whose_member_left_is_refused_whole(catalogue: Catalogue) -> None:
    """The member the review is by is no longer in the club: the command is refused with a
    message naming the member's id, and the book is not added without its review."""
    member_id = uuid7()
    command = ImportBook(
        title="Dune",
        author="Frank Herbert",
        isbn="9780441013593",
        source="Goodreads",
        source_id="44767458",
        review=ImportedReview(member_id=member_id, rate=8),
    )
    result = await catalogue.execute(command)
    assert isinstance(result, Err)
    assert str(member_id) in str(result.error)
    assert await catalogue.views.list_books(BookQuery(limit=10)) == []
