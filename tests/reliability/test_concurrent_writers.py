"""Two processes writing into one SQLite file at once lose nothing and see no lock error."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from tests.reliability.conftest import create_catalogue, integrity_check, read_rows, writer

WRITERS = (1, 2)


def _run_together(database: Path, *options: str) -> dict[int, tuple[int, str, str]]:
    """Start both writers, let them go at the same moment, and collect their output."""
    children = {
        number: writer(database, number, "--wait-for-go", *options, stdin=True)
        for number in WRITERS
    }
    for child in children.values():
        assert child.stdout is not None
        assert child.stdout.readline() == "ready -\n", child.communicate()[1]
    for child in children.values():
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    outcomes = {}
    for number, child in children.items():
        out, err = child.communicate(timeout=120)
        outcomes[number] = (child.returncode, out, err)
    return outcomes


def _acknowledged(outcomes: dict[int, tuple[int, str, str]]) -> dict[str, set[str]]:
    changes: dict[str, set[str]] = defaultdict(set)
    for _code, out, _err in outcomes.values():
        for line in out.splitlines():
            verb, isbn = line.split()
            changes[verb].add(isbn)
    return changes


def _assert_both_succeeded(outcomes: dict[int, tuple[int, str, str]]) -> None:
    for number, (code, _out, err) in outcomes.items():
        assert "locked" not in err, f"writer {number}: {err}"
        assert code == 0, f"writer {number} failed: {err}"


def test_two_processes_registering_at_once_lose_no_book(tmp_path: Path) -> None:
    """300 registrations from each of two processes at once: all 600 books are there."""
    database = tmp_path / "library.sqlite3"
    create_catalogue(database)  # before both start: migration is not the point here
    outcomes = _run_together(database, "--count", "300")

    _assert_both_succeeded(outcomes)
    registered = _acknowledged(outcomes)["registered"]
    stored = {row[0] for row in read_rows(database, "SELECT isbn FROM books")}
    assert len(registered) == 600
    assert stored == registered
    assert integrity_check(database) == "ok"


def test_two_processes_registering_updating_and_deleting_at_once_lose_nothing(
    tmp_path: Path,
) -> None:
    """Each process registers, updates (a read, then a write) and deletes every third book:
    no lock error reaches either, and the file holds exactly what they were told."""
    database = tmp_path / "library.sqlite3"
    create_catalogue(database)
    outcomes = _run_together(database, "--count", "150", "--mixed")

    _assert_both_succeeded(outcomes)
    changes = _acknowledged(outcomes)
    assert len(changes["updated"]) == 300
    assert len(changes["deleted"]) == 100
    rows = read_rows(database, "SELECT isbn, title FROM books")
    assert {isbn for isbn, _title in rows} == changes["registered"] - changes["deleted"]
    assert all(str(title).endswith("(revised)") for _isbn, title in rows)
    stored_events = read_rows(database, "SELECT count(*) FROM messages")[0][0]
    assert stored_events == 2 * (300 + 300 + 100)  # each command and its event
    assert integrity_check(database) == "ok"
