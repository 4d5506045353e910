"""Which catalogues the start-up shell's first-page reader (``core.adapters.first_page``)
reads itself: SQLite files named by a path or a plain ``sqlite:///`` URL, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.adapters.first_page import read_first_page, sqlite_file


@pytest.mark.parametrize(
    ("database", "expected"),
    [
        ("/data/library.sqlite3", Path("/data/library.sqlite3")),
        ("sqlite:////data/library.sqlite3", Path("/data/library.sqlite3")),
        ("sqlite+aiosqlite:////data/library.sqlite3", Path("/data/library.sqlite3")),
        ("sqlite:///library.sqlite3", Path("library.sqlite3")),
    ],
)
def test_a_path_or_a_plain_sqlite_url_names_a_file(database: str, expected: Path) -> None:
    """A path (made absolute) or the file of a SQLite URL without options."""
    assert sqlite_file(database) == expected


@pytest.mark.parametrize(
    "database",
    [
        "postgresql://club@localhost/club",
        "postgresql+asyncpg://club@localhost/club",
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:////data/library.sqlite3?mode=ro",
        "sqlite:////data/my%20library.sqlite3",
        "mysql:///club",
    ],
)
def test_other_urls_are_left_to_the_real_window(database: str) -> None:
    """A server, an in-memory database, a URL with options or escapes: not read here."""
    assert sqlite_file(database) is None
    assert read_first_page(database) is None


def test_an_unknown_order_or_a_directory_reads_nothing(tmp_path: Path) -> None:
    """Not a sort the list knows, or a folder where the file should be: no page, no error."""
    assert read_first_page(str(tmp_path), "title") is None
    assert read_first_page(str(tmp_path / "library.sqlite3"), "tags") is None
