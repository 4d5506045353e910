"""Start-up faults, through the real command: a clear message on stderr, exit status 2, no
traceback, and the file's bytes unchanged."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy.ext.asyncio import create_async_engine

from core.adapters.migrate import upgrade
from tests.adapters.conftest import sha256_of
from tests.reliability.conftest import create_catalogue, run_child, start_child

PASSWORD = "s3cret-Pa55"


def start_the_app(database: str | Path) -> tuple[int, str]:
    """Run ``python -m gui --database DATABASE`` offscreen; its exit status and stderr."""
    done = run_child("-m", "gui", "--database", str(database), timeout=60)
    return done.returncode, done.stderr


def assert_refused_clearly(code: int, stderr: str, *phrases: str) -> None:
    """Exit status 2, a ``reading-club:`` line holding one of ``phrases``, no traceback."""
    assert code == 2, stderr
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.startswith("reading-club: ")]
    assert len(lines) == 1, stderr
    assert any(phrase in lines[0] for phrase in phrases), lines[0]


@contextmanager
def locked_by_another_program(database: Path, kind: str) -> Iterator[None]:
    """Another process holds a ``BEGIN kind`` write lock on ``database`` meanwhile."""
    holder = start_child("-m", "tests.reliability.lock_holder", str(database), kind, stdin=True)
    assert holder.stdout is not None
    assert holder.stdin is not None
    try:
        assert holder.stdout.readline() == "locked\n", holder.communicate()[1]
        yield
    finally:
        holder.communicate(input="", timeout=30)
    assert holder.returncode == 0


def catalogue_at_first_revision(database: Path) -> None:
    """A catalogue left at revision 0001 by an older version (start-up must migrate it)."""

    async def migrate() -> None:
        engine = create_async_engine(f"sqlite+aiosqlite:///{database}")
        async with engine.begin() as connection:
            await connection.run_sync(upgrade, "0001")
        await engine.dispose()

    asyncio.run(migrate())


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    """A CSV file given as the catalogue is named "not a SQLite database" and kept as is."""
    path = tmp_path / "books.csv"
    path.write_text("title,author,isbn\nDune,Frank Herbert,9780441013593\n")
    before = sha256_of(path)

    assert_refused_clearly(*start_the_app(path), "not a SQLite database")
    assert sha256_of(path) == before


def test_a_truncated_catalogue_is_refused_untouched(tmp_path: Path) -> None:
    """A catalogue cut in half (a copy interrupted) is refused as unreadable and kept."""
    whole = tmp_path / "whole.sqlite3"
    filled = run_child("-m", "tests.reliability.writer_process", str(whole), "--count", "1200")
    assert filled.returncode == 0, filled.stderr
    assert not whole.with_name("whole.sqlite3-wal").exists()  # all of it is in the file
    path = tmp_path / "library.sqlite3"
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = sha256_of(path)

    assert_refused_clearly(*start_the_app(path), "not a readable SQLite database")
    assert sha256_of(path) == before


def test_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    """A catalogue stamped by a newer version of the application is refused and kept."""
    path = tmp_path / "library.sqlite3"
    create_catalogue(path)
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    before = sha256_of(path)

    assert_refused_clearly(*start_the_app(path), "newer version")
    assert sha256_of(path) == before


def test_a_folder_that_cannot_be_created_is_refused(tmp_path: Path) -> None:
    """A catalogue path below a FILE (root ignores chmod, so this is the unwritable folder
    every user gets) is refused and the file in the way is kept."""
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"not a folder")
    before = sha256_of(blocker)

    assert_refused_clearly(*start_the_app(blocker / "club" / "library.sqlite3"), "cannot create")
    assert sha256_of(blocker) == before


def test_a_catalogue_another_program_holds_exclusively_is_refused_untouched(
    tmp_path: Path,
) -> None:
    """A file another program keeps locked (even against readers) past the busy timeout:
    "busy ... try again", and nothing written."""
    path = tmp_path / "library.sqlite3"
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("CREATE TABLE other_program (x)")
    before = sha256_of(path)
    with locked_by_another_program(path, "EXCLUSIVE"):
        assert_refused_clearly(*start_the_app(path), "busy (locked by another program)")
    assert sha256_of(path) == before


def test_a_catalogue_to_migrate_while_another_writer_holds_it_is_refused_untouched(
    tmp_path: Path,
) -> None:
    """An older catalogue cannot be migrated while another program holds its write lock past
    the busy timeout: a clear refusal, and the file is not half-migrated."""
    path = tmp_path / "library.sqlite3"
    catalogue_at_first_revision(path)
    before = sha256_of(path)
    with locked_by_another_program(path, "IMMEDIATE"):
        assert_refused_clearly(*start_the_app(path), "busy (locked by another program)")
    assert sha256_of(path) == before
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_an_unreachable_server_is_refused_without_its_password() -> None:
    """A PostgreSQL URL nobody answers: "cannot reach", and the password never printed."""
    url = f"postgresql+asyncpg://club:{PASSWORD}@127.0.0.1:1/club"

    code, stderr = start_the_app(url)
    assert_refused_clearly(code, stderr, "cannot reach the catalogue")
    assert PASSWORD not in stderr


def test_a_server_refusing_the_login_never_shows_the_password() -> None:
    """A reachable server refusing an unknown role: clear refusal, no password on stderr."""
    url = f"postgresql+asyncpg://no_such_role:{PASSWORD}@127.0.0.1:5432/no_such_db"

    code, stderr = start_the_app(url)
    assert_refused_clearly(code, stderr, "cannot reach the catalogue")
    assert PASSWORD not in stderr
