"""The BookTags aggregate: the set of tags a book has (Goodreads shelves, LibraryThing tags
and collections, or the club's own), apart from the book's own fields.

A tag is trimmed, at most 50 characters, without control characters; two tags are the same
when their folded text (``ordering.fold``: case and accents ignored) is, the first spelling
kept. ``tag:NAME`` in the search finds the books that have the tag NAME.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from pydantic import AfterValidator

from core.bus import Model

from .control import has_control
from .model import BookId
from .ordering import fold

MAX_TAG_LENGTH = 50


def clean_tag(value: str) -> str:
    """A tag's rules; ``ValueError`` with a phrase that reads after "Tag"."""
    text = value.strip()
    if not text:
        raise ValueError("is empty")
    if len(text) > MAX_TAG_LENGTH:
        raise ValueError(f"is longer than {MAX_TAG_LENGTH} characters ({len(text)})")
    if has_control(text):
        raise ValueError("contains a control character")
    return text


def tag_key(tag: str) -> str:
    """What two tags are compared by: the folded text."""
    return fold(tag)


def distinct_tags(tags: Iterable[str]) -> list[str]:
    """The tags without repeats (compared folded), first spelling kept, sorted as read."""
    kept: dict[str, str] = {}
    for tag in tags:  # tag_key, with fold's ASCII case written out: an import's hot path
        kept.setdefault(tag.lower() if tag.isascii() else fold(tag), tag)
    return [kept[key] for key in sorted(kept)]


def same_tags(first: Iterable[str], second: Iterable[str]) -> bool:
    """Whether two lists hold the same tags (compared folded, in any order)."""
    return {tag_key(tag) for tag in first} == {tag_key(tag) for tag in second}


TagText = Annotated[str, AfterValidator(clean_tag)]
"""A valid tag."""


class BookTags(Model):
    """The tags of one book (``tags`` distinct, as :func:`distinct_tags` gives them)."""

    book_id: BookId
    tags: list[str]
