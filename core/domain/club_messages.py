"""Commands and events of the club's members and reviews (re-exported by
``core.domain.messages``).

Each event carries what undoing it needs (``old_*`` fields, or the whole thing removed); each
command that an undo sends carries ``if_unchanged``: what the thing must still be, else the
command is refused (``Err(stale)``) rather than applied over a change made since.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from core.bus import Command, Event, Field, Metadata
from core.bus.ids import uuid7

from .member import Email, MemberId, Nickname
from .model import BookId
from .review import Comment, Rate, ReviewId

# --- Members ---------------------------------------------------------------------------------


class MemberState(BaseModel):
    """What a member was when a change was made: an undo applies only while it still is."""

    model_config = ConfigDict(frozen=True)

    nickname: str
    email: str


class RegisterMember(Command):
    """Add a member; their nickname must not read like a current member's."""

    id: MemberId = Field(default_factory=uuid7)
    nickname: Nickname
    email: Email = ""
    metadata: Metadata = Metadata(name="register_member", schema_version=1)


class MemberRegistered(Event):
    """A member joined the club."""

    id: MemberId
    nickname: str
    email: str = ""
    metadata: Metadata = Metadata(name="member_registered", schema_version=1, published=True)


class UpdateMember(Command):
    """Change a member's nickname or email."""

    id: MemberId
    nickname: Nickname
    email: Email = ""
    if_unchanged: MemberState | None = None
    metadata: Metadata = Metadata(name="update_member", schema_version=1)


class MemberUpdated(Event):
    """A member's nickname or email changed; ``old_*`` say what they were."""

    id: MemberId
    nickname: str
    email: str = ""
    old_nickname: str
    old_email: str = ""
    metadata: Metadata = Metadata(name="member_updated", schema_version=1, published=True)


class RemoveMember(Command):
    """Remove a member; their reviews stay, shown as a former member's."""

    id: MemberId
    if_unchanged: MemberState | None = None
    metadata: Metadata = Metadata(name="remove_member", schema_version=1)


class MemberRemoved(Event):
    """A member left the club (their reviews stay)."""

    id: MemberId
    nickname: str
    email: str = ""
    metadata: Metadata = Metadata(name="member_removed", schema_version=1, published=True)


class RestoreMember(Command):
    """Bring a removed member back (an undo); refused if their nickname is taken meanwhile."""

    id: MemberId
    metadata: Metadata = Metadata(name="restore_member", schema_version=1)


class MemberRestored(Event):
    """A removed member is a member again."""

    id: MemberId
    nickname: str
    email: str = ""
    metadata: Metadata = Metadata(name="member_restored", schema_version=1, published=True)


# --- Reviews ---------------------------------------------------------------------------------


class ReviewState(BaseModel):
    """What a review was when a change was made: an undo applies only while it still is."""

    model_config = ConfigDict(frozen=True)

    rate: int
    comment: str


class ReviewBook(Command):
    """A member reviews a book: a rate from 0 to 10 and a comment; one review per member and
    book (a second is ``Err(integrity_error)``)."""

    id: ReviewId = Field(default_factory=uuid7)
    member_id: MemberId
    book_id: BookId
    rate: Rate
    comment: Comment = ""
    written_at: datetime | None = None
    metadata: Metadata = Metadata(name="review_book", schema_version=1)


class BookReviewed(Event):
    """A member reviewed a book, at ``written_at`` (the event's time unless imported)."""

    id: ReviewId
    member_id: MemberId
    book_id: BookId
    rate: int
    comment: str = ""
    written_at: datetime | None = None
    metadata: Metadata = Metadata(name="book_reviewed", schema_version=1, published=True)


class UpdateReview(Command):
    """Change a review's rate or comment."""

    id: ReviewId
    rate: Rate
    comment: Comment = ""
    if_unchanged: ReviewState | None = None
    metadata: Metadata = Metadata(name="update_review", schema_version=1)


class ReviewUpdated(Event):
    """A review's rate or comment changed; ``old_*`` say what they were."""

    id: ReviewId
    member_id: MemberId
    book_id: BookId
    rate: int
    comment: str = ""
    old_rate: int
    old_comment: str = ""
    metadata: Metadata = Metadata(name="review_updated", schema_version=1, published=True)


class DeleteReview(Command):
    """Remove a review."""

    id: ReviewId
    if_unchanged: ReviewState | None = None
    metadata: Metadata = Metadata(name="delete_review", schema_version=1)


class ReviewDeleted(Event):
    """A review was removed (by itself, or with its book); it carries the whole review so
    that the removal can be undone."""

    id: ReviewId
    member_id: MemberId
    book_id: BookId
    rate: int
    comment: str = ""
    written_at: datetime | None = None
    metadata: Metadata = Metadata(name="review_deleted", schema_version=1, published=True)


class RestoreReview(Command):
    """Bring a deleted review back as it was (an undo), even a former member's."""

    id: ReviewId
    member_id: MemberId
    book_id: BookId
    rate: Rate
    comment: Comment = ""
    written_at: datetime | None = None
    metadata: Metadata = Metadata(name="restore_review", schema_version=1)


class ReviewRestored(Event):
    """A deleted review is back."""

    id: ReviewId
    member_id: MemberId
    book_id: BookId
    rate: int
    comment: str = ""
    written_at: datetime | None = None
    metadata: Metadata = Metadata(name="review_restored", schema_version=1, published=True)
