"""A database made by another program is refused, never migrated: only an empty database or
a Reading Club catalogue may be (issue 20, item 1)."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import asyncpg
import pytest

from core.bootstrap import ForeignDatabaseError, OpenFailure, open_catalogue
from tests.adapters.conftest import sha256_of
from tests.reliability.conftest import run_cli
from tests.reliability.test_startup_faults import assert_refused_clearly
from tests.support.postgres import dsn, throwaway_pg_database


def test_another_programs_sqlite_database_is_refused_with_its_bytes_unchanged(
    tmp_path: Path,
) -> None:
    """``sqlite3 other.db "create table moz_places(...)"``, then ``reading-club list
    --database other.db``: exit 2, one clear line, the file's bytes unchanged and no
    ``-wal``/``-shm`` files beside it."""
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("create table moz_places(id integer primary key, url text)")
    before = sha256_of(path)

    done = run_cli("list", "--database", str(path))

    assert_refused_clearly(done.returncode, done.stderr, "not a Reading Club catalogue")
    assert "moz_places" in done.stderr
    assert sha256_of(path) == before
    assert sorted(os.listdir(tmp_path)) == ["other.db"]


def test_an_empty_sqlite_database_is_made_a_catalogue(tmp_path: Path) -> None:
    """A SQLite file with no table yet (``sqlite3 new.db "pragma user_version=0"``, or 0
    bytes) is still migrated: it is nobody's data."""
    path = tmp_path / "new.db"
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("pragma user_version = 7")
    done = run_cli("list", "--database", str(path))
    assert done.returncode == 0, done.stderr
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("select count(*) from books").fetchone() == (0,)


@pytest.mark.postgres
async def test_another_programs_postgresql_database_is_refused_unchanged() -> None:
    """A PostgreSQL database with tables but no revision is refused and not migrated."""
    async with throwaway_pg_database() as url:
        connection = await asyncpg.connect(dsn(url))
        try:
            await connection.execute("CREATE TABLE invoices (id int)")
            with pytest.raises(ForeignDatabaseError, match="invoices") as caught:
                async with open_catalogue(url):
                    pass
            assert caught.value.reason is OpenFailure.foreign
            tables = await connection.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
            assert [row["tablename"] for row in tables] == ["invoices"]
        finally:
            await connection.close()
