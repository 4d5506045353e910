"""Members through the bus on every back-end: nicknames unique ignoring case and accents,
validation when a command is built, removal keeping the reviews."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from core.bootstrap import Catalogue
from core.domain.messages import (
    MemberRegistered,
    RegisterMember,
    RemoveMember,
    ReviewBook,
    UpdateMember,
)
from core.domain.result import Err, Ok
from core.service.club_repositories import ClubError
from core.service.repositories import BookRepositoryError as Code
from tests.club.conftest import ALICE, BOB, DUNE


async def test_a_member_is_registered_with_a_trimmed_nickname(club: Catalogue) -> None:
    """The nickname is trimmed, the email normalised; the event says so."""
    outcome = await club.run(RegisterMember(nickname="  Zoé  ", email="Zoe@Example.org"))
    assert outcome.result == Ok(...)
    (event,) = outcome.events
    assert isinstance(event, MemberRegistered)
    assert event.nickname == "Zoé"
    members = await club.views.members()
    assert [(m.nickname, m.email, m.reviews) for m in members] == [("Zoé", "Zoe@example.org", 0)]


async def test_a_nickname_that_reads_the_same_is_taken(club: Catalogue) -> None:
    """ "zoe" after "Zoé": Err(integrity_error) saying why; nothing is written."""
    assert await club.execute(RegisterMember(nickname="Zoé")) == Ok(...)
    result = await club.execute(RegisterMember(nickname=" ZOE "))
    assert isinstance(result, Err)
    assert result.error.code is Code.integrity_error
    assert "ZOE" in result.error.message
    assert [m.nickname for m in await club.views.members()] == ["Zoé"]


async def test_members_are_listed_by_nickname_ignoring_case_and_accents(club: Catalogue) -> None:
    """Émile sorts between Bob and Zed."""
    for nickname in ("zed", "Émile", "Bob"):
        assert await club.execute(RegisterMember(nickname=nickname)) == Ok(...)
    assert [m.nickname for m in await club.views.members()] == ["Bob", "Émile", "zed"]


async def test_a_member_is_renamed_but_not_to_another_members_nickname(club: Catalogue) -> None:
    """Renaming to one's own nickname in other case is fine; to Bob's is refused."""
    assert await club.execute(ALICE) == Ok(...)
    assert await club.execute(BOB) == Ok(...)
    taken = await club.execute(UpdateMember(id=ALICE.id, nickname="bob"))
    assert isinstance(taken, Err)
    assert taken.error.code is Code.integrity_error
    assert await club.execute(UpdateMember(id=ALICE.id, nickname="ALICE")) == Ok(...)
    assert [m.nickname for m in await club.views.members()] == ["ALICE", "Bob"]


async def test_an_unknown_member_is_not_found_with_a_message(club: Catalogue) -> None:
    """Updating or removing a member who is not there: Err(not_found) naming the id."""
    for command in (UpdateMember(id=ALICE.id, nickname="X"), RemoveMember(id=ALICE.id)):
        result = await club.execute(command)
        assert result == Err(ClubError(Code.not_found, f"no member has the id {ALICE.id}"))


async def test_a_removed_member_keeps_their_reviews_and_frees_the_nickname(
    stocked: Catalogue,
) -> None:
    """Alice's review stays, marked former; a new Alice can join; the old one reviews no more."""
    review = ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=8, comment="Spice!")
    assert await stocked.execute(review) == Ok(...)
    assert await stocked.execute(RemoveMember(id=ALICE.id)) == Ok(...)
    (kept,) = await stocked.views.reviews(book_id=DUNE.id)
    assert (kept.nickname, kept.former, kept.rate) == ("Alice", True, 8)
    assert [m.nickname for m in await stocked.views.members()] == ["Bob"]
    assert await stocked.execute(RegisterMember(nickname="alice")) == Ok(...)
    again = await stocked.execute(ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=1))
    assert isinstance(again, Err)
    assert again.error.code is Code.not_found
    (book,) = [b for b in await stocked.views.reviews() if b.book_id == DUNE.id]
    assert book.rate == 8


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"nickname": "   "}, "nickname"),
        ({"nickname": "x" * 81}, "nickname"),
        ({"nickname": "a\tb"}, "nickname"),
        ({"nickname": "Ann", "email": "not an address"}, "email"),
    ],
)
def test_bad_member_fields_are_refused_when_the_command_is_built(
    fields: dict[str, str], field: str
) -> None:
    """Blank, over-long or control-character nicknames and bad emails name their field."""
    with pytest.raises(ValidationError) as raised:
        RegisterMember(**fields)
    assert raised.value.errors()[0]["loc"] == (field,)


def test_a_nickname_of_80_characters_is_fine() -> None:
    """The limit is inclusive, after trimming."""
    assert RegisterMember(nickname=" " + "é" * 80 + " ").nickname == "é" * 80
