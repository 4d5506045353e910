"""Cell rules shared by the formats: header names, spreadsheet quirks, and the text of ratings,
dates, tags, names and reviews as exports write them."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from stdnum import isbn as stdnum_isbn

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
"""Cells starting so get a leading apostrophe on export (the apostrophe itself too, so that
reading back can strip exactly one)."""
TAG_LENGTH = 50

_NOT_IN_NAME = re.compile(r"[\s\-_()./:#]+")
_EXCEL_TEXT = re.compile(r'^="(.*)"$')
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_DAY = re.compile(r"\s*\[?(\d{4})[/-](\d{1,2})[/-](\d{1,2})")
_STARS = {f"{half / 2:g}": half for half in range(11)} | {f"{n}.0": 2 * n for n in range(6)}
"""The usual ratings ("4", "4.5", "4.0") without the cost of a ``Decimal``."""
_ONE = Decimal(1)


def header_key(name: str) -> str:
    """A header cell without case, spaces and punctuation ("ISBN-13" -> "isbn13")."""
    return _NOT_IN_NAME.sub("", name.strip().casefold())


def index_of(keys: Sequence[str], *names: str) -> int:
    """The column of the first of ``names`` among the header's keys; ``len(keys)`` (the empty
    cell :func:`fit` adds) when the file has none of them."""
    return next((keys.index(name) for name in names if name in keys), len(keys))


def fit(cells: list[str], width: int) -> list[str]:
    """``cells`` cut or padded to ``width``, then one empty cell more (index ``width``, where
    :func:`index_of` points for a column the file lacks)."""
    missing = width - len(cells)
    if missing > 0:
        cells.extend([""] * missing)
    elif missing < 0:
        del cells[width:]
    cells.append("")
    return cells


def unquote_cell(text: str) -> str:
    """Undo ``neutralise``: drop the apostrophe put before a formula-like start."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


def isbn_text(text: str) -> str:
    """An ISBN cell as text: spreadsheets' ``="0123..."`` form unwrapped, nothing else changed."""
    match = _EXCEL_TEXT.match(text.strip()) if "=" in text else None
    return match.group(1) if match else unquote_cell(text)


def is_isbn(text: str) -> bool:
    """Whether ``text`` is a valid ISBN-10 or ISBN-13 (hyphens and spaces allowed)."""
    return bool(text) and bool(stdnum_isbn.is_valid(text))


def stars(text: str) -> int | None:
    """A rating of 0-5 stars (decimals allowed) on the 0-10 scale, rounded half up; ``None``
    when the cell is empty or holds no such rating."""
    known = _STARS.get(text)
    if known is not None:
        return known
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite() or not 0 <= value <= 5:
        return None
    return int((value * 2).quantize(_ONE, rounding=ROUND_HALF_UP))


def day(text: str) -> date | None:
    """The date of a cell written 2023/05/14, 2023-05-14 or [2023-05-14] (a time after it is
    ignored); ``None`` when there is none."""
    try:
        if len(text) == 10 and text[4] == text[7] and text[4] in "/-":  # the usual shape
            return date(int(text[:4]), int(text[5:7]), int(text[8:]))
        match = _DAY.match(text) if text else None
        return date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:
        return None


def moment(text: str) -> datetime | None:
    """An ISO 8601 date and time (UTC when it has no offset); ``None`` when there is none."""
    text = text.strip()
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def whole_number(text: str) -> int | None:
    """A cell holding a whole number of 0 or more; ``None`` otherwise."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def distinct(items: Iterable[str]) -> tuple[str, ...]:
    """The items trimmed, without empty ones and repeats (ignoring case), in their first order."""
    seen: dict[str, str] = {}
    for item in items:
        text = item.strip()
        if text:
            seen.setdefault(text.casefold(), text)
    return tuple(seen.values())


def tag_set(*cells: str) -> tuple[str, ...]:
    """The tags of comma-separated cells: trimmed, cut to 50 characters, distinct ignoring
    case, in their first order."""
    seen: dict[str, str] = {}
    for cell in cells:
        if cell:
            for part in cell.split(","):
                tag = part.strip()[:TAG_LENGTH].rstrip()
                if tag:
                    seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


def plain_text(text: str) -> str:
    """A review as plain text: ``<br/>`` and ``<br>`` are line breaks, other tags are dropped,
    character references decoded (``html.unescape``), line ends made ``\\n``; trimmed."""
    if "<" in text or "&" in text:
        text = html.unescape(_HTML_TAG.sub("", _LINE_BREAK.sub("\n", text)))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()
