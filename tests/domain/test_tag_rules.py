"""Tags without repeats: two tags are the same when their folded text is (``tag_key``),
the first spelling kept, sorted as read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.domain.tags import distinct_tags, same_tags, tag_key


def test_repeats_differing_in_case_or_accents_keep_the_first_spelling() -> None:
    assert distinct_tags(["Sci-Fi", "sci-fi", "Émile", "emile", "classics"]) == [
        "classics",
        "Émile",
        "Sci-Fi",
    ]


@given(st.lists(st.text(min_size=1, max_size=12)))
def test_distinct_tags_are_one_per_key_in_key_order(tags: list[str]) -> None:
    """What the list keeps is, for each folded key, the first tag with it, sorted by key."""
    first: dict[str, str] = {}
    for tag in tags:
        first.setdefault(tag_key(tag), tag)
    assert distinct_tags(tags) == [first[key] for key in sorted(first)]
    assert same_tags(distinct_tags(tags), tags)
