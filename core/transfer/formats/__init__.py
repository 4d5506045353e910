"""The formats of book files we read: one module each (Goodreads, LibraryThing, StoryGraph,
Calibre, our own export, generic spreadsheets), told apart by :func:`recognise` from the header
line. Each turns a data line's cells into a :class:`CsvRow` that keeps what the file says of the
book: authors, ISBN, rating, review, reading date, tags, copies, loan, and its id there."""

from .recognise import FORMATS, recognise
from .rows import CsvFormatError, CsvRow, Layout, LoanRecord

__all__ = ["FORMATS", "CsvFormatError", "CsvRow", "Layout", "LoanRecord", "recognise"]
