"""The BookDetails aggregate: what is known of a book beyond the seed's four fields.

Details are optional, kept apart from the book (their own table), so a catalogue that never
looks anything up is unchanged. Each change records its source ("Open Library", "you"):
a look-up never passes for something the user typed.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from core.bus import Model

from .control import has_control
from .isbn import MAX_TEXT_LENGTH
from .model import BookId

YOU = "you"
"""The source of details typed by the user."""
UNDO = "undo"
"""The source of details brought back by an undo."""
MAX_PAGES = 100_000
FIRST_YEAR, LAST_YEAR = 1000, 2999
_YEAR = re.compile(r"(?<!\d)(1\d{3}|2\d{3})(?!\d)")


def clean_detail(value: str) -> str:
    """A subtitle or publisher: trimmed, possibly empty, at most 500 characters, no control
    characters. Raises ``ValueError`` with a phrase that reads after the field's name."""
    text = value.strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"is longer than {MAX_TEXT_LENGTH} characters ({len(text)})")
    if has_control(text):
        raise ValueError("contains a control character")
    return text


def clean_source(value: str) -> str:
    """Who gave the details: trimmed, 1 to 80 characters."""
    text = clean_detail(value)
    if not text or len(text) > 80:
        raise ValueError("must have 1 to 80 characters")
    return text


def year_of(publish_date: str) -> int | None:
    """The year in a free-form publication date ("September 1, 1999", "1999-09", "c1988"),
    or ``None`` when it names none."""
    found = _YEAR.search(publish_date)
    return int(found.group(1)) if found else None


DetailText = Annotated[str, AfterValidator(clean_detail)]
"""A subtitle or publisher name (empty when unknown)."""
Source = Annotated[str, AfterValidator(clean_source)]
"""Where details came from."""
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Pages = Annotated[int, Field(ge=1, le=MAX_PAGES)]
CoverId = Annotated[int, Field(ge=1)]


class DetailsState(BaseModel):
    """The details' values, all optional: what they were before a change, or what an undo
    expects them still to be. All empty means "no details"."""

    model_config = ConfigDict(frozen=True)

    subtitle: DetailText = ""
    publisher: DetailText = ""
    year: Year | None = None
    pages: Pages | None = None
    cover_id: CoverId | None = None

    @classmethod
    def of(cls, values: object) -> DetailsState:
        """The details held by ``values`` (a command, an event or the aggregate)."""
        return cls(**{name: getattr(values, name) for name in cls.model_fields})

    @property
    def empty(self) -> bool:
        """Whether nothing is known."""
        return self == DetailsState()


class BookDetails(Model):
    """The details of the book ``book_id`` and the source of their last change."""

    book_id: BookId
    subtitle: DetailText = ""
    publisher: DetailText = ""
    year: Year | None = None
    pages: Pages | None = None
    cover_id: CoverId | None = None
    source: str = ""

    @property
    def state(self) -> DetailsState:
        """The values, without the book and the source."""
        return DetailsState.of(self)
