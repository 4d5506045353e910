"""``reading-club import|export|list``: books in and out of the catalogue as CSV or JSON."""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from contextlib import suppress
from pathlib import Path
from typing import TextIO

from core.domain.isbn import hyphenated_isbn
from core.service.catalogue import Catalogue
from core.service.views import BookQuery
from core.transfer.catalogue_files import export_csv, open_import
from core.transfer.csv_format import CsvFormatError
from core.transfer.exporter import registered_text
from core.transfer.importer import ImportProgress, ImportReport
from core.transfer.importer import save_report as write_report
from core.tuning import ImportTuning

from .common import (
    EXIT_OK,
    EXIT_SKIPPED,
    EXIT_STOPPED,
    EXIT_UNUSABLE,
    Commands,
    UsageError,
    add_command,
    database_option,
)

WAITING_MESSAGE = "the catalogue is busy (another program is writing to it); waiting…"
IMPORT_EXIT_CODES = """exit status:
  0  every row imported
  1  the file was read to its end; some rows skipped (already registered) or failed (invalid)
  2  nothing imported: the file or the catalogue cannot be used
  3  stopped part-way (the catalogue failed, the rest of the file could not be read, or
     Ctrl+C): the books of the batches committed before are kept; the summary says where
     it stopped"""


def add_commands(commands: Commands) -> None:
    """``import``, ``export`` and ``list``."""
    imports = add_command(
        commands,
        "import",
        "register the books of a CSV file",
        "Register the books of a CSV file (ours, a spreadsheet, Goodreads, LibraryThing, "
        "StoryGraph or Calibre), creating the catalogue if needed.",
        "reading-club import books.csv",
        "reading-club import goodreads_library_export.csv --report problems.txt",
        "reading-club import books.csv --dry-run",
        notes=IMPORT_EXIT_CODES,
    )
    imports.add_argument("file", type=Path, help="CSV file (UTF-8; comma, semicolon or tab)")
    imports.add_argument("--report", type=Path, help="save the summary and the row problems")
    imports.add_argument(
        "--dry-run", action="store_true", help="check the file and report; write nothing"
    )
    imports.add_argument(
        "--member",
        metavar="NICKNAME",
        default="",
        help="import the file's ratings and reviews as this member (created when missing)",
    )
    imports.set_defaults(handler=_import, needs_catalogue=True)
    exports = add_command(
        commands,
        "export",
        "write the books to a CSV file",
        "Write the books (all, or those matching --search) to a CSV file that spreadsheets "
        "open safely.",
        "reading-club export books.csv",
        'reading-club export tolkien.csv --search "tolkien"',
    )
    exports.add_argument("file", type=Path, help="the CSV file to write (replaced atomically)")
    exports.set_defaults(handler=_export, needs_catalogue=True, catalogue_must_exist=True)
    listing = add_command(
        commands,
        "list",
        "print the catalogue",
        "Print the books: title, author, ISBN and registration time, tab-separated, or one "
        "JSON array with --json.",
        "reading-club list",
        "reading-club list --search dune | head -5",
        "reading-club list --json > books.json",
    )
    listing.add_argument("--json", action="store_true", help="one JSON array, for scripts")
    listing.set_defaults(handler=_list, needs_catalogue=True, catalogue_must_exist=True)
    for sub in (exports, listing):
        sub.add_argument("--search", default="", metavar="TEXT", help="only books matching TEXT")
    for sub in (imports, exports, listing):
        database_option(sub)


async def _import(arguments: argparse.Namespace, catalogue: Catalogue) -> int:
    try:
        return await import_file(
            catalogue,
            arguments.file,
            arguments.report,
            dry_run=arguments.dry_run,
            member=arguments.member,
        )
    except CsvFormatError as error:
        raise UsageError(str(error)) from None


async def _export(arguments: argparse.Namespace, catalogue: Catalogue) -> int:
    return await export_file(catalogue, arguments.file, arguments.search)


async def _list(arguments: argparse.Namespace, catalogue: Catalogue) -> int:
    return await list_books(catalogue, arguments.search, arguments.json, sys.stdout)


