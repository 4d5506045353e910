"""How an ISBN is shown: a module of its own, importing only python-stdnum, so that the
start-up shell's first page (``core.adapters.first_page``) shows ISBNs by the same rule
without importing the domain's validators (pydantic)."""

from __future__ import annotations

from stdnum import isbn as stdnum_isbn


def hyphenated_isbn(canonical: str) -> str:
    """The ISBN-13 with hyphens between its parts, for display (e.g. 978-0-321-12521-7);
    ``""`` for a book without one."""
    return str(stdnum_isbn.format(canonical)) if canonical else ""
