"""Commands and events of the book catalogue's books: register, edit, delete and restore a
book, its details, tags and the ids it has in imported files (re-exported by
``core.domain.messages``).

Fields are validated when a message is built: a bad ISBN or an empty title is a pydantic
``ValidationError`` whose location names the field.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, model_validator

from core.bus import Command, Event, Field, Metadata
from core.bus.ids import uuid7

from .book_details import YOU, CoverId, DetailsState, DetailText, Pages, Source, Year
from .isbn import MAX_TEXT_LENGTH, BookText, Isbn
from .loan_messages import CopyState
from .member import MemberId
from .model import BookId
from .review import Comment, Rate, ReviewId
from .tags import TagText


class RegisterBook(Command):
    """Add a book to the catalogue; ``registered_at`` keeps an earlier registration time (a
    book brought back from an export), otherwise it is registered now."""

    id: BookId = Field(default_factory=uuid7)
    title: BookText
    author: BookText
    isbn: Isbn
    registered_at: datetime | None = None
    metadata: Metadata = Metadata(name="register_book", schema_version=1)


class RegisterBookV2(Command):
    """Add a book written by several authors; its author is their names joined by ", "."""

    id: BookId = Field(default_factory=uuid7)
    title: BookText
    authors: list[BookText] = Field(min_length=1)
    isbn: Isbn
    metadata: Metadata = Metadata(name="register_book", schema_version=2)

    @model_validator(mode="after")
    def _author_fits(self) -> RegisterBookV2:
        if len(self.author) > MAX_TEXT_LENGTH:
            raise ValueError(f"authors joined are longer than {MAX_TEXT_LENGTH} characters")
        return self

    @property
    def author(self) -> str:
        """The authors as one author string."""
        return ", ".join(self.authors)


class BookRegistered(Event):
    """A book was added to the catalogue, registered at ``registered_at`` if given (an
    imported registration time), else at the event's ``created_at``."""

    id: BookId
    title: str
    author: str
    isbn: str
    registered_at: datetime | None = None
    metadata: Metadata = Metadata(name="book_registered", schema_version=1, published=True)


class BookState(BaseModel):
    """What a book was when a change was made: an undo applies only while it still is."""

    model_config = ConfigDict(frozen=True)

    title: str
    author: str
    isbn: str


class UpdateBook(Command):
    """Change the title, author or ISBN of a book.

    With ``if_unchanged`` (an undo), the book must still be exactly that, else the command is
    refused (``Err(stale)``): a change made since elsewhere is never overwritten.
    """

    id: BookId
    title: BookText
    author: BookText
    isbn: Isbn
    if_unchanged: BookState | None = None
    metadata: Metadata = Metadata(name="update_book", schema_version=1)


class BookUpdated(Event):
    """A book's title, author or ISBN changed; ``old_*`` say what they were (empty in events
    stored before they were recorded)."""

    id: BookId
    title: str
    author: str
    isbn: str
    old_title: str = ""
    old_author: str = ""
    old_isbn: str = ""
    metadata: Metadata = Metadata(name="book_updated", schema_version=1, published=True)


class DeleteBook(Command):
    """Remove a book from the catalogue (with ``if_unchanged``, only if it still is that)."""

    id: BookId
    if_unchanged: BookState | None = None
    metadata: Metadata = Metadata(name="delete_book", schema_version=1)


class BookDeleted(Event):
    """A book was removed; it carries the book and its registration time so that the removal
    can be undone as if it never happened."""

    id: BookId
    title: str
    author: str
    isbn: str
    registered_at: datetime | None = None
    copies: tuple[CopyState, ...] = ()
    """Its copies, which went with it (empty in events stored before copies existed)."""
    metadata: Metadata = Metadata(name="book_deleted", schema_version=1, published=True)


class RestoreBook(Command):
    """Bring a deleted book back as it was: same id, fields and registration time (an undo,
    or "Restore this book" in the history)."""

    id: BookId
    title: BookText
    author: BookText
    isbn: Isbn
    registered_at: datetime | None = None
    copies: tuple[CopyState, ...] = ()
    """Its copies, back with it; none: it gets a copy #1 as a new book does."""
    metadata: Metadata = Metadata(name="restore_book", schema_version=1)


class BookRestored(Event):
    """A deleted book is back, registered at its original time."""

    id: BookId
    title: str
    author: str
    isbn: str
    registered_at: datetime | None = None
    copies: tuple[CopyState, ...] = ()
    metadata: Metadata = Metadata(name="book_restored", schema_version=1, published=True)


