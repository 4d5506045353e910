"""A book's stored keys, folded once, are its title's and author's ``text_key`` and its
``search_text``."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.domain.ordering import book_keys, search_text, text_key


@given(st.text(), st.text(), st.text(alphabet="0123456789", max_size=13))
def test_book_keys_are_the_text_keys_and_the_search_text(
    title: str, author: str, isbn: str
) -> None:
    assert book_keys(title, author, isbn) == (
        text_key(title),
        text_key(author),
        search_text(title, author, isbn),
    )
