"""Imports into a file another program writes to (issue 20, items 2 and 7): both finish, and
the history agrees with the books.

Another program holding the write lock past the busy timeout no longer stops an import: the
batch refused as busy wrote nothing and is tried again, the import saying that it waits.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from core.cli.books import WAITING_MESSAGE
from tests.reliability.conftest import create_catalogue, read_rows, start_child
from tests.reliability.test_startup_faults import locked_by_another_program
from tests.transfer.conftest import books_csv

BOOKS = 12_000
OVERLAP = 4_000


def start_import(source: Path, database: Path) -> subprocess.Popen[str]:
    """``reading-club import SOURCE --database DATABASE`` in a child process."""
    return start_child("-m", "core.cli", "import", str(source), "--database", str(database))


def history_counts(database: Path) -> dict[str, int]:
    """How many commands and events of each type the message store holds."""
    rows = read_rows(database, "SELECT type, count(*) FROM messages GROUP BY type")
    return {str(kind): int(str(count)) for kind, count in rows}


def test_two_imports_into_one_file_at_once_both_finish(tmp_path: Path) -> None:
    """Two ``reading-club import`` of overlapping files started together into one catalogue:
    both read their file to the end (exit 0 or 1, never "busy"), every ISBN is there once,
    and each book has exactly one ``register_book_v1`` and one ``book_registered_v1``: the
    rows skipped as duplicates left no message (item 7)."""
    database = tmp_path / "library.sqlite3"
    create_catalogue(database)
    first = books_csv(tmp_path / "first.csv", BOOKS)
    second = books_csv(tmp_path / "second.csv", BOOKS, start=BOOKS - OVERLAP)
    children = [start_import(first, database), start_import(second, database)]
    outcomes = [child.communicate(timeout=600) for child in children]

    for child, (_out, err) in zip(children, outcomes, strict=True):
        assert child.returncode in (0, 1), err
        assert "busy" not in err.replace(WAITING_MESSAGE, ""), err
        assert "stopped" not in err, err
    summaries = [re.search(r"^([\d,]+) imported, ", err, re.MULTILINE) for _, err in outcomes]
    imported = sum(int(found.group(1).replace(",", "")) for found in summaries if found)
    total = 2 * BOOKS - OVERLAP
    assert imported == total
    assert read_rows(database, "SELECT count(*), count(DISTINCT isbn) FROM books") == [
        (total, total)
    ]
    assert history_counts(database) == {"register_book_v1": total, "book_registered_v1": total}


def test_an_import_waits_for_another_program_holding_the_lock(tmp_path: Path) -> None:
    """Another program keeps the write lock past the busy timeout: the import says it waits
    (instead of stopping with "the catalogue is busy"), and finishes once the lock is let
    go, every book imported."""
    database = tmp_path / "library.sqlite3"
    create_catalogue(database)
    source = books_csv(tmp_path / "books.csv", 3000)
    with locked_by_another_program(database, "IMMEDIATE"):
        child = start_import(source, database)
        assert child.stderr is not None
        first_line = child.stderr.readline()
        assert first_line == WAITING_MESSAGE + "\n", first_line + child.communicate()[1]
    _out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert "3,000 imported, 0 skipped" in err
    assert read_rows(database, "SELECT count(*) FROM books") == [(3000,)]
