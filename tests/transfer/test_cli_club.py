"""``reading-club members|reviews`` and the rating of ``list --json``: output and exit codes."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from core import cli
from core.bootstrap import open_catalogue
from core.domain.messages import RegisterBook, RegisterMember, RemoveMember, ReviewBook
from core.domain.result import Ok

DUNE = RegisterBook(title="Dune", author="Frank Herbert", isbn="9780441013593")
EMMA = RegisterBook(title="Emma", author="Jane Austen", isbn="9780141439587")
ALICE = RegisterMember(nickname="Alice", email="alice@example.org")
BOB = RegisterMember(nickname="Bob")
REVIEWS = (
    ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=8, comment="Sand.\nWorms."),
    ReviewBook(member_id=BOB.id, book_id=DUNE.id, rate=7),
)


def run(*args: str | Path) -> int:
    """Run the command line in this process; its exit code."""
    return cli.main([str(arg) for arg in args])


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A catalogue with Dune (reviewed by Alice, 8, and Bob, 7) and Emma; Bob has left."""
    path = tmp_path / "library.sqlite3"

    async def fill() -> None:
        async with open_catalogue(path) as catalogue:
            for command in (DUNE, EMMA, ALICE, BOB, *REVIEWS, RemoveMember(id=BOB.id)):
                assert await catalogue.execute(command) == Ok(...)

    asyncio.run(fill())
    return path


def test_list_json_gives_each_book_its_rating_and_review_count(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Dune: 7.5 of 2 reviews; Emma: null and 0."""
    assert run("list", "--json", "--database", database) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(b["title"], b["rating"], b["reviews"]) for b in listed] == [
        ("Dune", 7.5, 2),
        ("Emma", None, 0),
    ]


def test_members_lists_the_current_members(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bob left: only Alice, with her email and one review; as text and as JSON."""
    assert run("members", "--database", database) == 0
    assert capsys.readouterr().out == "Alice\talice@example.org\t1\n"
    assert run("members", "--json", "--database", database) == 0
    (alice,) = json.loads(capsys.readouterr().out)
    assert alice == {
        "id": str(ALICE.id),
        "nickname": "Alice",
        "email": "alice@example.org",
        "reviews": 1,
    }


def test_reviews_list_book_member_rate_comment_and_date(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Newest first; a former member is named so; the comment keeps its line break in JSON."""
    assert run("reviews", "--json", "--database", database) == 0
    bob, alice = json.loads(capsys.readouterr().out)
    assert (bob["book"], bob["member"], bob["former_member"], bob["rate"]) == (
        "Dune",
        "Bob",
        True,
        7,
    )
    assert (alice["member"], alice["comment"]) == ("Alice", "Sand.\nWorms.")
    assert alice["date"] == REVIEWS[0].created_at.isoformat()
    assert run("reviews", "--database", database) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[1:] == ["Dune", "Bob (former member)", "7", ""]
    assert lines[1].split("\t")[1:] == ["Dune", "Alice", "8", "Sand. / Worms."]


@pytest.mark.parametrize("book", ["978-0-441-01359-3", "0441013597", str(DUNE.id)])
def test_reviews_of_one_book_by_isbn_or_id(
    database: Path, capsys: pytest.CaptureFixture[str], book: str
) -> None:
    """--book takes an ISBN in any form or the book's id."""
    assert run("reviews", "--book", book, "--json", "--database", database) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert run("reviews", "--book", EMMA.isbn, "--json", "--database", database) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_reviews_of_an_unknown_book_exit_one(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 1 and a message naming what was asked."""
    assert run("reviews", "--book", "9780261102217", "--database", database) == 1
    assert "9780261102217" in capsys.readouterr().err
