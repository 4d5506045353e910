"""Write ports of the club's aggregates (members, reviews) and the ratings read model.

The repositories answer like the book repository: ``Ok(...)`` or ``Err`` with a
:class:`~core.service.repositories.BookRepositoryError` code; the handlers turn a refusal into
a :class:`ClubError`, which also says what was refused, for people.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from types import EllipsisType

from core.bus import AsyncAbstractRepository
from core.domain.member import Member, MemberId
from core.domain.model import BookId
from core.domain.result import Result
from core.domain.review import Review, ReviewId

from .repositories import BookRepositoryError

type Code = BookRepositoryError
type StoreResult[T] = Result[T, BookRepositoryError]
type StoreOperation = Result[EllipsisType, BookRepositoryError]


@dataclass(frozen=True, slots=True)
class ClubError:
    """Why a command on members or reviews was refused: a ``code`` to test (``not_found``,
    ``integrity_error``, ``stale``) and a ``message`` for people."""

    code: BookRepositoryError
    message: str

    def __str__(self) -> str:
        return self.message


type ClubResult = Result[EllipsisType, ClubError]
"""``Ok(...)`` when the command was done, otherwise why not."""


class AbstractMemberRepository(AsyncAbstractRepository[Member]):
    """Members, current and former. A removed member stays (``former``) for their reviews;
    only current members' nicknames must differ (ignoring case and accents)."""

    @abc.abstractmethod
    async def add(self, model: Member) -> StoreOperation:
        """Add a member; ``Err(integrity_error)`` if the id or the nickname is taken."""

    @abc.abstractmethod
    async def by_id(self, id: MemberId, former: bool = False) -> StoreResult[Member]:
        """The current member with this id (or a former one too, with ``former``), else
        ``Err(not_found)``."""

    @abc.abstractmethod
    async def nickname_taken(self, model: Member) -> bool:
        """Whether another current member's nickname reads like ``model``'s."""

    @abc.abstractmethod
    async def update(self, model: Member) -> StoreOperation:
        """Replace a current member's nickname and email."""

    @abc.abstractmethod
    async def remove(self, model: Member) -> StoreOperation:
        """Make a current member a former one."""

    @abc.abstractmethod
    async def restore(self, model: Member) -> StoreOperation:
        """Make a former member a current one again."""


class AbstractReviewRepository(AsyncAbstractRepository[Review]):
    """Reviews: at most one per member and book."""

    @abc.abstractmethod
    async def add(self, model: Review) -> StoreOperation:
        """Add a review; ``Err(integrity_error)`` if its id is taken or the member has
        reviewed the book already."""

    @abc.abstractmethod
    async def by_id(self, id: ReviewId) -> StoreResult[Review]:
        """The review with this id, or ``Err(not_found)``."""

    @abc.abstractmethod
    async def of_book(self, book_id: BookId) -> list[Review]:
        """The book's reviews, oldest first."""

    @abc.abstractmethod
    async def update(self, model: Review) -> StoreOperation:
        """Replace a review's rate and comment."""

    @abc.abstractmethod
    async def remove(self, model: Review) -> StoreOperation:
        """Remove a review."""


class AbstractRatingsProjection(abc.ABC):
    """The ratings tally of each book (how many reviews, the sum of their rates), which the
    list shows as Rating (the mean) and Reviews (the count) and sorts by."""

    @abc.abstractmethod
    async def tally(self, book_id: BookId, reviews: int, rates: int) -> None:
        """Add ``reviews`` (±1 or 0) and ``rates`` to the book's tally (nothing if the book is
        gone)."""
