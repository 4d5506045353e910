"""Our own export: ``title,author,isbn,registered_at,tags,copies`` (see
``core.transfer.exporter``), read as a spreadsheet that also keeps each book's registration
time, tags and copies (older exports lack the last columns)."""

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
    tags = keys.index("tags") if "tags" in keys else None
    copies = keys.index("copies") if "copies" in keys else None
    rows = RegisteredRows(columns, NAME, keys.index("registeredat"), tags, copies)
    return Layout(NAME, delimiter, rows.row)
