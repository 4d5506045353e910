"""CSV import and export against an open catalogue (the window and the command line)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from core.service.catalogue import Catalogue
from core.service.views import BookQuery

from .batching import ProcessTuning
from .csv_format import CsvBooks
from .exporter import write_books_csv
from .importer import BATCH_SIZE, CsvImport, ImportProgress
from .reviews import member_reviews


def open_import(
    catalogue: Catalogue,
    path: Path,
    on_progress: Callable[[ImportProgress], None] | None = None,
    batch_size: int = BATCH_SIZE,
    tuning: ProcessTuning | None = None,
    on_wait: Callable[[], None] | None = None,
    *,
    dry_run: bool = False,
    member: str = "",
) -> CsvImport:
    """An import of the CSV file at ``path`` into ``catalogue``, ready to ``run()``.

    Raises ``CsvFormatError`` if the file cannot be read or is not text. ``tuning`` is the
    program's process tuning for imports (``core.tuning.ImportTuning``), if it wants one;
    ``on_wait`` is told each time a batch waits for another program's write lock;
    ``dry_run`` checks the file and counts what would be imported, writing nothing;
    ``member`` is the nickname whose ratings and reviews the file holds (none: left out).
    """
    books = CsvBooks.open(path)
    return CsvImport(
        books,
        partial(catalogue.batches, on_wait),
        on_progress,
        batch_size,
        tuning,
        views=catalogue.views,
        dry_run=dry_run,
        member=member,
        find_member=partial(member_reviews, catalogue),
    )


def describe_file(path: Path) -> str:
    """The format and encoding ``path`` is read as ("Goodreads, UTF-8"), from its header;
    raises ``CsvFormatError`` if it cannot be used."""
    books = CsvBooks.open(path)
    try:
        next(books.rows(), None)
        return f"{books.format}, {books.encoding}"
    finally:
        books.close()


async def export_csv(catalogue: Catalogue, path: Path, query: BookQuery | None = None) -> int:
    """Write the books matching ``query`` (all by default) to ``path``; how many."""
    return await write_books_csv(path, catalogue.views.stream_books(query or BookQuery()))
