"""Our own export: ``title,author,isbn,registered_at`` (see ``core.transfer.exporter``), read as
a spreadsheet that also keeps each book's registration time."""

from __future__ import annotations

from .rows import CsvFormatError, Layout
from .spreadsheet import RegisteredRows, map_header

NAME = "Reading Club"


def layout(cells: list[str], keys: list[str], delimiter: str) -> Layout | None:
    """The layout of our export's header (its columns in any order), else ``None``."""
    if "registeredat" not in keys:
        return None
    try:
        columns = map_header(cells)
    except CsvFormatError:
        return None
    rows = RegisteredRows(columns, NAME, keys.index("registeredat"))
    return Layout(NAME, delimiter, rows.row)
