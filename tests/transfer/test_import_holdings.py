"""Imports keep copies and loans (club.md, Imports that keep everything): Goodreads' Owned
Copies and LibraryThing's Copies become copies, LibraryThing's Lending Patron an open loan to
that member; importing again adds nothing twice; a dry run counts them and writes nothing. On
SQLite and on PostgreSQL, through the command line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from core import cli
from core.bootstrap import open_catalogue
from core.domain.loan import default_due_on
from core.service.views import BookQuery
from core.transfer.catalogue_files import open_import
from tests.adapters.conftest import SQL_BACKENDS, pg_database, sqlite_path
from tests.fakes.catalogue import fake_catalogue
from tests.support.isbn import isbn13
from tests.support.postgres import empty_pg_catalogue
from tests.transfer.test_cli_goodreads import HEADER as GOODREADS_HEADER

__all__ = ["pg_database", "sqlite_path"]

DATA = Path(__file__).parent / "data"
LIBRARYTHING_HEADER = (DATA / "librarything_export.csv").read_text("utf-8").splitlines()[0]
"""LibraryThing's 54 columns, as its CSV export writes them."""


def export_of(header: str, rows: list[dict[str, str]]) -> str:
    """A file with ``header``'s columns, each row's cells by column name (others empty)."""
    columns = next(csv.reader([header]))
    assert not {name for row in rows for name in row} - set(columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([row.get(name, "") for name in columns] for row in rows)
    return out.getvalue()


def goodreads(*rows: tuple[str, str, str, str, int]) -> str:
    """A 31-column Goodreads export: (book id, title, author, ISBN-13, owned copies) a row."""
    return export_of(
        GOODREADS_HEADER,
        [
            {
                "Book Id": book_id,
                "Title": title,
                "Author": author,
                "ISBN": '=""',
                "ISBN13": f'="{isbn}"',
                "My Rating": "0",
                "Exclusive Shelf": "read",
                "Owned Copies": str(owned),
            }
            for book_id, title, author, isbn, owned in rows
        ],
    )


def librarything(*rows: dict[str, str]) -> str:
    """A 54-column LibraryThing CSV export of these rows (cells by column name)."""
    return export_of(LIBRARYTHING_HEADER, list(rows))


def lt_row(
    book_id: str, title: str, author: str, isbn: str, copies: int, **lending: str
) -> dict[str, str]:
    """A LibraryThing row; ``lending``: patron, status, start, end (bracketed dates)."""
    return {
        "Book Id": book_id,
        "Title": title,
        "Primary Author": author,
        "ISBN": f"[{isbn}]",
        "Copies": str(copies),
        "Lending Patron": lending.get("patron", ""),
        "Lending Status": lending.get("status", "Lent" if lending.get("patron") else ""),
        "Lending Start": lending.get("start", ""),
        "Lending End": lending.get("end", ""),
    }


GOODREADS = goodreads(
    ("5470", "1984", "George Orwell", "9780451524935", 3),
    ("44767458", "Dune", "Frank Herbert", "9780441013593", 0),
    ("24850469", "The Wandering Inn", "pirateaba", "", 2),
)
MARELLE = lt_row(
    "5498194", "Marelle", "Cortázar, Julio", "2070291340", 2,
    patron="Alice Martin", start="[2024-11-02]", end="[2024-11-23]",
)  # fmt: skip
PRINCE = lt_row(
    "5015399", "Le Petit Prince", "Saint-Exupéry, Antoine de", "2070612759", 1,
    patron="Bob", start="[2025-01-10]",
)  # fmt: skip
CARNETS = lt_row(
    "6012345", "Carnets", "Camus, Albert", "9782070364831", 1,
    patron="alice martin", start="[2025-02-01]", end="[2025-02-15]",
)  # fmt: skip
HORLA = lt_row(
    "6099999", "Le Horla", "Maupassant, Guy de", "9782070360437", 1,
    patron="Carol", status="Returned", start="[2023-03-01]", end="[2023-03-22]",
)  # fmt: skip


def run(*args: str | Path) -> int:
    """Run the command line in this process; its exit code."""
    return cli.main([str(arg) for arg in args])


@pytest.fixture(params=SQL_BACKENDS)
async def database(
    request: pytest.FixtureRequest, sqlite_path: Path, pg_database: str
) -> AsyncIterator[str]:
    """An empty catalogue's address: a SQLite file, or the PostgreSQL test database."""
    if request.param == "postgresql":
        async with open_catalogue(pg_database):  # migrated, then emptied
            await empty_pg_catalogue(pg_database)
        yield pg_database
        await empty_pg_catalogue(pg_database)
        return
    yield str(sqlite_path)


def write(tmp_path: Path, name: str, text: str) -> Path:
    """The file ``name`` holding ``text`` (UTF-8)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def imported(capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    """``reading-club import ARGS``'s report (exit 0 or 1: read to its end)."""
    capsys.readouterr()
    assert run("import", *args) in (0, 1)
    return capsys.readouterr().err


def as_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    """A ``--json`` command's output."""
    capsys.readouterr()
    assert run(*args, "--json") == 0
    items: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return items


def shelf(capsys: pytest.CaptureFixture[str], database: str) -> dict[object, tuple[object, ...]]:
    """Each book's title -> (copies, available), from ``list --json``."""
    books = as_json(capsys, "list", "--database", database)
    return {b["title"]: (b["copies"], b["available"]) for b in books}


def loans(capsys: pytest.CaptureFixture[str], database: str) -> list[tuple[object, ...]]:
    """``loans --json``: (book, copy, member, lent on, due on) of each open loan."""
    items = as_json(capsys, "loans", "--database", database)
    return sorted((i["book"], i["copy"], i["member"], i["lent_on"], i["due_on"]) for i in items)


def test_owned_copies_become_copies_and_a_reimport_adds_none(
    tmp_path: Path, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Owned Copies 3 gives copies #1-#3 (two added to the registration's #1), 0 and 1 leave
    the book its one copy; the same file again adds no copy."""
    export = write(tmp_path, "goodreads_library_export.csv", GOODREADS)
    report = imported(capsys, export, "--database", database)
    assert "3 new" in report
    assert "3 copies, 0 loans" in report
    expected = {"1984": (3, 3), "Dune": (1, 1), "The Wandering Inn": (2, 2)}
    assert shelf(capsys, database) == expected
    again = imported(capsys, export, "--database", database)
    assert "0 new" in again
    assert "0 copies" in again
    assert "left out" not in again
    assert shelf(capsys, database) == expected


def test_a_newer_export_with_fewer_copies_removes_none_and_says_so(
    tmp_path: Path, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """1984 has 3 copies; a newer export saying 1 (or 4) leaves 3 (or adds the fourth), and
    the report says the smaller count was left out."""
    imported(capsys, write(tmp_path, "a.csv", GOODREADS), "--database", database)
    fewer = GOODREADS.replace(",read,,,,,,,3,", ",read,,,,,,,1,")
    assert fewer != GOODREADS
    report = imported(capsys, write(tmp_path, "b.csv", fewer), "--database", database)
    assert "0 copies" in report
    assert (
        "left out: 1 copy counts below the copies the catalogue has: no copy is removed" in report
    )
    assert shelf(capsys, database)["1984"] == (3, 3)
    more = GOODREADS.replace(",read,,,,,,,3,", ",read,,,,,,,4,")
    report = imported(capsys, write(tmp_path, "c.csv", more), "--database", database)
    assert "1 updated" in report
    assert "1 copies" in report
    assert shelf(capsys, database)["1984"] == (4, 4)


def test_lending_patrons_become_members_with_open_loans(
    tmp_path: Path, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each Lending Patron is registered once (nicknames compared ignoring case) and has the
    book lent from Lending Start until Lending End, or the default period without an end; a
    returned loan is not kept; the same file again lends nothing twice."""
    export = write(tmp_path, "librarything.csv", librarything(MARELLE, PRINCE, CARNETS, HORLA))
    report = imported(capsys, export, "--database", database)
    assert "4 new" in report
    assert "1 copies, 3 loans" in report
    prince_due = default_due_on(date(2025, 1, 10)).isoformat()
    expected = [
        ("Carnets", 1, "Alice Martin", "2025-02-01", "2025-02-15"),
        ("Le Petit Prince", 1, "Bob", "2025-01-10", prince_due),
        ("Marelle", 1, "Alice Martin", "2024-11-02", "2024-11-23"),
    ]
    assert loans(capsys, database) == expected
    members = as_json(capsys, "members", "--database", database)
    assert sorted(str(m["nickname"]) for m in members) == ["Alice Martin", "Bob"]
    assert shelf(capsys, database) == {
        "Marelle": (2, 1),
        "Le Petit Prince": (1, 0),
        "Carnets": (1, 0),
        "Le Horla": (1, 1),
    }
    again = imported(capsys, export, "--database", database)
    assert "0 copies, 0 loans" in again
    assert "left out" not in again
    assert loans(capsys, database) == expected
    assert len(as_json(capsys, "members", "--database", database)) == 2


def test_a_patron_whose_copy_is_lent_to_someone_else_is_left_out(
    tmp_path: Path, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Le Petit Prince's one copy is lent to Bob; a newer export lending it to Carol leaves
    that loan out (and Carol unregistered), saying why; a second copy lets it through."""
    first = write(tmp_path, "a.csv", librarything(PRINCE))
    imported(capsys, first, "--database", database)
    carol = {**PRINCE, "Lending Patron": "Carol", "Lending Start": "[2025-03-01]"}
    report = imported(capsys, write(tmp_path, "b.csv", librarything(carol)), "--database", database)
    assert "0 loans" in report
    assert "left out: 1 lending patrons whose copy is lent to someone else" in report
    assert [loan[2] for loan in loans(capsys, database)] == ["Bob"]
    assert [m["nickname"] for m in as_json(capsys, "members", "--database", database)] == ["Bob"]
    two = {**carol, "Copies": "2"}
    report = imported(capsys, write(tmp_path, "c.csv", librarything(two)), "--database", database)
    assert "1 copies, 1 loans" in report
    assert [(loan[1], loan[2]) for loan in loans(capsys, database)] == [(1, "Bob"), (2, "Carol")]


def test_a_dry_run_counts_copies_and_loans_and_writes_nothing(
    tmp_path: Path, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--dry-run: the report counts the copies and loans an import would add; no book, member
    or loan is written."""
    export = write(tmp_path, "librarything.csv", librarything(MARELLE, PRINCE, CARNETS))
    report = imported(capsys, export, "--dry-run", "--database", database)
    assert "check only" in report
    assert "1 copies, 3 loans" in report
    assert shelf(capsys, database) == {}
    assert loans(capsys, database) == []
    assert as_json(capsys, "members", "--database", database) == []


def test_our_export_carries_the_copies_and_an_import_of_it_keeps_them(
    tmp_path: Path, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Our export has a copies column; importing it into another catalogue gives each book
    as many copies."""
    imported(capsys, write(tmp_path, "a.csv", GOODREADS), "--database", database)
    out = tmp_path / "ours.csv"
    assert run("export", out, "--database", database) == 0
    assert (
        out.read_text("utf-8-sig").splitlines()[0] == "title,author,isbn,registered_at,tags,copies"
    )
    other = str(tmp_path / "other.sqlite3")
    report = imported(capsys, out, "--database", other)
    assert "3 new" in report
    assert "3 copies" in report
    assert shelf(capsys, other) == {"1984": (3, 3), "Dune": (1, 1), "The Wandering Inn": (2, 2)}


async def test_the_in_memory_catalogue_imports_copies_once(tmp_path: Path) -> None:
    """The fake's import look-up says how many copies a found book has, as SQL does: a second
    import of a row owning two copies adds none."""
    catalogue, _ = fake_catalogue()
    source = tmp_path / "goodreads_library_export.csv"
    source.write_text(goodreads(("7", "Emma", "Jane Austen", isbn13(41), 2)), encoding="utf-8")
    for _ in range(2):
        report = await open_import(catalogue, source).run()
        assert not report.failed
    (book,) = await catalogue.views.list_books(BookQuery())
    assert (book.copies, book.available) == (2, 2)
