"""Valid ISBNs for tests."""

from __future__ import annotations

from stdnum import ean


def isbn13(number: int) -> str:
    """A valid ISBN-13 made from ``number`` (978-0-00-… range)."""
    digits = f"978000{number:06}"
    return digits + ean.calc_check_digit(digits)
