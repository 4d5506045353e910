"""The one control-character rule (``core.domain.control``) is Unicode's Cc and Cs categories,
checked against ``unicodedata`` for every code point."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.control import has_control, without_control


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs")


CONTROL = [chr(code) for code in range(sys.maxunicode + 1) if _is_control(chr(code))]


def test_every_control_code_point_is_found_and_no_other() -> None:
    found = [chr(code) for code in range(sys.maxunicode + 1) if has_control(chr(code))]
    assert found == CONTROL


@pytest.mark.parametrize("char", ["\n", "\t", "\x00", "\x7f", "\x85", "\ud800"])
def test_line_breaks_may_be_allowed_and_nothing_else(char: str) -> None:
    assert has_control(f"a{char}b", line_breaks=True) is (char != "\n")


@given(st.text())
def test_without_control_keeps_every_other_character(text: str) -> None:
    assert without_control(text) == "".join(c for c in text if not _is_control(c))
    assert has_control(text) is any(_is_control(c) for c in text)