class StderrProgress:
    """Progress on stderr: one rewritten line on a terminal, a line per 10% otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self._shown = -1
        self._waiting = False

    def __call__(self, progress: ImportProgress) -> None:
        """Show how far the import is."""
        self._waiting = False
        percent = int(progress.fraction * 100)
        text = f"{percent:3d}%  {progress.rows:,} rows read, {progress.imported:,} imported"
        if self.tty:
            print(f"\r{text}", end="", file=self.stream, flush=True)
        elif percent // 10 > self._shown:
            self._shown = percent // 10
            print(text, file=self.stream, flush=True)

    def waiting(self) -> None:
        """Say that a batch waits for another program writing to the catalogue (once until
        the next batch is committed)."""
        if self._waiting:
            return
        self._waiting = True
        if self.tty:
            print(file=self.stream)
        print(WAITING_MESSAGE, file=self.stream, flush=True)

    def done(self) -> None:
        """End the rewritten line."""
        if self.tty:
            print(file=self.stream)


async def import_file(
    catalogue: Catalogue,
    path: Path,
    report_path: Path | None,
    *,
    dry_run: bool = False,
    member: str = "",
) -> int:
    """Import ``path`` (or only check it: ``dry_run``), ratings and reviews as ``member``;
    the summary and problems on stderr; Ctrl+C stops between batches."""
    progress = StderrProgress(sys.stderr)
    job = open_import(
        catalogue,
        path,
        progress,
        tuning=ImportTuning(),
        on_wait=progress.waiting,
        dry_run=dry_run,
        member=member,
    )
    loop = asyncio.get_running_loop()
    with suppress(NotImplementedError, RuntimeError):  # no signal handlers on this platform
        loop.add_signal_handler(signal.SIGINT, job.cancel)
    try:
        report = await job.run()
    finally:
        with suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(signal.SIGINT)
        progress.done()
    print(report.as_text(), end="", file=sys.stderr)
    if report_path is not None:
        save_report(report, report_path)
    return import_exit_code(report)


def import_exit_code(report: ImportReport) -> int:
    """The exit status of an import (see ``IMPORT_EXIT_CODES``)."""
    if report.error and not report.imported:
        return EXIT_UNUSABLE
    if report.error or report.cancelled:
        return EXIT_STOPPED
    return EXIT_OK if report.complete else EXIT_SKIPPED


def save_report(report: ImportReport, path: Path) -> None:
    """Write the import's summary and problems to ``path`` (atomically); a clear error."""
    try:
        write_report(report, path)
    except OSError as error:
        raise UsageError(f"cannot save the report to {path}: {error.strerror}") from None


async def export_file(catalogue: Catalogue, path: Path, search: str) -> int:
    """Write the books (matching ``search``) to ``path``."""
    try:
        count = await export_csv(catalogue, path, BookQuery(search=search))
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from None
    print(f"exported {count:,} books to {path}", file=sys.stderr)
    return EXIT_OK


async def list_books(catalogue: Catalogue, search: str, as_json: bool, out: TextIO) -> int:
    """Print the books matching ``search``: tab-separated lines, or one JSON array."""
    books = catalogue.views.stream_books(BookQuery(search=search))
    if not as_json:
        async for book in books:
            cells = (book.title, book.author, hyphenated_isbn(book.isbn))
            print("\t".join((*cells, registered_text(book.registered_at))), file=out)
        return EXIT_OK
    out.write("[")
    separator = "\n"
    async for book in books:
        item = {
            "id": str(book.id),
            "title": book.title,
            "author": book.author,
            "isbn": book.isbn,
            "registered_at": registered_text(book.registered_at) or None,
            "tags": list(book.tags),
            "rating": None if book.rating is None else round(book.rating, 1),
            "reviews": book.reviews,
            "copies": book.copies,
            "available": book.available,
        }
        out.write(separator + json.dumps(item, ensure_ascii=False))
        separator = ",\n"
    out.write("\n]\n")
    return EXIT_OK
