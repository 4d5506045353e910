"""CSV import and export against an open catalogue (the window and the command line)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from core.adapters.bulk import BulkRegistration, stream_books
from core.adapters.catalogue import Catalogue
from core.service.repositories import BookQuery

from .csv_format import CsvBooks
from .exporter import write_books_csv
from .importer import BATCH_SIZE, CsvImport, ImportProgress


def open_import(
    catalogue: Catalogue,
    path: Path,
    on_progress: Callable[[ImportProgress], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> CsvImport:
    """An import of the CSV file at ``path`` into ``catalogue``, ready to ``run()``.

    Raises ``CsvFormatError`` if the file cannot be read or is not text.
    """
    books = CsvBooks.open(path)
    return CsvImport(books, partial(BulkRegistration, catalogue), on_progress, batch_size)


async def export_csv(catalogue: Catalogue, path: Path, query: BookQuery | None = None) -> int:
    """Write the books matching ``query`` (all by default) to ``path``; how many."""
    return await write_books_csv(path, stream_books(catalogue.engine, query or BookQuery()))
