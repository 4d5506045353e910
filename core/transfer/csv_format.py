"""CSV files of books: reading (encoding, line ends, delimiter, format) and writing (safe cells,
atomic).

Reading streams the file: rows come with the number of the line they start on and the bytes
read so far (for a progress bar). The header line tells the format (``formats``), which says
what each row keeps. Writing neutralises cells a spreadsheet would evaluate and replaces the
destination only once the whole file is on disk.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO

from .formats import CsvFormatError, CsvRow, Layout, LoanRecord, recognise
from .formats.cells import FORMULA_STARTS, header_key, isbn_text, unquote_cell
from .formats.encoding import sniff_encoding
from .formats.spreadsheet import DELIMITERS, FIELDS, ColumnMap, map_header

__all__ = [
    "DELIMITERS",
    "FIELDS",
    "FORMULA_STARTS",
    "ColumnMap",
    "CsvBooks",
    "CsvFormatError",
    "CsvRow",
    "LoanRecord",
    "atomic_text_file",
    "csv_writer",
    "header_key",
    "isbn_text",
    "map_header",
    "neutralise",
    "unquote_cell",
]

_SAMPLE_BYTES = 64 * 1024
_END = "\x00end of file\x00\n"
"""The line read after the last one: a row of its own, unless a quote left open swallows it."""
_END_CELLS = [_END.removesuffix("\n")]


def neutralise(text: str) -> str:
    """A cell a spreadsheet shows as text: an apostrophe before ``= + - @``, tab or CR."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class CsvBooks:
    """Rows of a file of books, read lazily; open it with :meth:`open`.

    ``size`` is the file's size in bytes; ``encoding`` what it is read as ("UTF-8",
    "UTF-16 LE", "UTF-16 BE", "UTF-32 LE", "UTF-32 BE" or "Windows-1252": a byte order mark
    decides, else UTF-8 unless the first 64 KiB are mostly not UTF-8); ``format`` the format
    the header names (one of ``formats.FORMATS``; "" when the header is unusable, and
    :meth:`rows` says why); ``delimiter`` the delimiter. A line with bytes that do not decode
    is read with them as lone surrogates (``surrogateescape``), so one bad row does not stop
    the rest.
    """

    def __init__(self, stream: BinaryIO, size: int) -> None:
        self._stream = stream
        self.size = size
        self.bytes_read = 0
        self.encoding = "UTF-8"
        self.format = ""
        self.delimiter = ","
        self._layout: Layout | None = None
        self._problem = "the file has no header line"
        self._header_number = 0
        self._lines: Iterator[str] = iter(())
        self._at_end = False

    @classmethod
    def open(cls, path: Path) -> CsvBooks:
        """Open ``path``, check it is text, choose its encoding and read its header."""
        try:
            stream = io.BufferedReader(io.FileIO(path), _SAMPLE_BYTES)
        except OSError as error:
            raise CsvFormatError(f"cannot read {path}: {error.strerror}") from None
        try:
            books = cls(stream, os.fstat(stream.fileno()).st_size)
            books._start(stream.peek(_SAMPLE_BYTES)[:_SAMPLE_BYTES])
        except OSError as error:
            stream.close()
            raise CsvFormatError(f"cannot read {path}: {error.strerror or error}") from None
        except BaseException:
            stream.close()
            raise
        return books

    def close(self) -> None:
        """Close the file."""
        self._stream.close()

    def _start(self, sample: bytes) -> None:
        encoding = sniff_encoding(sample, whole=len(sample) >= self.size)
        self.encoding = encoding.name
        self.bytes_read = len(self._stream.read(len(encoding.bom)))
        if encoding.wide or (b"\r" in sample and b"\n" not in sample):
            self._lines = self._text_lines(encoding.codec)
        else:
            self._lines = self._byte_lines(encoding.codec)
        self._read_header()

    def _byte_lines(self, codec: str) -> Iterator[str]:
        """Lines ending with LF (or CR LF), decoded one by one: the fast path."""
        for raw in self._stream:
            self.bytes_read += len(raw)
            yield raw.decode(codec, "surrogateescape")
        self._at_end = True
        yield _END

    def _text_lines(self, codec: str) -> Iterator[str]:
        """Lines of a UTF-16 or UTF-32 file, or ending with CR alone (old Macs)."""
        text = io.TextIOWrapper(self._stream, codec, "surrogateescape", newline="")
        measure = "surrogateescape" if codec in ("utf-8", "cp1252") else "surrogatepass"
        try:
            for line in text:
                self.bytes_read = min(self.size, self.bytes_read + len(line.encode(codec, measure)))
                yield line
            self._at_end = True
            yield _END
        finally:
            if not text.closed:
                text.detach()  # the file is ours to close, not the wrapper's

    def _read_header(self) -> None:
        """Find the header (the first line that is not blank) and the format it names."""
        for line in self._lines:
            if line is _END:
                return
            self._header_number += 1
            if line.strip():
                try:
                    self._layout = recognise(line)
                except CsvFormatError as error:
                    self._problem = str(error)
                    return
                self.format, self.delimiter = self._layout.format, self._layout.delimiter
                return

    def rows(self) -> Iterator[CsvRow]:
        """The data rows; blank lines are skipped. Raises ``CsvFormatError`` on the header, and
        at the line where the rest of the file cannot be read."""
        if self._layout is None:
            raise CsvFormatError(self._problem)
        layout = self._layout
        reader = csv.reader(
            self._lines, delimiter=layout.delimiter, quoting=layout.quoting, strict=False
        )
        to_row, first, before = layout.to_row, self._header_number, 0
        try:
            for cells in reader:
                line, before = first + before + 1, reader.line_num
                lead = cells[0] if cells else ""  # most rows start with text: one cheap test
                if (lead and not lead.isspace()) or any(map(str.strip, cells)):
                    if self._at_end:  # the line after the last was read for this row
                        if cells != _END_CELLS:
                            raise CsvFormatError(f"unclosed quote starting at line {line}")
                        return
                    yield to_row(cells, line, self.bytes_read)
        except csv.Error as error:
            raise CsvFormatError(f"line {first + before + 1}: {_problem(error)}") from None
        except OSError as error:
            raise CsvFormatError(
                f"line {first + before + 1}: the file could not be read further "
                f"({error.strerror or error})"
            ) from None


