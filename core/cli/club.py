"""``reading-club members|reviews``: the club's members, and the reviews they wrote.

``--json`` prints one array for scripts; without it, tab-separated lines (a comment's line
breaks shown as " / ", so that a review stays on one line).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO
from uuid import UUID

from core.domain.isbn import canonical_isbn
from core.service.catalogue import Catalogue
from core.service.club_views import ReviewSummary
from core.service.views import BookSummary

from .common import EXIT_OK, EXIT_SKIPPED, database_option

FORMER = " (former member)"
"""Follows the nickname of a member who left the club."""


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``members`` and ``reviews``."""
    members = commands.add_parser("members", help="print the club's members")
    members.set_defaults(handler=_members, needs_catalogue=True)
    reviews = commands.add_parser("reviews", help="print the reviews, newest first")
    reviews.add_argument("--book", metavar="ISBN_OR_ID", help="only this book's reviews")
    reviews.set_defaults(handler=_reviews, needs_catalogue=True)
    for sub in (members, reviews):
        sub.add_argument("--json", action="store_true", help="one JSON array, for scripts")
        database_option(sub)


async def _members(arguments: argparse.Namespace, catalogue: Catalogue) -> int:
    return await list_members(catalogue, arguments.json, sys.stdout)


async def _reviews(arguments: argparse.Namespace, catalogue: Catalogue) -> int:
    return await list_reviews(catalogue, arguments.book, arguments.json, sys.stdout)


async def list_members(catalogue: Catalogue, as_json: bool, out: TextIO) -> int:
    """Print the current members: nickname, email and how many reviews they wrote."""
    members = await catalogue.views.members()
    if as_json:
        items = [
            {"id": str(m.id), "nickname": m.nickname, "email": m.email, "reviews": m.reviews}
            for m in members
        ]
        _dump(items, out)
        return EXIT_OK
    for member in members:
        print(f"{member.nickname}\t{member.email}\t{member.reviews}", file=out)
    return EXIT_OK


async def find_book(catalogue: Catalogue, isbn_or_id: str) -> BookSummary | None:
    """The book with this id, or holding this ISBN (in any form); ``None`` if none."""
    try:
        return await catalogue.views.book_by_id(UUID(isbn_or_id))
    except ValueError:
        pass
    try:
        return await catalogue.views.book_by_isbn(canonical_isbn(isbn_or_id))
    except ValueError:
        return None


async def list_reviews(catalogue: Catalogue, book: str | None, as_json: bool, out: TextIO) -> int:
    """Print the reviews (of one book): date, title, member, rate, comment. Exit 1 when the
    book is not found."""
    book_id = None
    if book is not None:
        found = await find_book(catalogue, book)
        if found is None:
            print(f"reading-club: no book has the ISBN or id {book!r}", file=sys.stderr)
            return EXIT_SKIPPED
        book_id = found.id
    reviews = await catalogue.views.reviews(book_id=book_id)
    if as_json:
        _dump([review_item(review) for review in reviews], out)
        return EXIT_OK
    for review in reviews:
        member = review.nickname + (FORMER if review.former else "")
        comment = review.comment.replace("\n", " / ")
        cells = (review.written_at.isoformat(), review.title, member, str(review.rate), comment)
        print("\t".join(cells), file=out)
    return EXIT_OK


def review_item(review: ReviewSummary) -> dict[str, Any]:
    """A review as ``reviews --json`` prints it."""
    return {
        "id": str(review.id),
        "book_id": str(review.book_id),
        "book": review.title,
        "member_id": str(review.member_id),
        "member": review.nickname,
        "former_member": review.former,
        "rate": review.rate,
        "comment": review.comment,
        "date": review.written_at.isoformat(),
    }


def _dump(items: list[dict[str, Any]], out: TextIO) -> None:
    out.write(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
