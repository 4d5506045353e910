"""What an import asks of the catalogue before a batch: which of its rows are books already
there, by the id they have in the file's source, by ISBN, or (rows without an ISBN) by title
and author ignoring case and accents; with their copies, and (when the batch's rows lend books)
who has them. A read port: the SQL views answer it in three queries per batch (a fourth for
the loans), the in-memory fake from its dicts."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.domain.member import MemberId
from core.domain.model import BookId
from core.domain.ordering import fold

type SourceKey = tuple[str, str]
"""A file format and a book's id in files of that format: ("Goodreads", "2657")."""
type NameKey = tuple[str, str]
"""A title and an author, folded (:func:`name_key`)."""


def name_key(title: str, author: str) -> NameKey:
    """What two books without an ISBN are compared by: title and author, trimmed and folded."""
    return fold(title.strip()), fold(author.strip())


@dataclass(frozen=True, slots=True)
class StoredBook:
    """A book found for a row: its id, its tags (sorted as read), how many copies it has,
    and the borrower of each of its open loans (only when the look-up asked for ``loans``)."""

    id: BookId
    tags: tuple[str, ...] = ()
    copies: int = 1
    borrowers: tuple[MemberId, ...] = ()


@dataclass(slots=True)
class ImportLookup:
    """The keys of a batch's rows that may name stored books; ``loans``: the rows lend books,
    so say who has the found books' copies."""

    sources: set[SourceKey] = field(default_factory=set)
    isbns: set[str] = field(default_factory=set)
    names: set[NameKey] = field(default_factory=set)
    loans: bool = False

    def __bool__(self) -> bool:
        return bool(self.sources or self.isbns or self.names)


@dataclass(slots=True)
class ImportMatches:
    """The stored books found for an :class:`ImportLookup`, by each kind of key (by name: the
    first registered of those with that title and author)."""

    by_source: dict[SourceKey, StoredBook] = field(default_factory=dict)
    by_isbn: dict[str, StoredBook] = field(default_factory=dict)
    by_name: dict[NameKey, StoredBook] = field(default_factory=dict)
