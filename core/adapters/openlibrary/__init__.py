"""The Open Library adapter of the book information port (``core.service.book_info``)."""

from __future__ import annotations

from core.adapters.openlibrary.adapter import OpenLibrary
from core.adapters.openlibrary.environment import (
    default_cache_dir,
    open_library_from_environment,
    user_agent,
)
from core.adapters.openlibrary.manners import RateLimiter

__all__ = [
    "OpenLibrary",
    "RateLimiter",
    "default_cache_dir",
    "open_library_from_environment",
    "user_agent",
]
