"""Fixtures of the CSV tests: an open catalogue on a SQLite file, and CSV text helpers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from core.bootstrap import Catalogue, open_catalogue
from tests.support.isbn import isbn13


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` exactly (no newline translation)."""
    path.write_bytes(text.encode(encoding))
    return path


def books_csv(path: Path, rows: int, start: int = 0) -> Path:
    """A CSV file of ``rows`` valid, distinct books."""
    lines = ["title,author,isbn"]
    lines += [f"Title {n},Author {n},{isbn13(n)}" for n in range(start, start + rows)]
    return write_csv(path, "\n".join(lines) + "\n")


@pytest.fixture
async def catalogue(tmp_path: Path) -> AsyncIterator[Catalogue]:
    """An open, empty catalogue on a SQLite file."""
    async with open_catalogue(tmp_path / "library.sqlite3") as opened:
        yield opened
