"""A transaction's buffered rows by book (``SqlWrites.rows_of_book``): what the buffer holds
now, also after a step's rows were forgotten and others added, or rows were taken."""

from __future__ import annotations

from typing import Any

from core.adapters.writes import SqlWrites


def copy(copy_id: str, book_id: str, number: int) -> tuple[Any, ...]:
    """A raw ``copies`` row (id, book_id, number, added_on)."""
    return (copy_id, book_id, number, "2026-11-29 00:00:00.000000")


def test_rows_of_a_book_follow_the_buffer() -> None:
    """Added, forgotten with an undone step, added again, taken out: each answer is the
    buffer's rows of that book, in the order added."""
    writes = SqlWrites(None, "sqlite")  # type: ignore[arg-type] - no statement is run
    writes.add_rows("copies", [copy("c1", "a", 1), copy("c2", "b", 1)])
    assert writes.rows_of_book("copies", "a") == [copy("c1", "a", 1)]
    mark = writes.rows_mark()
    writes.add_rows("copies", [copy("c3", "a", 2)])
    assert [row[0] for row in writes.rows_of_book("copies", "a")] == ["c1", "c3"]
    writes.forget_rows_after(mark)
    writes.add_rows("copies", [copy("c4", "b", 2)])
    assert [row[0] for row in writes.rows_of_book("copies", "a")] == ["c1"]
    assert [row[0] for row in writes.rows_of_book("copies", "b")] == ["c2", "c4"]
    writes.take_rows()
    assert writes.rows_of_book("copies", "a") == []
    writes.add_rows("copies", [copy("c5", "a", 1)])
    assert [row[0] for row in writes.rows_of_book("copies", "a")] == ["c5"]
