"""CSV files of books: reading (BOM, delimiter, header names) and writing (safe cells, atomic).

Reading streams the file: rows come with the number of the line they start on and the bytes
read so far (for a progress bar). Writing neutralises cells a spreadsheet would evaluate and
replaces the destination only once the whole file is on disk.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

FIELDS = ("title", "author", "isbn")
DELIMITERS = (",", ";", "\t")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
"""Cells starting so get a leading apostrophe (the apostrophe itself too, so that reading
back can strip exactly one)."""
_SAMPLE_BYTES = 64 * 1024
_SYNONYMS = {
    "title": {"title", "booktitle", "name", "titre", "titel", "titulo"},
    "author": {"author", "authors", "authorname", "writer", "writers", "by", "auteur", "autor"},
    "isbn": {"isbn13", "isbn", "ean", "ean13", "isbn10"},
}
_ISBN_PREFERENCE = ("isbn13", "ean13", "isbn", "ean", "isbn10")
_NOT_IN_NAME = re.compile(r"[\s\-_()./:#]+")
_EXCEL_TEXT = re.compile(r'^="(.*)"$')


class CsvFormatError(ValueError):
    """The file cannot be read as a CSV of books; the message says why, for the user."""


def header_key(name: str) -> str:
    """A header cell without case, spaces and punctuation ("ISBN-13" -> "isbn13")."""
    return _NOT_IN_NAME.sub("", name.strip().casefold())


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Where each field is: one column for title and author, ISBN columns by preference."""

    title: int
    author: int
    isbns: tuple[int, ...]

    def pick(self, cells: Sequence[str]) -> tuple[str, str, str]:
        """(title, author, isbn) of a row; a missing cell is empty."""
        count = len(cells)
        title = cells[self.title] if self.title < count else ""
        author = cells[self.author] if self.author < count else ""
        isbn = next((cells[i] for i in self.isbns if i < count and cells[i].strip()), "")
        return unquote_cell(title), unquote_cell(author), isbn_text(isbn)


def map_header(cells: Sequence[str]) -> ColumnMap:
    """Find title, author and ISBN columns; ``CsvFormatError`` naming what is missing."""
    keys = [header_key(cell) for cell in cells]
    found: dict[str, int] = {}
    for field in ("title", "author"):
        index = next((i for i, key in enumerate(keys) if key in _SYNONYMS[field]), None)
        if index is not None:
            found[field] = index
    isbns = tuple(i for name in _ISBN_PREFERENCE for i, key in enumerate(keys) if key == name)
    missing = [f for f in FIELDS if (f not in found if f != "isbn" else not isbns)]
    if missing:
        shown = ", ".join(cell.strip() for cell in cells if cell.strip()) or "nothing"
        raise CsvFormatError(
            f"the first line must name the columns title, author and isbn; "
            f"no {' or '.join(missing)} column among: {shown}"
        )
    return ColumnMap(found["title"], found["author"], isbns)


def unquote_cell(text: str) -> str:
    """Undo :func:`neutralise`: drop the apostrophe put before a formula-like start."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


def isbn_text(text: str) -> str:
    """An ISBN cell as text: spreadsheets' ``="0123..."`` form unwrapped, nothing else changed."""
    match = _EXCEL_TEXT.match(text.strip()) if "=" in text else None
    return match.group(1) if match else unquote_cell(text)


