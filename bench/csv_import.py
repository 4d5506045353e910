"""CSV import through the bus against raw sqlite3 executemany of the same rows, and the
longest repaint gap of the window during an import.

1. Import a generated CSV file (parse, validate, one ``RegisterBook`` per row through the bus,
   batches of 2,000 per transaction, pipelined) into a fresh SQLite catalogue; side by side in
   the same round, raw ``sqlite3`` executemany of the same book rows into (a) a table of the same
   columns and unique indexes without triggers, (b) the migrated catalogue schema (FTS5
   trigram and counter triggers), and (c) the import's own multi-row statements (books, copy #1
   rows, two messages a book, 2,000 books a transaction) into that schema: the database's
   share of the import without the bus (executemany is slow on FTS5, which flushes its index
   after every statement). Target: at least 20,000 books/s.
2. ``--gui``: the same import in the window (offscreen); a 10 ms timer asks the list to
   repaint and paint events are timed; the longest gap between two paints is reported.

    python -m bench.csv_import [--rows 100000] [--rounds 5] [--gui]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import itertools
import sqlite3
import tempfile
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from uuid_utils.compat import uuid7

from bench._report import median, report
from bench.persistence import isbn13
from core.adapters.engine import SQLITE_PRAGMAS
from core.adapters.rows import BOOK_COLUMNS, COPY_COLUMNS, MESSAGE_COLUMNS, book_values
from core.adapters.sqlite_writer import CACHE_KIB
from core.adapters.writes import insert_statements
from core.bootstrap import open_catalogue
from core.domain.model import Book
from core.transfer.catalogue_files import open_import
from core.transfer.importer import BATCH_SIZE
from core.tuning import ImportTuning

_COLUMNS = "id, title, author, isbn, registered_at, title_key, author_key, search_text"
_PLAIN = (
    "CREATE TABLE books (seq INTEGER PRIMARY KEY, id CHAR(32) NOT NULL UNIQUE, title VARCHAR,"
    " author VARCHAR, isbn VARCHAR NOT NULL UNIQUE, registered_at DATETIME, title_key VARCHAR,"
    " author_key VARCHAR, search_text VARCHAR)"
)


def write_csv(path: Path, rows: int) -> Path:
    """A CSV file of ``rows`` distinct valid books, with a spreadsheet-style header."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Title", "Authors", "ISBN-13"])
        writer.writerows((f"Title {i}", f"Author {i % 5000}", isbn13(i)) for i in range(rows))
    return path


def raw_rows(rows: int) -> list[tuple[Any, ...]]:
    """The same books as stored rows, prepared before timing; ids are UUIDv7, as the
    application makes them (random UUIDv4 ids land all over every index that ends in ``id``:
    each transaction then rewrites most of their pages, and the baselines measured that)."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    out = []
    for i in range(rows):
        book = Book.model_construct(
            id=uuid7(), title=f"Title {i}", author=f"Author {i % 5000}", isbn=isbn13(i)
        )
        v = book_values(book)
        out.append((v["id"].hex, v["title"], v["author"], v["isbn"], now, *_keys(v)))
    return out


def _keys(v: dict[str, Any]) -> tuple[Any, ...]:
    return v["title_key"], v["author_key"], v["search_text"]


def raw_insert(path: Path, rows: list[tuple[Any, ...]], create: str | None) -> float:
    """Seconds for one executemany of ``rows`` in one transaction (WAL, synchronous=NORMAL)."""
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=NORMAL")
        if create:
            raw.execute(create)
        start = time.perf_counter()
        with raw:
            marks = ", ".join("?" * 8)
            raw.executemany(f"INSERT INTO books ({_COLUMNS}) VALUES ({marks})", rows)
        return time.perf_counter() - start


def raw_multirow_insert(path: Path, rows: list[tuple[Any, ...]]) -> float:
    """Seconds to insert ``rows`` as the import's writer does: the same multi-row statements
    (``core.adapters.writes``), 2,000 books a transaction, with their copy #1 rows and two
    message rows a book — the database's share of the import, without the bus."""
    when = rows[0][4] if rows else ""
    with closing(sqlite3.connect(path, isolation_level=None)) as raw:
        for pragma in (*SQLITE_PRAGMAS, f"PRAGMA cache_size=-{CACHE_KIB}"):
            raw.execute(pragma)
        start = time.perf_counter()
        for first in range(0, len(rows), BATCH_SIZE):
            books = [[*row, 1, 1] for row in rows[first : first + BATCH_SIZE]]
            copies = [(uuid7().hex, book[0], 1, when) for book in books]
            tx = uuid7().hex
            messages = [_message(book, when, tx) for book in books for _ in range(2)]
            raw.execute("BEGIN IMMEDIATE")
            for table, columns, values in (
                ("books", BOOK_COLUMNS, books),
                ("copies", COPY_COLUMNS, copies),
                ("messages", MESSAGE_COLUMNS, messages),
            ):
                for statement, parameters in insert_statements("sqlite", table, columns, values):
                    raw.execute(statement, parameters)
            raw.execute("COMMIT")
        return time.perf_counter() - start


