"""Reading messy CSV files and writing safe ones."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from core.bootstrap import Catalogue
from core.transfer.catalogue_files import open_import
from core.transfer.csv_format import (
    CsvBooks,
    CsvFormatError,
    atomic_text_file,
    header_key,
    neutralise,
    unquote_cell,
)
from tests.support.isbn import isbn13
from tests.transfer.conftest import write_csv


def rows_of(path: Path) -> list[tuple[int, str, str, str]]:
    """(line, title, author, isbn) of every data row."""
    books = CsvBooks.open(path)
    try:
        return [(row.line, row.title, row.author, row.isbn) for row in books.rows()]
    finally:
        books.close()


def test_a_bom_and_semicolons_are_understood(tmp_path: Path) -> None:
    """A UTF-8 BOM is dropped and the semicolon delimiter is sniffed from the header."""
    path = write_csv(
        tmp_path / "b.csv", "\ufeffTitle;Authors;ISBN-13\r\nDune;Frank Herbert;0441013597\r\n"
    )
    assert rows_of(path) == [(2, "Dune", "Frank Herbert", "0441013597")]


def test_tabs_are_sniffed_too(tmp_path: Path) -> None:
    """A tab-separated file is read as such."""
    path = write_csv(tmp_path / "t.csv", "isbn\ttitle\tauthor\n0441013597\tDune\tHerbert\n")
    assert rows_of(path) == [(2, "Dune", "Herbert", "0441013597")]


def test_quoted_newlines_blank_lines_and_extra_columns_keep_line_numbers(tmp_path: Path) -> None:
    """A quoted newline spans lines, blank lines are skipped, extra columns ignored, and each
    row reports the line it starts on."""
    text = (
        "\n"
        "Title,Author,ISBN,Shelf\n"
        '"Two\nlines",Someone,0441013597,A\n'
        "\n"
        "Next,Other,0-321-12521-5,B,extra\n"
    )
    path = write_csv(tmp_path / "m.csv", text)
    assert rows_of(path) == [
        (3, "Two\nlines", "Someone", "0441013597"),
        (6, "Next", "Other", "0-321-12521-5"),
    ]


def test_isbns_stay_text_with_leading_zeros_and_x(tmp_path: Path) -> None:
    """ISBN cells are kept as typed, a spreadsheet's ="..." wrapper removed."""
    path = write_csv(tmp_path / "x.csv", 'title,author,isbn\nA,B,="0306406152"\nC,D,080442957X\n')
    assert [row[3] for row in rows_of(path)] == ["0306406152", "080442957X"]


def test_a_missing_header_is_an_unusable_file(tmp_path: Path) -> None:
    """A file whose first line names no columns is refused with a message saying so."""
    path = write_csv(tmp_path / "h.csv", "Dune,Frank Herbert,0441013597\n")
    with pytest.raises(CsvFormatError, match="must name the columns"):
        rows_of(path)


def test_a_header_without_an_author_column_names_what_is_missing(tmp_path: Path) -> None:
    """The message names the missing column."""
    path = write_csv(tmp_path / "a.csv", "title,isbn\nDune,0441013597\n")
    with pytest.raises(CsvFormatError, match="no author column"):
        rows_of(path)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02title", "not a text file"),
        (b"title,author,isbn\n\x81\x8d,\x90\x9d,0441013597\n" * 50, "not text in UTF-8 or"),
    ],
)
def test_files_that_are_not_text_are_refused(tmp_path: Path, content: bytes, reason: str) -> None:
    """Empty and binary files, and files neither UTF-8 nor Windows-1252, are refused before any
    row is read."""
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CsvFormatError, match=reason):
        CsvBooks.open(path)


def test_a_missing_file_is_refused_with_its_name(tmp_path: Path) -> None:
    """A file that cannot be opened is a CsvFormatError naming it."""
    with pytest.raises(CsvFormatError, match="cannot read"):
        CsvBooks.open(tmp_path / "nowhere.csv")


@pytest.mark.parametrize("name", ["ISBN-13", "isbn 13", "Isbn_13", " ISBN13 "])
def test_header_names_ignore_case_spaces_and_punctuation(name: str) -> None:
    """Common spellings of one header name are the same key."""
    assert header_key(name) == "isbn13"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted"])
