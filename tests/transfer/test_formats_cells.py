"""The cell rules the formats share: ratings, dates, tags and reviews."""

from __future__ import annotations

from datetime import date

import pytest

from core.transfer.formats.cells import day, plain_text, stars, tag_set


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("5", 10),
        ("0", 0),
        ("4.5", 9),
        ("3.75", 8),
        ("4.25", 9),
        ("2.1", 4),
        ("3,5", 7),
        ("", None),
        ("5.5", None),
        ("-1", None),
        ("NaN", None),
        ("four", None),
    ],
)
def test_stars_are_doubled_and_rounded_half_up(text: str, rating: int | None) -> None:
    """A 0-5 star rating becomes 0-10, halves up; anything else is no rating."""
    assert stars(text) == rating


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("2023/05/14", date(2023, 5, 14)),
        ("2023-05-14", date(2023, 5, 14)),
        ("[2007-05-08]", date(2007, 5, 8)),
        ("2023/5/4", date(2023, 5, 4)),
        ("2023-05-14T10:00:00+02:00", date(2023, 5, 14)),
        ("", None),
        ("2023/13/01", None),
        ("not yet", None),
    ],
)
def test_dates_are_read_in_the_exports_shapes(text: str, when: date | None) -> None:
    """Slashes, hyphens, brackets and a time after the date are understood."""
    assert day(text) == when


def test_tags_are_trimmed_cut_to_fifty_characters_and_distinct_ignoring_case() -> None:
    """Blank tags go, long ones are cut, the first spelling of a repeated tag stays."""
    long = "a" * 60
    assert tag_set(" read ", "Sci-Fi, sci-fi, , " + long, "READ") == ("read", "Sci-Fi", "a" * 50)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("Plain review", "Plain review"),
        ("One<br/>two<br>three<BR />four", "One\ntwo\nthree\nfour"),
        ("<b>Bold</b> &amp; <i>italic</i> &#8212; &eacute;t&eacute;", "Bold & italic \u2014 été"),
        ("&lt;b&gt; stays text", "<b> stays text"),
        ("I <3 this, 2 < 3", "I <3 this, 2 < 3"),
        ("  line\r\nends\r  ", "line\nends"),
    ],
)
def test_reviews_become_plain_text(html: str, text: str) -> None:
    """Line-break tags are newlines, other tags go, character references are decoded."""
    assert plain_text(html) == text
