"""Issue 20's command-line scenarios, run as the user runs them (``reading-club ...`` in a child
process): each either works or ends with one clear ``reading-club:`` line, never a traceback.

Items: 3 (classic Mac line ends), 4 (bytes that are not UTF-8 in an argument), 6 (an ISBN
searched in any form), 8 (export through a link, a FIFO refused, the mode kept), 12 (URL
typos), 13 (UTF-16), 14 (an unclosed quote), 15 (Turkish dotless i).
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.reliability.conftest import run_cli
from tests.reliability.test_startup_faults import assert_refused_clearly

DUNE = "0441013597"  # ISBN-10 of Dune, 978-0-441-01359-3
MAC_CSV = b"title,author,isbn\rA,B,0201485672\r"


def import_bytes(tmp_path: Path, data: bytes, name: str = "books.csv") -> tuple[Path, str]:
    """Import a file holding ``data`` into a new catalogue; the catalogue and stderr."""
    source = tmp_path / name
    source.write_bytes(data)
    database = tmp_path / "library.sqlite3"
    done = run_cli("import", str(source), "--database", str(database))
    assert done.returncode == 0, done.stderr
    return database, done.stderr


def listed(database: Path, *options: str) -> list[list[str]]:
    """``reading-club list OPTIONS``: its rows, split in cells."""
    done = run_cli("list", "--database", str(database), *options)
    assert done.returncode == 0, done.stderr
    return [line.split("\t") for line in done.stdout.splitlines()]


def test_classic_mac_line_ends_are_read(tmp_path: Path) -> None:
    """``printf 'title,author,isbn\\rA,B,0201485672\\r'`` imports its one book (item 3)."""
    database, stderr = import_bytes(tmp_path, MAC_CSV)
    assert "1 imported" in stderr
    assert [row[:3] for row in listed(database)] == [["A", "B", "978-0-201-48567-7"]]


def test_an_argument_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    """``--search $'caf\\xe9'`` from a Latin-1 terminal, and such a ``--database`` path:
    one line naming the option, exit 2, nothing created (item 4)."""
    database, _ = import_bytes(tmp_path, MAC_CSV)
    done = run_cli("list", "--search", "caf\udce9", "--database", str(database))
    assert_refused_clearly(done.returncode, done.stderr, '--search "caf\\xe9" is not UTF-8')
    elsewhere = tmp_path / "caf\udce9.db"
    done = run_cli("list", "--database", str(elsewhere))
    assert_refused_clearly(done.returncode, done.stderr, "is not UTF-8 text")
    assert not os.path.lexists(elsewhere)


def test_an_isbn_is_found_in_any_form(tmp_path: Path) -> None:
    """The ISBN as the list shows it, hyphenated ISBN-10 or bare digits finds the book
    (item 6)."""
    database, _ = import_bytes(tmp_path, f"title,author,isbn\nDune,Herbert,{DUNE}\n".encode())
    for typed in ("978-0-441-01359-3", DUNE, "0-441-01359-7", "9780441013593"):
        assert [row[0] for row in listed(database, "--search", typed)] == ["Dune"], typed


def test_turkish_dotless_i_is_folded(tmp_path: Path) -> None:
    """``IĞDIR`` and ``ığdır`` find "Iğdır" (item 15)."""
    database, _ = import_bytes(tmp_path, f"title,author,isbn\nIğdır,B,{DUNE}\n".encode())
    for typed in ("IĞDIR", "ığdır", "Iğdır"):
        assert [row[0] for row in listed(database, "--search", typed)] == ["Iğdır"]


def test_a_utf16_file_is_read(tmp_path: Path) -> None:
    """Excel's "Unicode Text" (UTF-16 with BOM, tabs, CR LF) imports (item 13)."""
    text = f"Title\tAuthor\tISBN\r\nL'été\tAnaïs Nin\t{DUNE}\r\n"
    database, _ = import_bytes(tmp_path, text.encode("utf-16"), "unicode.txt")
    assert [row[:2] for row in listed(database)] == [["L'été", "Anaïs Nin"]]


def test_an_unclosed_quote_is_named_where_it_opens(tmp_path: Path) -> None:
    """A quote never closed on line 2: "unclosed quote starting at line 2", exit 2, and no
    book imported (item 14)."""
    source = tmp_path / "quote.csv"
    source.write_text(f'title,author,isbn\n"A,B,0201485672\nC,D,{DUNE}\n')
    database = tmp_path / "library.sqlite3"
    done = run_cli("import", str(source), "--database", str(database))
    assert_refused_clearly(done.returncode, done.stderr, "unclosed quote starting at line 2")
    assert listed(database) == []


def test_export_writes_through_a_link_refuses_a_fifo_and_keeps_the_mode(tmp_path: Path) -> None:
    """The export replaces neither a symlink nor a FIFO, and keeps a 0644 file 0644
    (item 8)."""
    database, _ = import_bytes(tmp_path, MAC_CSV)
    real, link = tmp_path / "real.csv", tmp_path / "link.csv"
    real.write_text("old\n")
    real.chmod(0o644)
    link.symlink_to(real)
    done = run_cli("export", str(link), "--database", str(database))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert "978-0-201-48567-7" in real.read_text(encoding="utf-8-sig")
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    done = run_cli("export", str(fifo), "--database", str(database), timeout=30)
    assert_refused_clearly(done.returncode, done.stderr, "named pipe")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize(
    ("url", "phrase"),
    [
        ("postgresql+asyncpg://club@127.0.0.1:99999/club", "port 99999 is not between"),
        ("postgres://club@127.0.0.1:1/club", "cannot reach the catalogue"),
        ("mysql://club@127.0.0.1/club", "cannot open a 'mysql' database"),
        ("postgresql://club@[::1/club", "the database URL is not valid"),
    ],
)
def test_a_mistyped_url_is_one_clear_line(url: str, phrase: str) -> None:
    """Port 99999, ``postgres://`` (a server that is not there), ``mysql://``, a broken
    host: one line, exit 2 (item 12)."""
    done: subprocess.CompletedProcess[str] = run_cli("list", "--database", url)
    assert_refused_clearly(done.returncode, done.stderr, phrase)