def _problem(error: csv.Error) -> str:
    """What a ``csv`` error (strict=False leaves few) means for the user."""
    text = str(error)
    if "field larger than field limit" in text:
        return f"a cell is longer than {csv.field_size_limit():,} characters (an unclosed quote?)"
    if "new-line character seen in unquoted field" in text:
        return "a line break (CR) inside a cell that is not in quotes"
    return text


@contextmanager
def atomic_text_file(path: Path, encoding: str = "utf-8-sig") -> Iterator[IO[str]]:
    """A text file (by default UTF-8 with a BOM, which spreadsheets need to recognise UTF-8)
    written next to ``path`` and, when the block ends without error, fsynced and put in place
    with ``os.replace``.

    A symbolic link is written through: the file it points to is replaced and the link stays.
    A file already there keeps its permission bits; a new file gets the umask's. A folder, a
    named pipe, a device or a socket at ``path`` is refused with an ``OSError`` whose
    ``strerror`` says what it is, before anything is written. On any failure the temporary
    file is removed and ``path`` is left as it was.
    """
    target = Path(os.path.realpath(path))
    mode = _regular_file_mode(target, path)
    handle, temporary = _create_beside(target, 0o600 if mode is not None else 0o666)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            if mode is not None:
                os.chmod(temporary, mode)
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


_NOT_REGULAR = (
    (stat.S_ISDIR, errno.EISDIR, "it is a folder, not a file"),
    (stat.S_ISFIFO, errno.EINVAL, "it is a named pipe (FIFO), not a regular file"),
    (stat.S_ISCHR, errno.EINVAL, "it is a device, not a regular file"),
    (stat.S_ISBLK, errno.EINVAL, "it is a device, not a regular file"),
    (stat.S_ISSOCK, errno.EINVAL, "it is a socket, not a regular file"),
)


def _regular_file_mode(target: Path, named: Path) -> int | None:
    """The permission bits of the regular file at ``target``; ``None`` when there is none;
    ``OSError`` naming ``named`` when something else is there."""
    try:
        found = os.stat(target).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(found):
        return stat.S_IMODE(found)
    number, reason = next(
        ((n, r) for test, n, r in _NOT_REGULAR if test(found)),
        (errno.EINVAL, "it is not a regular file"),
    )
    raise OSError(number, reason, str(named))


def _create_beside(target: Path, mode: int) -> tuple[int, Path]:
    """A new, empty temporary file in ``target``'s folder, created with ``mode`` (less the
    umask), and its path."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        candidate = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(candidate, flags, mode), candidate
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(target.parent))


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