def test_formula_like_cells_are_neutralised_and_read_back_unchanged(cell: str) -> None:
    """A cell a spreadsheet would evaluate gets an apostrophe, which reading removes again."""
    safe = neutralise(cell)
    assert safe == "'" + cell
    assert unquote_cell(safe) == cell


def test_ordinary_cells_are_written_as_they_are() -> None:
    """Text that starts with a letter or digit is not touched."""
    assert neutralise("Dune") == "Dune"
    assert neutralise("978-0-441") == "978-0-441"


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    """An error while writing keeps the destination's old bytes and removes the temporary."""
    target = write_csv(tmp_path / "books.csv", "old content\n")

    def write_half_then_fail() -> None:
        with atomic_text_file(target) as stream:
            stream.write("half a file")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_half_then_fail()
    assert target.read_text() == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["books.csv"]


def test_a_windows_1252_file_is_read_as_such_and_says_so(tmp_path: Path) -> None:
    """A file that is not UTF-8 (LibraryThing's export often is not) is read as cp1252."""
    path = write_csv(
        tmp_path / "w.csv", "title,author,isbn\nL'été,Anaïs,0441013597\nŒuvres €,Zoë,\n", "cp1252"
    )
    books = CsvBooks.open(path)
    books.close()
    assert books.encoding == "Windows-1252"
    assert [row[1:3] for row in rows_of(path)] == [("L'été", "Anaïs"), ("Œuvres €", "Zoë")]


@pytest.mark.parametrize(
    ("codec", "name"), [("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE")]
)
def test_a_utf16_file_with_a_bom_is_read(tmp_path: Path, codec: str, name: str) -> None:
    """Excel's "Unicode Text" (UTF-16 with a BOM, tab-separated, CR LF) is read whole, and the
    bytes read reach the file's size."""
    text = (
        "Title\tAuthor\tISBN\r\n"
        "L'été\tAnaïs Nin\t0441013597\r\n"
        '"Two\r\nlines"\t\U0001f4da Kim\t\r\n'
    )
    path = tmp_path / "unicode.txt"
    path.write_bytes("\ufeff".encode(codec) + text.encode(codec))
    books = CsvBooks.open(path)
    try:
        rows = list(books.rows())
    finally:
        books.close()
    assert (books.encoding, books.delimiter) == (name, "\t")
    assert [(r.line, r.title, r.author, r.isbn) for r in rows] == [
        (2, "L'été", "Anaïs Nin", "0441013597"),
        (3, "Two\r\nlines", "\U0001f4da Kim", ""),
    ]
    assert rows[-1].bytes_read == books.size


def test_a_utf8_bom_is_named_utf8(tmp_path: Path) -> None:
    """A BOM of UTF-8 is dropped and the file read as UTF-8."""
    books = CsvBooks.open(write_csv(tmp_path / "b.csv", "\ufefftitle,author,isbn\nÉté,A,\n"))
    books.close()
    assert books.encoding == "UTF-8"


def test_a_latin1_line_among_utf8_lines_near_the_start_fails_alone(tmp_path: Path) -> None:
    """The first 64 KiB are mostly UTF-8: the file stays UTF-8 and only the Latin-1 line has
    undecodable bytes (which the import reports for that row)."""
    head = "title,author,isbn\nÉté,Zoë,0441013597\n".encode()
    path = tmp_path / "mixed.csv"
    path.write_bytes(head + b"Caf\xe9,Someone,0201485672\n" + "Noël,Ève,\n".encode())
    books = CsvBooks.open(path)
    try:
        titles = [row.title for row in books.rows()]
    finally:
        books.close()
    assert books.encoding == "UTF-8"
    assert titles == ["Été", "Caf\udce9", "Noël"]


def test_classic_mac_line_endings_are_read(tmp_path: Path) -> None:
    """Lines ending with CR alone (``printf 'title,author,isbn\\rA,B,0201485672\\r'``)."""
    path = tmp_path / "mac.csv"
    path.write_bytes(b'title,author,isbn\rA,B,0201485672\r"Two\rlines",C,\rD,E,0441013597')
    assert rows_of(path) == [
        (2, "A", "B", "0201485672"),
        (3, "Two\rlines", "C", ""),
        (5, "D", "E", "0441013597"),
    ]