def _message(book: list[Any], when: str, tx: str) -> tuple[Any, ...]:
    payload = f'{{"id":"{book[0]}","title":"{book[1]}","author":"{book[2]}","isbn":"{book[3]}"}}'
    return uuid7().hex, when, "book_registered_v1", "{}", payload, tx, "bench@localhost"


async def migrated(path: Path) -> Path:
    """An empty catalogue at ``path``, created by the migrations."""
    async with open_catalogue(path):
        return path


async def import_through_the_bus(database: Path | str, source: Path) -> float:
    """Seconds to import ``source`` into a fresh catalogue at ``database`` (a file or URL)."""
    async with open_catalogue(database) as catalogue:
        job = open_import(catalogue, source, tuning=ImportTuning())
        start = time.perf_counter()
        result = await job.run()
        elapsed = time.perf_counter() - start
    assert result.complete, result.summary()
    return elapsed


def one_round(folder: Path, source: Path, rows: list[tuple[Any, ...]], n: int) -> dict[str, float]:
    """Books/s through the bus and rows/s of both raw baselines, measured together."""
    bus = asyncio.run(import_through_the_bus(folder / f"bus{n}.sqlite3", source))
    plain = raw_insert(folder / f"plain{n}.sqlite3", rows, _PLAIN)
    schema = raw_insert(asyncio.run(migrated(folder / f"schema{n}.sqlite3")), rows, None)
    writer = raw_multirow_insert(asyncio.run(migrated(folder / f"writer{n}.sqlite3")), rows)
    count = len(rows)
    return {
        "bus": count / bus,
        "plain": count / plain,
        "schema": count / schema,
        "writer": count / writer,
    }


def repaint_gap(source: Path, folder: Path) -> dict[str, float]:
    """The longest gap between two paints of the list while the window imports ``source``."""
    import qasync
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from gui.bridge import CatalogueBridge
    from gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["bench"])
    app.setQuitOnLastWindowClosed(False)
    paints: list[float] = []

    class PaintProbe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                paints.append(time.perf_counter())
            return False

    async def run() -> float:
        async with open_catalogue(folder / "gui.sqlite3") as catalogue:
            bridge = CatalogueBridge(catalogue)
            window = MainWindow(bridge)
            window.show()
            viewport = window.table.viewport()
            probe = PaintProbe()
            viewport.installEventFilter(probe)
            ticker = QTimer(interval=10, timeout=viewport.update)
            done = asyncio.get_running_loop().create_future()
            start = time.perf_counter()
            ticker.start()
            job = window.csv.import_csv(source)
            job.finished.connect(lambda _report: done.set_result(None))
            await done
            elapsed = time.perf_counter() - start
            ticker.stop()
            await bridge.aclose()
            window.close()
            return elapsed

    elapsed = asyncio.run(run(), loop_factory=qasync.QEventLoop)
    del app
    gaps = [b - a for a, b in itertools.pairwise(paints)]
    return {
        "gui_import_s": round(elapsed, 2),
        "gui_paints": len(paints),
        "gui_longest_repaint_gap_ms": round(max(gaps) * 1e3, 1),
        "gui_median_repaint_gap_ms": round(median(gaps) * 1e3, 1),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the rounds (and the window probe) and print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--gui", action="store_true", help="also measure repaint gaps")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = write_csv(folder / "books.csv", args.rows)
        rows = raw_rows(args.rows)
        rounds = [one_round(folder, source, rows, n) for n in range(args.rounds)]
        figures: dict[str, Any] = {
            "rows": args.rows,
            "rounds": args.rounds,
            "bus_books_per_s": round(median([r["bus"] for r in rounds])),
            "raw_plain_rows_per_s": round(median([r["plain"] for r in rounds])),
            "raw_schema_rows_per_s": round(median([r["schema"] for r in rounds])),
            "bus_vs_raw_plain": round(median([r["bus"] / r["plain"] for r in rounds]), 3),
            "bus_vs_raw_schema": round(median([r["bus"] / r["schema"] for r in rounds]), 3),
            "raw_writer_rows_per_s": round(median([r["writer"] for r in rounds])),
            "bus_vs_raw_writer": round(median([r["bus"] / r["writer"] for r in rounds]), 3),
        }
        if args.gui:
            figures.update(repaint_gap(source, folder))
    report("csv_import", [(name, str(value)) for name, value in figures.items()], figures)
    return figures


if __name__ == "__main__":
    main()
