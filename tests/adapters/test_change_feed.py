"""The SQLite change feed: a catalogue opened twice on one file (two programs, two windows)
hears the other's committed events from the message store within a second."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from core.bootstrap import open_catalogue
from core.domain.messages import (
    BookDeleted,
    BookRegistered,
    BookUpdated,
    DeleteBook,
    RegisterBook,
    UpdateBook,
)
from core.domain.result import Ok
from core.service.events import LinkState
from tests.support.isbn import isbn13
from tests.support.shared import Heard

DUNE = RegisterBook(title="Dune", author="Frank Herbert", isbn="9780441013593")
ROOT = Path(__file__).resolve().parents[2]


async def test_another_catalogue_on_the_file_hears_register_edit_and_delete(
    tmp_path: Path,
) -> None:
    """Register, edit and delete in one catalogue: the other hears the three events, in
    order, once each, within a second; the writer hears its own only once."""
    path = tmp_path / "library.sqlite3"
    async with open_catalogue(path) as first, open_catalogue(path) as other:
        mine, theirs = Heard(), Heard()
        first.subscribe(mine)
        other.subscribe(theirs)
        assert await first.execute(DUNE) == Ok(...)
        edit = UpdateBook(id=DUNE.id, title="Dune Messiah", author=DUNE.author, isbn=DUNE.isbn)
        assert await first.execute(edit) == Ok(...)
        assert await first.execute(DeleteBook(id=DUNE.id)) == Ok(...)
        await theirs.until(lambda items: len(items) == 3, timeout=1.0)
        assert [type(event) for event in theirs.items] == [BookRegistered, BookUpdated, BookDeleted]
        marker = RegisterBook(title="Marker", author="Other", isbn=isbn13(1))
        assert await other.execute(marker) == Ok(...)
        # Heard from the store after its own rows: had those come back, they would be here.
        await mine.until(lambda items: len(items) == 4, timeout=1.0)
        kinds = [type(event) for event in mine.items]
        assert kinds == [BookRegistered, BookUpdated, BookDeleted, BookRegistered]


async def test_a_commit_of_another_process_arrives_within_a_second(tmp_path: Path) -> None:
    """A book imported by another program (the command line, in a process of its own)
    reaches an open catalogue's subscribers."""
    path = tmp_path / "library.sqlite3"
    source = tmp_path / "books.csv"
    source.write_text(f"title,author,isbn\nHyperion,Dan Simmons,{isbn13(7)}\n", encoding="utf-8")
    async with open_catalogue(path) as open_here:
        heard = Heard()
        open_here.subscribe(heard)
        finished = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "core.cli", "import", str(source), "--database", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert finished.returncode == 0, finished.stderr
        await heard.until(lambda items: len(items) == 1, timeout=1.5)
        assert isinstance(heard.items[0], BookRegistered)
        assert heard.items[0].title == "Hyperion"


async def test_an_import_of_another_program_asks_for_a_reload_instead_of_thousands_of_events(
    tmp_path: Path,
) -> None:
    """Over the burst limit the feed says ``resynced`` once rather than deliver each event."""
    path = tmp_path / "library.sqlite3"
    async with open_catalogue(path) as importer, open_catalogue(path) as watching:
        states, heard = Heard(), Heard()
        watching.subscribe_status(states)
        watching.subscribe(heard)
        commands = [RegisterBook(title=f"B{n}", author="A", isbn=isbn13(n)) for n in range(600)]
        async with importer.batches() as batches:
            await (await batches.submit(commands))
        await states.until(lambda items: items == [LinkState.resynced], timeout=1.5)
        assert heard.items == []


async def test_its_own_import_is_not_read_back_as_a_burst(tmp_path: Path) -> None:
    """Only other programs' events count against the burst: a catalogue's own import of more
    than it (already delivered as it committed) asks for no reload, and the other program's
    next book still arrives as an event."""
    path = tmp_path / "library.sqlite3"
    async with open_catalogue(path) as importing, open_catalogue(path) as other:
        states, heard = Heard(), Heard()
        importing.subscribe_status(states)
        importing.subscribe(heard)
        commands = [RegisterBook(title=f"B{n}", author="A", isbn=isbn13(n)) for n in range(600)]
        async with importing.batches() as batches:
            await (await batches.submit(commands))
        marker = RegisterBook(title="Marker", author="Other", isbn=isbn13(1000))
        assert await other.execute(marker) == Ok(...)
        await heard.until(lambda items: items[-1:] and items[-1].title == "Marker", timeout=1.5)
        assert states.items == []
        assert len(heard.items) == 601


async def test_the_feed_reads_the_store_without_writing_to_it(tmp_path: Path) -> None:
    """Its connection is read-only: the file's stored messages are exactly the commits'."""
    path = tmp_path / "library.sqlite3"
    async with open_catalogue(path) as first, open_catalogue(path):
        await first.execute(DUNE)
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("SELECT count(*) FROM messages").fetchone() == (2,)
