"""The unit-of-work port of the catalogue."""

from __future__ import annotations

from typing import Any

from core.bus import AsyncAbstractMessageStoreRepository, AsyncAbstractUnitOfWork

from .repositories import AbstractBookRepository


class AbstractUnitOfWork(
    AsyncAbstractUnitOfWork[AbstractBookRepository, AsyncAbstractMessageStoreRepository, Any]
):
    """A transaction over the catalogue; handlers reach the books through ``books``."""

    books: AbstractBookRepository
