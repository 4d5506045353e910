"""``reading-club loans [--overdue] [--json] [--ics FILE]`` and the copies of ``list --json``."""

from __future__ import annotations

import asyncio
import json
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from core import cli
from core.bootstrap import open_catalogue
from core.domain.messages import AddCopy, LendCopy, RegisterBook, RegisterMember
from core.domain.result import Ok

DUNE = RegisterBook(title="Dune", author="Frank Herbert", isbn="9780441013593")
EMMA = RegisterBook(title="Emma", author="Jane Austen", isbn="9780141439587")
ALICE = RegisterMember(nickname="Alice")
BOB = RegisterMember(nickname="Bob")
TODAY = date.today()
LATE = TODAY - timedelta(days=3)
SOON = TODAY + timedelta(days=10)


def run(*args: str | Path) -> int:
    """Run the command line in this process; its exit code."""
    return cli.main([str(arg) for arg in args])


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Dune with two copies: #1 lent to Alice, overdue; Emma lent to Bob, due in 10 days."""
    path = tmp_path / "library.sqlite3"

    async def fill() -> None:
        async with open_catalogue(path) as catalogue:
            for command in (DUNE, EMMA, ALICE, BOB, AddCopy(book_id=DUNE.id)):
                assert await catalogue.execute(command) == Ok(...)
            dune = (await catalogue.views.copies(DUNE.id))[0]
            emma = (await catalogue.views.copies(EMMA.id))[0]
            lent_on = TODAY - timedelta(days=30)
            lends = (
                LendCopy(copy_id=dune.id, member_id=ALICE.id, lent_on=lent_on, due_on=LATE),
                LendCopy(copy_id=emma.id, member_id=BOB.id, lent_on=lent_on, due_on=SOON),
            )
            for lend in lends:
                assert await catalogue.execute(lend) == Ok(...)

    asyncio.run(fill())
    return path


def test_loans_json_lists_each_open_loan_by_due_date(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each loan with its id, book, copy number, member, lent and due dates; overdue first."""
    assert run("loans", "--json", "--database", database) == 0
    items = json.loads(capsys.readouterr().out)
    assert [(i["book"], i["copy"], i["member"], i["due_on"]) for i in items] == [
        ("Dune", 1, "Alice", LATE.isoformat()),
        ("Emma", 1, "Bob", SOON.isoformat()),
    ]
    assert all(i["id"] and i["lent_on"] for i in items)


def test_overdue_keeps_the_loans_past_due(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--overdue: only Alice's Dune, as a tab-separated line."""
    assert run("loans", "--overdue", "--database", database) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.split("\t")[:4] == [LATE.isoformat(), "Dune", "#1", "Alice"]


def test_ics_has_one_todo_per_loan_due_on_its_due_date(database: Path, tmp_path: Path) -> None:
    """The iCalendar file parsed back: two VTODOs, DUE their due dates, naming the member."""
    target = tmp_path / "loans.ics"
    assert run("loans", "--ics", target, "--database", database) == 0
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    todos = list(calendar.walk("VTODO"))
    assert [todo.decoded("due") for todo in todos] == [LATE, SOON]
    assert "Alice" in str(todos[0]["summary"])


def test_list_json_gives_copies_and_available(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Dune: 2 copies, 1 available; Emma: 1 copy, none available."""
    assert run("list", "--json", "--database", database) == 0
    items = {item["title"]: item for item in json.loads(capsys.readouterr().out)}
    assert (items["Dune"]["copies"], items["Dune"]["available"]) == (2, 1)
    assert (items["Emma"]["copies"], items["Emma"]["available"]) == (1, 0)
