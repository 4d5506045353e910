"""``reading-club import|export|list``: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core import cli
from core.cli.books import import_exit_code
from core.domain.isbn import hyphenated_isbn
from core.transfer.importer import ImportReport, RowProblem
from tests.support.isbn import isbn13
from tests.transfer.conftest import books_csv, write_csv


def run(*args: str | Path) -> int:
    """Run the command line in this process; its exit code."""
    return cli.main([str(arg) for arg in args])


def test_a_file_imported_in_full_exits_zero_and_lists_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 0 when every row is imported; ``list --json`` prints them for scripts."""
    database = tmp_path / "library.sqlite3"
    assert run("import", books_csv(tmp_path / "b.csv", 3), "--database", database) == 0
    assert "3 imported, 0 skipped" in capsys.readouterr().err
    assert run("list", "--json", "--search", "Title 1", "--database", database) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(book["title"], book["isbn"]) for book in listed] == [("Title 1", isbn13(1))]


def test_skipped_rows_exit_one_and_the_report_can_be_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 1 when rows are skipped or fail; ``--report`` saves the summary and the rows."""
    database, report = tmp_path / "library.sqlite3", tmp_path / "report.txt"
    text = f"title,author,isbn\nA,B,{isbn13(1)}\nC,D,{isbn13(1)}\nE,F,123\n"
    code = run(
        "import", write_csv(tmp_path / "b.csv", text), "--report", report, "--database", database
    )
    assert code == 1
    saved = report.read_text(encoding="utf-8").splitlines()
    assert saved[0].startswith("1 imported, 1 skipped (already registered), 1 failed")
    assert saved[1:3] == [
        "books: 1 new, 0 updated, 1 unchanged, 1 failed; 0 reviews, 0 books tagged, 0 copies,"
        " 0 loans",
        "read as spreadsheet, UTF-8",
    ]
    assert saved[3:] == [
        f'line 3: ISBN "{"978-0-00-000001-9"}" repeats line 2',
        'line 4: ISBN "123" must have 10 or 13 digits',
    ]
    assert "line 4" in capsys.readouterr().err


def test_an_unusable_file_or_database_exits_two_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 2 for a file without header and for a database that is not SQLite."""
    database = tmp_path / "library.sqlite3"
    headless = write_csv(tmp_path / "h.csv", f"Dune,Herbert,{isbn13(1)}\n")
    assert run("import", headless, "--database", database) == 2
    assert "must name the columns" in capsys.readouterr().err
    not_sqlite = write_csv(tmp_path / "notes.txt", "hello " * 100)
    assert run("import", books_csv(tmp_path / "b.csv", 1), "--database", not_sqlite) == 2
    assert "reading-club:" in capsys.readouterr().err


def test_export_writes_a_neutralised_csv_with_iso_times(tmp_path: Path) -> None:
    """The exported file has its six columns, hyphenated ISBNs, ISO 8601 times, safe cells."""
    database, out = tmp_path / "library.sqlite3", tmp_path / "out.csv"
    write_csv(tmp_path / "b.csv", f"title,author,isbn\n'=1+2,@me,{isbn13(5)}\n")
    run("import", tmp_path / "b.csv", "--database", database)
    assert run("export", out, "--database", database) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "title,author,isbn,registered_at,tags,copies"
    title, author, isbn, registered, tags, copies = lines[1].split(",")
    assert (tags, copies) == ("", "1")
    assert (title, author, isbn) == ("'=1+2", "'@me", hyphenated_isbn(isbn13(5)))
    assert registered[10] == "T"
    assert registered.endswith("+00:00")


def test_an_export_into_a_missing_folder_exits_two_and_writes_nothing(tmp_path: Path) -> None:
    """A destination that cannot be written is a clear error, exit 2."""
    database = tmp_path / "library.sqlite3"
    assert run("export", tmp_path / "missing" / "out.csv", "--database", database) == 2
    assert not (tmp_path / "missing").exists()


def test_a_file_unreadable_past_a_line_keeps_the_rows_before_and_exits_three(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cell longer than the CSV reader's limit (an unclosed quote, say) on line 4: the two
    rows before it are imported, the report says where reading stopped, exit 3 ("stopped
    part-way", issue 20: not 2, which says nothing was changed)."""
    database = tmp_path / "library.sqlite3"
    huge = "x" * 200_000
    rows = [f"A,B,{isbn13(1)}", f"C,D,{isbn13(2)}", f"{huge},E,{isbn13(3)}", f"F,G,{isbn13(4)}"]
    text = "title,author,isbn\n" + "\n".join(rows) + "\n"
    assert run("import", write_csv(tmp_path / "b.csv", text), "--database", database) == 3
    assert (
        "2 imported, 0 skipped (already registered), 0 failed (invalid); stopped: line 4: a cell"
        " is longer than 131,072 characters (an unclosed quote?); the rest of the file was not"
        " read"
    ) in capsys.readouterr().err
    assert run("list", "--json", "--database", database) == 0
    assert [book["title"] for book in json.loads(capsys.readouterr().out)] == ["A", "C"]


def test_a_dry_run_reports_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``import --dry-run`` prints the report of the import it would make; no book is added."""
    database = tmp_path / "library.sqlite3"
    path = books_csv(tmp_path / "b.csv", 3)
    assert run("import", path, "--dry-run", "--database", database) == 0
    assert "check only, nothing written: 3 imported" in capsys.readouterr().err
    assert run("list", "--json", "--database", database) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(
    ("report", "code"),
    [
        (ImportReport(imported=3), 0),
        (ImportReport(imported=3, failed=[RowProblem(4, "isbn", "is wrong")]), 1),
        (ImportReport(error="nothing imported: the catalogue is read-only"), 2),
        (ImportReport(imported=2000, error="line 2002 onwards not imported: …"), 3),
        (ImportReport(imported=2000, cancelled=True), 3),
    ],
)
def test_an_import_stopped_part_way_has_an_exit_status_of_its_own(
    report: ImportReport, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """3 says "stopped part-way: some books were committed"; 2 keeps meaning that nothing
    was changed; ``import --help`` documents all four (issue 20)."""
    assert import_exit_code(report) == code
    with pytest.raises(SystemExit):
        run("import", "--help")
    assert "3  stopped part-way" in capsys.readouterr().out
