"""Exporting books to a CSV file: title, author, hyphenated ISBN, registration time, tags,
how many copies (an import of the file gives each book as many)."""

from __future__ import annotations

from collections.abc import AsyncIterable
from datetime import datetime
from pathlib import Path

from core.domain.isbn import hyphenated_isbn
from core.service.views import BookSummary

from .csv_format import atomic_text_file, csv_writer

EXPORT_HEADER = ("title", "author", "isbn", "registered_at", "tags", "copies")


def registered_text(when: datetime | None) -> str:
    """ISO 8601 (UTC, with its offset), or empty when unknown."""
    return when.isoformat() if when is not None else ""


async def write_books_csv(path: Path, books: AsyncIterable[BookSummary]) -> int:
    """Write ``books`` to ``path`` atomically (a failure leaves ``path`` as it was); how many.

    Cells a spreadsheet would evaluate as formulas are neutralised.
    """
    count = 0
    with atomic_text_file(path) as stream:
        write_row = csv_writer(stream)
        write_row(EXPORT_HEADER)
        async for book in books:
            write_row(
                (
                    book.title,
                    book.author,
                    hyphenated_isbn(book.isbn),
                    registered_text(book.registered_at),
                    ", ".join(book.tags),
                    str(book.copies),
                )
            )
            count += 1
    return count
