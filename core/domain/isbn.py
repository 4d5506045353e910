"""Book value rules: ISBNs (via python-stdnum) and the title/author text rules."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator
from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError

from .control import has_control
from .isbn_text import hyphenated_isbn as hyphenated_isbn  # shown by one rule

MAX_TEXT_LENGTH = 500


def canonical_isbn(value: str) -> str:
    """The ISBN-13 digits of an ISBN-10 or ISBN-13 typed with or without spaces and hyphens.

    Raises ``ValueError`` with a phrase that reads after the field's name ("ISBN ...").
    """
    if _is_valid_isbn13(value):  # already the stored form (imports, stored books): one check
        return value
    compact = stdnum_isbn.compact(value)
    if not compact:
        raise ValueError("is required")
    if _is_valid_isbn13(compact):  # the stored form, and most typed ISBNs: one cheap check
        return compact
    try:
        stdnum_isbn.validate(compact)
    except InvalidChecksum:
        raise ValueError("has a wrong check digit") from None
    except InvalidLength:
        raise ValueError("must have 10 or 13 digits") from None
    except InvalidComponent:
        raise ValueError("must start with 978 or 979 when it has 13 digits") from None
    except ValidationError:
        raise ValueError("may contain only digits, hyphens and spaces (and a final X)") from None
    return stdnum_isbn.to_isbn13(compact)


def _is_valid_isbn13(compact: str) -> bool:
    return (
        len(compact) == 13
        and compact.isascii()
        and compact.isdigit()
        and compact.startswith(("978", "979"))
        and ean13_check_digit(compact[:12]) == compact[12]
    )


_ZEROS = 6 * ord("0")


def ean13_check_digit(twelve: str) -> str:
    """The EAN-13 check digit of 12 ASCII digits: what ``stdnum.ean.calc_check_digit`` gives
    (tests/domain compare them), several times faster: an import checks every row's ISBN."""
    codes = twelve.encode("ascii")
    total = sum(codes[0::2]) - _ZEROS + 3 * (sum(codes[1::2]) - _ZEROS)
    return "0123456789"[-total % 10]


def optional_isbn(value: str) -> str:
    """:func:`canonical_isbn`, or ``""`` for a book without an ISBN (nothing typed but
    spaces and hyphens): old books, self-published ones and e-books have none."""
    if _is_valid_isbn13(value):  # the stored form (imports, stored books): one check
        return value
    if not value.replace("-", "").strip():
        return ""
    return canonical_isbn(value)


def clean_text(value: str) -> str:
    """Title and author rules: trimmed, not empty, at most 500 characters, no control characters.

    Raises ``ValueError`` with a phrase that reads after the field's name ("Title ...").
    """
    text = value.strip()
    if not text:
        raise ValueError("is required")
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"is longer than {MAX_TEXT_LENGTH} characters ({len(text)})")
    if has_control(text):
        raise ValueError("contains a control character")
    return text


Isbn = Annotated[str, AfterValidator(optional_isbn)]
"""A valid ISBN, stored as its ISBN-13 digits, or ``""`` for a book without one (only a
non-empty ISBN is unique)."""
BookText = Annotated[str, AfterValidator(clean_text)]
"""A title or an author name."""
