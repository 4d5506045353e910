"""The command-line scenario of issue 18: a Goodreads export with three rows, one without an
ISBN, imported as a member; importing it again adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core import cli

HEADER = (
    "Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Average Rating,"
    "Publisher,Binding,Number of Pages,Year Published,Original Publication Year,Date Read,"
    "Date Added,Bookshelves,Bookshelves with positions,Exclusive Shelf,My Review,Spoiler,"
    "Private Notes,Read Count,Recommended For,Recommended By,Owned Copies,"
    "Original Purchase Date,Original Purchase Location,Condition,Condition Description,BCID"
)
ROWS = (
    '5470,1984,George Orwell,"Orwell, George",,"=""0451524934""","=""9780451524935""",5,4.19,'
    "Signet,Paperback,328,1961,1949,2023/03/14,2022/12/01,classics,classics (#3),read,"
    "Chilling.<br/>Too close.,,,1,,,1,,,,,",
    '24850469,The Wandering Inn,pirateaba,pirateaba,,"=""""","=""""",3,4.06,,Kindle Edition,'
    "1153,2016,2016,2024/02/11,2024/02/11,,,read,Long &amp; good.,,,1,,,0,,,,,",
    '44767458,Dune,Frank Herbert,"Herbert, Frank",,"=""0441013597""","=""9780441013593""",4,'
    '4.27,Ace,Paperback,658,2005,1965,,2021/01/01,"sci-fi, to-buy","sci-fi (#1)",to-read,,,,'
    "0,,,2,,,,,",
)


def run(*args: str | Path) -> int:
    """Run the command line in this process; its exit code."""
    return cli.main([str(arg) for arg in args])


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """The Goodreads export file."""
    path = tmp_path / "goodreads_library_export.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def listed(database: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    """``reading-club list --json``."""
    assert run("list", "--json", "--database", database) == 0
    books: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return books


def test_a_goodreads_export_gives_its_books_once_with_their_shelves(
    tmp_path: Path, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three rows, one without an ISBN: three books with their shelves as tags; the same
    file again adds nothing."""
    database = tmp_path / "library.sqlite3"
    assert run("import", export, "--member", "alice", "--database", database) == 0
    capsys.readouterr()
    books = listed(database, capsys)
    assert sorted((b["title"], b["isbn"]) for b in books) == [
        ("1984", "9780451524935"),
        ("Dune", "9780441013593"),
        ("The Wandering Inn", ""),
    ]
    tags = {b["title"]: b["tags"] for b in books}
    assert tags == {
        "1984": ["classics", "read"],
        "Dune": ["sci-fi", "to-buy", "to-read"],
        "The Wandering Inn": ["read"],
    }
    # Exit 1: every row names a book already there (listed in the report).
    assert run("import", export, "--member", "alice", "--database", database) == 1
    assert "0 imported, 3 skipped" in capsys.readouterr().err
    assert len(listed(database, capsys)) == 3


def test_ratings_and_reviews_go_to_the_member_and_a_changed_rating_updates_the_review(
    tmp_path: Path, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--member alice``: each rating x2 is alice's review of the book (its text as plain
    text); a newer export with another rating updates that review, and adds no book."""
    database = tmp_path / "library.sqlite3"
    assert run("import", export, "--member", "alice", "--database", database) == 0
    assert "3 reviews" in capsys.readouterr().err
    ratings = {b["title"]: b["rating"] for b in listed(database, capsys)}
    assert ratings == {"1984": 10, "The Wandering Inn": 6, "Dune": 8}
    assert run("reviews", "--json", "--database", database) == 0
    reviews = json.loads(capsys.readouterr().out)
    assert {(r["book"], r["member"], r["comment"]) for r in reviews} == {
        ("1984", "alice", "Chilling.\nToo close."),
        ("The Wandering Inn", "alice", "Long & good."),
        ("Dune", "alice", ""),
    }
    dune = '"=""9780441013593""",'
    newer = export.read_text(encoding="utf-8").replace(dune + "4,", dune + "2,")
    export.write_text(newer, encoding="utf-8")
    run("import", export, "--member", "alice", "--database", database)
    assert "books: 0 new, 1 updated" in capsys.readouterr().err
    ratings = {b["title"]: b["rating"] for b in listed(database, capsys)}
    assert (len(ratings), ratings["Dune"]) == (3, 4)
