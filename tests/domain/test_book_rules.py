"""The book's value rules: ISBNs, titles and authors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lastuuid.dummies import uuidgen
from pydantic import ValidationError
from stdnum import ean

from core.domain.isbn import canonical_isbn, ean13_check_digit, hyphenated_isbn
from core.domain.messages import RegisterBook, RegisterBookV2
from core.domain.model import Book


def _error_fields(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {str(error["loc"][0]) for error in exc.value.errors()}


@pytest.mark.parametrize(
    "typed",
    ["0-321-12521-5", "0321125215", "978-0-321-12521-7", "9780321125217", " 978 0321 125217 "],
)
def test_isbn10_and_isbn13_forms_have_one_canonical_form(typed: str) -> None:
    """Hyphens, spaces and the ISBN-10 form all become the same ISBN-13 digits."""
    assert canonical_isbn(typed) == "9780321125217"


def test_an_isbn10_ending_in_x_is_accepted() -> None:
    """The X check digit of an ISBN-10 is valid input."""
    assert canonical_isbn("0-8044-2957-X") == "9780804429573"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("0-321-12521-6", "has a wrong check digit"),
        ("978-0-321-12521-8", "has a wrong check digit"),
        ("12345", "must have 10 or 13 digits"),
        ("", "is required"),
        ("   ", "is required"),
        ("977-0-321-12521-8", "must start with 978 or 979"),
        ("97803211252ab", "may contain only digits"),
    ],
)
def test_a_malformed_isbn_is_refused_with_its_reason(typed: str, reason: str) -> None:
    """Each kind of bad ISBN gets its own phrase."""
    with pytest.raises(ValueError, match=reason):
        canonical_isbn(typed)


def test_an_isbn_is_displayed_hyphenated() -> None:
    """Display uses the registration-group hyphenation of the ISBN-13."""
    assert hyphenated_isbn("9780321125217") == "978-0-321-12521-7"


def test_books_from_isbn10_and_isbn13_are_equal() -> None:
    """The seed's Book(isbn="0-321-12521-5") equals the book stored from its ISBN-13."""
    common = {"id": uuidgen(1), "title": "Domain Driven Design", "author": "Eric Evans"}
    assert Book(**common, isbn="0-321-12521-5") == Book(**common, isbn="9780321125217")


def test_titles_and_authors_are_trimmed() -> None:
    """Surrounding white space is not part of a title or an author."""
    cmd = RegisterBook(title="  Dune ", author="\tFrank Herbert\n", isbn="9780441013593")
    assert (cmd.title, cmd.author) == ("Dune", "Frank Herbert")


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        ("", "is required"),
        ("   ", "is required"),
        ("x" * 501, "is longer than 500 characters"),
        ("Bad\x00title", "contains a control character"),
        ("Bell\x07", "contains a control character"),
    ],
)
def test_a_bad_title_is_refused_when_the_command_is_built(title: str, reason: str) -> None:
    """The validation error names the title field and the problem."""
    with pytest.raises(ValidationError, match=reason) as exc:
        RegisterBook(title=title, author="Someone", isbn="9780441013593")
    assert _error_fields(exc) == {"title"}


def test_a_bad_author_and_isbn_are_both_named() -> None:
    """Every invalid field is reported, each by its name."""
    with pytest.raises(ValidationError) as exc:
        RegisterBook(title="Dune", author="", isbn="0-321-12521-6")
    assert _error_fields(exc) == {"author", "isbn"}


@pytest.mark.parametrize(
    "title",
    ["Cien años de soledad", "שלום", "Ελληνικά", "e\u0301te\u0301", "'; DROP TABLE books;--"],
)
def test_any_unicode_text_is_a_valid_title(title: str) -> None:
    """Accents, right-to-left scripts, combining marks and SQL-looking text are kept as typed."""
    assert RegisterBook(title=title, author="A", isbn="9780441013593").title == title


def test_exactly_500_characters_is_accepted() -> None:
    """The limit is inclusive."""
    assert len(RegisterBook(title="x" * 500, author="A", isbn="9780441013593").title) == 500


def test_register_book_v2_joins_its_authors() -> None:
    """Version 2 carries a list of authors; the book's author is them joined by ", "."""
    cmd = RegisterBookV2(
        title="Good Omens", authors=["Terry Pratchett", "Neil Gaiman"], isbn="9780060853983"
    )
    assert cmd.author == "Terry Pratchett, Neil Gaiman"
    assert cmd.metadata.type_string == "register_book_v2"


def test_register_book_v2_needs_at_least_one_author() -> None:
    """An empty author list names the authors field."""
    with pytest.raises(ValidationError) as exc:
        RegisterBookV2(title="Anonymous", authors=[], isbn="9780060853983")
    assert _error_fields(exc) == {"authors"}


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_the_fast_ean13_check_digit_is_the_one_of_python_stdnum(twelve: str) -> None:
    """Every 12 digits get the check digit stdnum computes."""
    assert ean13_check_digit(twelve) == ean.calc_check_digit(twelve)


@pytest.mark.parametrize("typed", ["", "  ", " - "])
def test_a_book_may_have_no_isbn(typed: str) -> None:
    """Nothing typed (or only spaces and hyphens) is a book without an ISBN: ``""``."""
    book = Book(id=uuidgen(5), title="Beowulf", author="Anonymous", isbn=typed)
    assert (book.isbn, hyphenated_isbn(book.isbn)) == ("", "")
