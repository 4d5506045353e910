"""One rule for control characters in every text a member types or a file brings: Unicode's
categories Cc (C0 controls, DEL, C1 controls) and Cs (lone surrogates).

Written once as a compiled pattern because a per-character ``unicodedata.category`` test was
written in six places and, in review comments alone, cost 7 % of a Goodreads import.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_BUT_LINE_FEED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def has_control(text: str, line_breaks: bool = False) -> bool:
    """Whether ``text`` holds a control character (a line feed allowed with ``line_breaks``)."""
    pattern = _CONTROL_BUT_LINE_FEED if line_breaks else _CONTROL
    return pattern.search(text) is not None


def without_control(text: str, replacement: str = "") -> str:
    """``text`` with every control character removed (or replaced by ``replacement``)."""
    return _CONTROL.sub(replacement, text)