def neutralise(text: str) -> str:
    """A cell a spreadsheet shows as text: an apostrophe before ``= + - @``, tab or CR."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(slots=True)
class CsvRow:
    """One data row: the line it starts on, its fields, and the bytes read up to its end."""

    line: int
    title: str
    author: str
    isbn: str
    bytes_read: int


class CsvBooks:
    """Rows of a CSV file of books, read lazily; open it with :meth:`open`.

    ``size`` is the file's size in bytes. A line that is not UTF-8 is read with its bad
    bytes as lone surrogates (``not_utf8`` tells), so one bad row does not stop the rest.
    """

    def __init__(self, stream: BinaryIO, size: int) -> None:
        self._stream = stream
        self.size = size
        self.bytes_read = 0
        self.delimiter = ","
        self.columns: ColumnMap | None = None

    @classmethod
    def open(cls, path: Path) -> CsvBooks:
        """Open ``path``, check it is text, sniff the delimiter and map the header."""
        try:
            stream = path.open("rb")
        except OSError as error:
            raise CsvFormatError(f"cannot read {path}: {error.strerror}") from None
        try:
            books = cls(stream, os.fstat(stream.fileno()).st_size)
            books._check_sample(stream.peek(_SAMPLE_BYTES)[:_SAMPLE_BYTES])
        except BaseException:
            stream.close()
            raise
        return books

    def close(self) -> None:
        """Close the file."""
        self._stream.close()

    def _check_sample(self, sample: bytes) -> None:
        if not sample.strip():
            raise CsvFormatError("the file is empty")
        if b"\x00" in sample:
            raise CsvFormatError("this is not a text file (it contains NUL bytes)")
        try:
            sample.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            if error.start < len(sample) - 3:  # not just a character cut by the sample's end
                raise CsvFormatError(
                    "the file is not UTF-8 text; save it from the spreadsheet as CSV UTF-8"
                ) from None

    def _lines(self) -> Iterator[str]:
        first = True
        for raw in self._stream:
            self.bytes_read += len(raw)
            if first:
                raw, first = raw.removeprefix(b"\xef\xbb\xbf"), False
            yield raw.decode("utf-8", errors="surrogateescape")

    def rows(self) -> Iterator[CsvRow]:
        """The data rows; blank lines are skipped. Raises ``CsvFormatError`` on the header, and
        at the line where the rest of the file cannot be read."""
        lines = self._lines()
        header_number = 0
        for header_line in lines:
            header_number += 1
            if header_line.strip():
                break
        else:
            raise CsvFormatError("the file has no header line")
        self.delimiter, self.columns = _sniff(header_line)
        reader = csv.reader(lines, delimiter=self.delimiter, strict=False)
        before = 0
        try:
            for cells in reader:
                line, before = header_number + before + 1, reader.line_num
                if any(map(str.strip, cells)):
                    title, author, isbn = self.columns.pick(cells)
                    yield CsvRow(line, title, author, isbn, self.bytes_read)
        except csv.Error as error:
            raise CsvFormatError(f"line {header_number + before + 1}: {_problem(error)}") from None
        except OSError as error:
            raise CsvFormatError(
                f"line {header_number + before + 1}: the file could not be read further "
                f"({error.strerror or error})"
            ) from None


def _problem(error: csv.Error) -> str:
    """What a ``csv`` error (strict=False leaves few) means for the user."""
    text = str(error)
    if "field larger than field limit" in text:
        return f"a cell is longer than {csv.field_size_limit():,} characters (an unclosed quote?)"
    return text


def _sniff(header_line: str) -> tuple[str, ColumnMap]:
    """The delimiter whose split of the header names the most fields, and the column map."""
    best: tuple[int, str] = (-1, ",")
    for delimiter in DELIMITERS:
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
        known = {header_key(c) for c in cells} & set().union(*_SYNONYMS.values())
        score = len(known) * 100 + len(cells)
        if score > best[0]:
            best = (score, delimiter)
    cells = next(csv.reader([header_line], delimiter=best[1]), [])
    return best[1], map_header(cells)


@contextmanager
def atomic_text_file(path: Path, encoding: str = "utf-8-sig") -> Iterator[IO[str]]:
    """A text file (by default UTF-8 with a BOM, which spreadsheets need to recognise UTF-8)
    written next to ``path`` and,
    when the block ends without error, fsynced and put in place with ``os.replace``.

    On any failure the temporary file is removed and ``path`` is left as it was.
    """
    folder = path.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # e.g. Windows: folders cannot be opened; the replace is done all the same
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def csv_writer(stream: IO[str]) -> Callable[[Iterable[str]], None]:
    """A function writing one row of neutralised cells (comma-separated, quoted as needed)."""
    writer = csv.writer(stream, lineterminator="\r\n")

    def write_row(cells: Iterable[str]) -> None:
        writer.writerow([neutralise(cell) for cell in cells])

    return write_row