# -- BookDetails: subtitle, publisher, year, pages and cover, with their source -----------


class SetBookDetails(Command):
    """Set the details of a book (all of them: an empty field clears it); ``source`` says
    where they come from ("Open Library", "you").

    With ``if_unchanged`` (an undo, or a fill that must not overwrite), the details must still
    be exactly that, else the command is refused (``Err(stale)``).
    """

    book_id: BookId
    subtitle: DetailText = ""
    publisher: DetailText = ""
    year: Year | None = None
    pages: Pages | None = None
    cover_id: CoverId | None = None
    source: Source = YOU
    if_unchanged: DetailsState | None = None
    metadata: Metadata = Metadata(name="set_book_details", schema_version=1)

    @property
    def state(self) -> DetailsState:
        """The details asked for."""
        return DetailsState.of(self)


class BookDetailsChanged(Event):
    """A book's details changed, from ``source``; ``before`` says what they were (so an undo
    can bring them back)."""

    book_id: BookId
    subtitle: str = ""
    publisher: str = ""
    year: int | None = None
    pages: int | None = None
    cover_id: int | None = None
    source: str
    before: DetailsState = DetailsState()
    metadata: Metadata = Metadata(name="book_details_changed", schema_version=1, published=True)

    @property
    def state(self) -> DetailsState:
        """The details as they are after the change."""
        return DetailsState.of(self)


# --- BookTags (core/domain/tags.py) --------------------------------------------------------


class SetBookTags(Command):
    """Give a book exactly these tags (repeats ignoring case and accents count once).

    With ``if_unchanged`` (an undo), the book must still have exactly those tags, else the
    command is refused (``Err(stale)``).
    """

    book_id: BookId
    tags: list[TagText]
    if_unchanged: list[str] | None = None
    metadata: Metadata = Metadata(name="set_book_tags", schema_version=1)


class BookTagsChanged(Event):
    """A book's tags changed from ``old_tags`` to ``tags``."""

    book_id: BookId
    tags: list[str]
    old_tags: list[str]
    metadata: Metadata = Metadata(name="book_tags_changed", schema_version=1, published=True)


# --- BookSource (core/domain/sources.py) ----------------------------------------------------


class LinkBookSource(Command):
    """Remember that a book is ``source_id`` in files of format ``source`` (an import)."""

    book_id: BookId
    source: str = Field(min_length=1, max_length=100)
    source_id: str = Field(min_length=1, max_length=200)
    metadata: Metadata = Metadata(name="link_book_source", schema_version=1)


class BookSourceLinked(Event):
    """A book is known by ``source_id`` in files of format ``source``."""

    book_id: BookId
    source: str
    source_id: str
    metadata: Metadata = Metadata(name="book_source_linked", schema_version=1)


# --- Imports (core/transfer/planning.py) -----------------------------------------------------


class ImportedReview(BaseModel):
    """The review an imported book's row gives it: the rating and the review of the member
    the file is imported as (``ReviewBook``'s fields but the book)."""

    id: ReviewId = Field(default_factory=uuid7)
    member_id: MemberId
    rate: Rate
    comment: Comment = ""
    written_at: datetime | None = None


class ImportBook(Command):
    """Add a book read from another application's file, with its tags and its id there
    (``source``, ``source_id``; empty when the file has none) and the importing member's
    review of it, in one step of an import's batch: one command stored instead of four."""

    id: BookId = Field(default_factory=uuid7)
    title: BookText
    author: BookText
    isbn: Isbn
    registered_at: datetime | None = None
    tags: list[TagText] = Field(default_factory=list)
    source: str = Field(default="", max_length=100)
    source_id: str = Field(default="", max_length=200)
    review: ImportedReview | None = None
    metadata: Metadata = Metadata(name="import_book", schema_version=1)


class BookImported(BookRegistered):
    """A book was added by an import with what the file said of it: its ``tags`` (distinct,
    as ``BookTags`` keeps them) and the importing member's ``review`` (its ``written_at``
    resolved). One event instead of ``BookRegistered``, ``BookTagsChanged`` and
    ``BookReviewed``: a ``BookRegistered`` to whoever follows registrations, whose tags and
    review the tags list, the ratings tally and the window read from it."""

    tags: list[str] = Field(default_factory=list)
    review: ImportedReview | None = None
    metadata: Metadata = Metadata(name="book_imported", schema_version=1, published=True)
