"""Which format a file is, told by its header line alone."""

from __future__ import annotations

import csv

from . import calibre, goodreads, librarything, reading_club, spreadsheet, storygraph
from .cells import header_key
from .rows import CsvFormatError, Layout

FORMATS = (
    goodreads.NAME,
    librarything.NAME,
    storygraph.NAME,
    calibre.NAME,
    reading_club.NAME,
    spreadsheet.NAME,
)
"""Every format recognised, most specific first."""
_SPECIFIC = (goodreads.layout, librarything.layout, storygraph.layout, calibre.layout)


def recognise(header_line: str) -> Layout:
    """The layout of the file whose first line is ``header_line``: the first format whose
    columns it names (split at a comma, a semicolon or a tab), else a spreadsheet's columns;
    ``CsvFormatError`` when it names no title, author or ISBN column."""
    try:
        for delimiter in spreadsheet.DELIMITERS:
            cells = spreadsheet.header_cells(header_line, delimiter)
            keys = [header_key(cell) for cell in cells]
            for layout_of in (*_SPECIFIC, reading_club.layout):
                layout = layout_of(cells, keys, delimiter)
                if layout is not None:
                    return layout
        return spreadsheet.layout(header_line)
    except csv.Error as error:
        raise CsvFormatError(f"the first line cannot be read: {error}") from None
