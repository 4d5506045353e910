"""Unit-of-work ports: the tutorial's, and the catalogue's (read models and steps too)."""

from __future__ import annotations

import abc
from typing import Any

from core.bus import AsyncAbstractMessageStoreRepository, AsyncAbstractUnitOfWork

from .book_details import AbstractBookDetailsRepository
from .club_repositories import (
    AbstractMemberRepository,
    AbstractRatingsProjection,
    AbstractReviewRepository,
)
from .loan_repositories import (
    AbstractAvailabilityProjection,
    AbstractCopyRepository,
    AbstractLoanRepository,
)
from .read_models import AbstractBookListProjection
from .repositories import AbstractEditableBookRepository
from .source_repository import AbstractBookSourceRepository
from .tag_repository import AbstractBookTagsRepository


class AbstractUnitOfWork(
    AsyncAbstractUnitOfWork[
        AbstractEditableBookRepository, AsyncAbstractMessageStoreRepository, Any
    ]
):
    """A transaction over the catalogue; handlers reach the books through ``books``.

    The tutorial's own unit of work subclasses this one and sets only ``books``.
    """

    books: AbstractEditableBookRepository


class AbstractStep(abc.ABC):
    """One command's share of a transaction that runs several (see
    :meth:`AbstractCatalogueUnitOfWork.begin_step`)."""

    @abc.abstractmethod
    async def keep(self) -> None:
        """The command succeeded: its writes stay in the transaction."""

    @abc.abstractmethod
    async def undo(self) -> None:
        """The command was refused: undo its writes, stored messages and unpublished events,
        leaving the rest of the transaction as it was before :meth:`begin_step`."""


class AbstractCatalogueUnitOfWork(AbstractUnitOfWork):
    """The unit of work the catalogue runs every write in: one command, or a batch of
    thousands. Projections keep the read models (``book_list``, ``ratings``) in the same
    transaction. ``tags`` holds the BookTags aggregates, ``sources`` the BookSource links;
    ``members``, ``reviews``, ``copies`` and ``loans`` are the club's aggregates
    (``availability`` their read model)."""

    book_list: AbstractBookListProjection
    book_details: AbstractBookDetailsRepository
    tags: AbstractBookTagsRepository
    sources: AbstractBookSourceRepository
    members: AbstractMemberRepository
    reviews: AbstractReviewRepository
    ratings: AbstractRatingsProjection
    copies: AbstractCopyRepository
    loans: AbstractLoanRepository
    availability: AbstractAvailabilityProjection

    @abc.abstractmethod
    async def begin_step(self) -> AbstractStep:
        """Start one command's share of the transaction; end it with ``keep`` or ``undo``
        before the next step begins."""
