"""The Book aggregate."""

from __future__ import annotations

from uuid import UUID

from core.bus import Model

from .isbn import BookText, Isbn

BookId = UUID
"""Identifier of a book."""


class Book(Model):
    """A book of the club's catalogue: exactly the seed's fields.

    ``isbn`` is validated and normalised to its ISBN-13 digits, so an ISBN-10 and the ISBN-13 of
    the same number make equal books. When it was registered is kept by the read side.
    """

    id: BookId
    title: BookText
    author: BookText
    isbn: Isbn
