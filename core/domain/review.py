"""The Review aggregate: one member's rate (0-10) and comment on one book.

A comment is plain text of at most 10,000 characters: line breaks are kept (any of CR LF, CR
or LF becomes LF), every other control character is refused.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import AfterValidator, Field, Strict

from core.bus import Model

from .control import has_control
from .member import MemberId
from .model import BookId

ReviewId = UUID
"""Identifier of a review."""
MAX_COMMENT_LENGTH = 10_000
MIN_RATE, MAX_RATE = 0, 10


def clean_comment(value: str) -> str:
    """Comment rules (see the module); raises ``ValueError`` that reads after "Comment"."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_COMMENT_LENGTH:
        raise ValueError(f"is longer than {MAX_COMMENT_LENGTH} characters ({len(text)})")
    if has_control(text, line_breaks=True):
        raise ValueError("contains a control character other than a line break")
    return text


Rate = Annotated[int, Strict(), Field(ge=MIN_RATE, le=MAX_RATE)]
"""A whole rate from 0 to 10."""
Comment = Annotated[str, AfterValidator(clean_comment)]
"""A review's plain-text comment."""


class Review(Model):
    """One member's review of one book (at most one per member and book)."""

    id: ReviewId
    member_id: MemberId
    book_id: BookId
    rate: Rate
    comment: Comment = ""
    written_at: datetime
