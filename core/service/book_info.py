"""The book information port: what a catalogue of published books (Open Library) tells about
an ISBN, and why it sometimes cannot.

Nothing here knows of HTTP: adapters (``core/adapters/openlibrary``) implement
:class:`AbstractBookInformation`; the form, "Fill in missing details…" and ``reading-club
lookup`` use it. Being offline is a normal state, reported by :class:`BookInfoUnavailable`.
"""

from __future__ import annotations

import abc
import enum
from dataclasses import dataclass
from types import TracebackType
from typing import Self

OPEN_LIBRARY = "Open Library"


@dataclass(frozen=True, slots=True)
class BookInfo:
    """What the source knows of one edition, as plain values.

    ``isbn`` is the ISBN-13 digits that were looked up; ``cover_id`` is ``None`` when the
    source has no cover; ``key`` is the source's own name of the edition (for Open Library
    ``/books/OL7353617M``), so a later change can record where the details came from.
    """

    isbn: str
    title: str
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    publish_date: str = ""
    pages: int | None = None
    cover_id: int | None = None
    source: str = OPEN_LIBRARY
    key: str = ""


class UnavailableReason(enum.StrEnum):
    """Why a source could not answer."""

    OFFLINE = "offline"  # no connection: DNS, refused, reset
    TIMEOUT = "timeout"  # connected, but no answer in time
    REFUSED = "refused"  # 403: the source will not serve us
    RATE_LIMITED = "rate_limited"  # 429: asked to slow down
    SERVER_ERROR = "server_error"  # 5xx
    BAD_ANSWER = "bad_answer"  # malformed JSON, too large, a redirect loop, a strange status


_MESSAGES = {
    UnavailableReason.OFFLINE: "{source} cannot be reached (offline?).",
    UnavailableReason.TIMEOUT: "{source} did not answer in time.",
    UnavailableReason.REFUSED: "{source} refused the look-up.",
    UnavailableReason.RATE_LIMITED: "{source} asks us to slow down; try again {when}.",
    UnavailableReason.SERVER_ERROR: "{source} has a problem of its own; try again later.",
    UnavailableReason.BAD_ANSWER: "{source} sent an answer that cannot be read.",
}


class BookInfoUnavailable(Exception):
    """The source could not answer; nothing was learnt and nothing was written.

    ``str(error)`` is one short sentence for the user; ``reason`` says which case it is,
    ``retry_after`` how many seconds the source asked us to wait (when it said so), and
    ``detail`` what happened, for logs only.
    """

    def __init__(
        self,
        reason: UnavailableReason,
        *,
        source: str = OPEN_LIBRARY,
        retry_after: float | None = None,
        detail: str = "",
    ) -> None:
        self.reason = reason
        self.source = source
        self.retry_after = retry_after
        self.detail = detail
        super().__init__(_MESSAGES[reason].format(source=source, when=_when(retry_after)))


def _when(seconds: float | None) -> str:
    if seconds is None:
        return "in a minute"
    if seconds < 90:
        return f"in {max(1, round(seconds))} s"
    return f"in {round(seconds / 60)} min"


class AbstractBookInformation(abc.ABC):
    """A source of book details looked up by ISBN, and of cover images.

    Implementations make no request for an invalid ISBN, may cache answers, and never write
    to the catalogue. Use one instance per process and close it with :meth:`aclose` (or
    ``async with``).
    """

    name: str
    """The source's name, for the user ("from Open Library")."""

    @abc.abstractmethod
    async def by_isbn(self, isbn: str) -> BookInfo | None:
        """The edition with this ISBN (ISBN-10 or -13, hyphens and spaces allowed), or
        ``None`` when the source does not know it.

        Raises ``ValueError`` (the ISBN rules' phrase) for an invalid ISBN, before any
        request, and :class:`BookInfoUnavailable` when the source cannot answer.
        """

    @abc.abstractmethod
    async def cover(self, cover_id: int, size: str = "M") -> bytes | None:
        """The cover image ``cover_id`` (a :attr:`BookInfo.cover_id`) in size ``"S"``,
        ``"M"`` or ``"L"``: its encoded bytes (JPEG), or ``None`` when there is none.

        Raises ``ValueError`` for another size or an id below 1, and
        :class:`BookInfoUnavailable` when the source cannot answer.
        """

    @abc.abstractmethod
    async def aclose(self) -> None:
        """Release connections; the instance is not used afterwards."""

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
