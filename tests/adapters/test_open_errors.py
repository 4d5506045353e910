"""Bad start-up input is refused with a clear error and never modifies the file."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import asyncpg
import pytest

from core.bootstrap import (
    CatalogueOpenError,
    NewerSchemaError,
    NotSqliteDatabaseError,
    OpenFailure,
    UnreachableServerError,
    UnwritableLocationError,
    open_catalogue,
)
from tests.adapters.conftest import sha256_of
from tests.support.postgres import throwaway_pg_database


async def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    """A text file is refused as "not a SQLite database" and keeps its bytes."""
    path = tmp_path / "notes.txt"
    path.write_text("title,author\nDune,Frank Herbert\n")
    before = sha256_of(path)
    with pytest.raises(NotSqliteDatabaseError, match="not a SQLite database") as caught:
        async with open_catalogue(path):
            pass
    assert caught.value.reason is OpenFailure.not_sqlite
    assert sha256_of(path) == before
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


async def test_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    """A catalogue stamped with a revision this version does not know is left as it is."""
    path = tmp_path / "library.sqlite3"
    async with open_catalogue(path):
        pass
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    before = sha256_of(path)
    with pytest.raises(NewerSchemaError, match="newer version") as caught:
        async with open_catalogue(path):
            pass
    assert caught.value.reason is OpenFailure.newer_schema
    assert sha256_of(path) == before


async def test_a_newer_postgresql_schema_is_refused_untouched() -> None:
    """A PostgreSQL database at an unknown revision is refused and not migrated."""
    async with throwaway_pg_database() as url:
        dsn = url.replace("postgresql+asyncpg", "postgresql")
        connection = await asyncpg.connect(dsn)
        try:
            await connection.execute("CREATE TABLE alembic_version (version_num text)")
            await connection.execute("INSERT INTO alembic_version VALUES ('f00dfeed9999')")
            with pytest.raises(NewerSchemaError):
                async with open_catalogue(url):
                    pass
            tables = await connection.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname='public'"
            )
            assert [row["tablename"] for row in tables] == ["alembic_version"]
        finally:
            await connection.close()


async def test_a_directory_that_cannot_be_created_is_refused(tmp_path: Path) -> None:
    """A path below an existing FILE cannot become a folder (chmod does not stop root, which
    runs these tests); the error says so and the file is untouched."""
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"not a folder")
    before = sha256_of(blocker)
    with pytest.raises(UnwritableLocationError, match="cannot create the folder") as caught:
        async with open_catalogue(blocker / "club" / "library.sqlite3"):
            pass
    assert caught.value.reason is OpenFailure.unwritable
    assert sha256_of(blocker) == before


async def test_an_unreachable_server_is_refused_without_showing_the_password() -> None:
    """A server that refuses connections gives a clear error whose text has no password."""
    url = "postgresql+asyncpg://reader:s3cret-pw@127.0.0.1:1/club"
    with pytest.raises(UnreachableServerError) as caught:
        async with open_catalogue(url):
            pass
    assert isinstance(caught.value, CatalogueOpenError)
    assert caught.value.reason is OpenFailure.unreachable
    assert "s3cret-pw" not in str(caught.value)
    assert "cannot reach the catalogue at postgresql+asyncpg://reader:***@127.0.0.1:1" in str(
        caught.value
    )