def test_an_unclosed_quote_is_reported_at_the_line_it_opens(tmp_path: Path) -> None:
    """The rows before it are read; then the quote opened on line 3 and never closed is named
    (it used to swallow the rest of the file into one cell)."""
    path = write_csv(
        tmp_path / "q.csv", 'title,author,isbn\nA,B,0201485672\n"C,D,0441013597\nE,F,\nG,H,\n'
    )
    books = CsvBooks.open(path)
    rows = books.rows()
    try:
        assert next(rows).title == "A"
        with pytest.raises(CsvFormatError, match=r"^unclosed quote starting at line 3$"):
            next(rows)
    finally:
        books.close()


def test_a_last_line_ending_in_a_closed_quote_without_a_newline_is_read(tmp_path: Path) -> None:
    """A closed quote at the very end of the file is not mistaken for an open one."""
    path = write_csv(tmp_path / "e.csv", 'title,author,isbn\nA,"B, C","0201485672"')
    assert rows_of(path) == [(2, "A", "B, C", "0201485672")]


def test_a_lone_cr_inside_an_unquoted_cell_is_reported_in_words(tmp_path: Path) -> None:
    """A CR in the middle of a line of an LF file stops reading with a message for people."""
    path = write_csv(tmp_path / "cr.csv", "title,author,isbn\nA,B,\nC\rD,E,\n")
    with pytest.raises(CsvFormatError, match=r"line 3: a line break \(CR\) inside a cell"):
        rows_of(path)


async def test_mac_and_utf16_files_import_end_to_end(catalogue: Catalogue, tmp_path: Path) -> None:
    """Both files that used to fail (a traceback; "not a text file") import their books."""
    mac = tmp_path / "mac.csv"
    mac.write_bytes(f"title,author,isbn\rA,B,{isbn13(1)}\r".encode())
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(f"\ufefftitle\tauthor\tisbn\r\nC\tD\t{isbn13(2)}\r\n".encode("utf-16-le"))
    for path in (mac, utf16):
        report = await open_import(catalogue, path).run()
        assert (report.imported, report.error, report.failed) == (1, "", [])
    assert await catalogue.views.count_books() == 2


def test_an_export_writes_through_a_symlink_and_keeps_the_link(tmp_path: Path) -> None:
    """The file the link points to gets the new text; the link is still a link."""
    real = write_csv(tmp_path / "real.csv", "old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with atomic_text_file(link, encoding="utf-8") as stream:
        stream.write("new\n")
    assert link.is_symlink()
    assert real.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.mkdir(), "it is a folder, not a file"),
        (lambda p: os.mkfifo(p), "it is a named pipe .FIFO., not a regular file"),
    ],
)
def test_an_export_refuses_a_folder_or_a_fifo_and_leaves_it(
    tmp_path: Path, make: Callable[[Path], None], reason: str
) -> None:
    """Something that is not a regular file is refused with an OSError saying what it is,
    before anything is written, instead of being replaced by a file."""
    target = tmp_path / "out.csv"
    make(target)
    kind = stat.S_IFMT(target.stat().st_mode)
    with pytest.raises(OSError, match=reason) as refused, atomic_text_file(target) as stream:
        stream.write("never written")
    assert refused.value.strerror is not None
    assert stat.S_IFMT(target.stat().st_mode) == kind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_an_export_refuses_a_device(tmp_path: Path) -> None:
    """A link to /dev/null (a character device) is refused: it is not replaced by a file."""
    link = tmp_path / "null.csv"
    link.symlink_to("/dev/null")
    with pytest.raises(OSError, match="it is a device"), atomic_text_file(link) as stream:
        stream.write("never written")
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600])
def test_an_export_keeps_the_permission_bits_of_the_file_it_replaces(
    tmp_path: Path, mode: int
) -> None:
    """An existing file keeps its mode (a 0644 file stays 0644)."""
    target = write_csv(tmp_path / "out.csv", "old\n")
    target.chmod(mode)
    with atomic_text_file(target) as stream:
        stream.write("new\n")
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_a_new_export_gets_the_mode_the_umask_gives(tmp_path: Path, umask: int, mode: int) -> None:
    """A new file is created with 0666 less the umask, not a temporary file's 0600."""
    before = os.umask(umask)
    try:
        with atomic_text_file(tmp_path / "new.csv") as stream:
            stream.write("new\n")
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == mode
