"""The composition root's small helpers: default location and database URLs."""

from __future__ import annotations

from pathlib import Path

from core.bootstrap import database_url, default_database_path, open_catalogue


def test_the_default_database_is_library_sqlite3_in_the_user_data_folder() -> None:
    """The default catalogue is library.sqlite3 in the reading-club data directory."""
    path = default_database_path()
    assert (path.name, path.parent.name) == ("library.sqlite3", "reading-club")


def test_a_path_becomes_an_absolute_aiosqlite_url(tmp_path: Path) -> None:
    """A file path, relative or not, becomes sqlite+aiosqlite:/// and its absolute path."""
    assert database_url(tmp_path / "a.db") == f"sqlite+aiosqlite:///{tmp_path}/a.db"
    assert database_url("rel.db") == f"sqlite+aiosqlite:///{Path.cwd()}/rel.db"


def test_a_url_is_kept_as_it_is() -> None:
    """Anything with a scheme is already a URL."""
    url = "postgresql+asyncpg://club:pw@db.example/club"
    assert database_url(url) == url


async def test_the_catalogue_shows_its_url_with_the_password_masked(pg_database: str) -> None:
    """The description of an open catalogue never contains the password."""
    with_password = pg_database.replace("://root@", "://root:hunter2@")
    async with open_catalogue(with_password) as catalogue:
        assert "hunter2" not in catalogue.description
        assert "***" in catalogue.description
